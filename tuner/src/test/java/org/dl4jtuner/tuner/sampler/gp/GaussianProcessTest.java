package org.dl4jtuner.tuner.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GaussianProcessTest {
    private static final boolean[] NUMERIC_2D = {false, false};

    private static double f(double[] p) {
        return Math.sin(6 * p[0]) + p[1] * p[1];
    }

    private static double[][] points(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = rng.nextDouble();
            row[1] = rng.nextDouble();
        }
        return x;
    }

    private static double[] values(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i]);
        }
        return y;
    }

    @Test
    void aDeterministicFitInterpolatesItsDataAndPredictsNewPoints() {
        double[][] x = points(30, 1);
        double[] y = values(x);
        GaussianProcess gp = GaussianProcess.fit(x, y, NUMERIC_2D, null, true);
        double[] out = new double[2];
        for (int i = 0; i < x.length; i++) {
            gp.predict(x[i], out, null, null);
            assertEquals(y[i], out[0], 1e-3, "mean at a training point");
            assertTrue(out[1] < 1e-3, "variance at a training point: " + out[1]);
        }
        double[][] test = points(50, 2);
        double error = 0;
        for (double[] p : test) {
            gp.predict(p, out, null, null);
            error += Math.abs(out[0] - f(p));
        }
        assertTrue(error / test.length < 0.05, "mean absolute error on new points: " + error / test.length);
    }

    @Test
    void predictionGradientsMatchFiniteDifferences() {
        double[][] x = points(20, 3);
        assertGradientsMatchFiniteDifferences(GaussianProcess.fit(x, values(x), NUMERIC_2D, null, false), 1e-6);
    }

    @Test
    void predictionGradientsMatchFiniteDifferencesAlongAFidelityTrend() {
        double[][] x = points(20, 3);
        // the trend explains x1^2 exactly, the noise fits near zero and the variance is a small difference
        // of large terms: steps of 1e-4 keep rounding out of the finite differences
        assertGradientsMatchFiniteDifferences(GaussianProcess.fit(x, values(x), NUMERIC_2D, 1, null, false), 1e-4);
    }

    /**
     * Learning curves that all improve by 3 from fidelity 0 to 1, configurations ranked the same at
     * every fidelity; the upper half of x is only seen at fidelity 0.25. With the fidelity's trend the
     * model carries the shape seen early over to fidelity 1.
     */
    @Test
    void aFidelityTrendLetsEarlyValuesPredictFinalOnes() {
        int n = 30;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = (i % 15) / 14.0;
            boolean early = i >= 15;
            double point = early ? 0.5 + 0.5 * u : 0.5 * u;
            double fidelity = early ? 0.25 : (i % 2 == 0 ? 1 : 0.25);
            x[i] = new double[] {point, fidelity};
            y[i] = Math.sin(4 * point) + 3 * (1 - fidelity);
        }
        double[] out = new double[2];
        GaussianProcess gp = GaussianProcess.fit(x, y, NUMERIC_2D, 1, null, false);
        for (double point : new double[] {0.6, 0.75, 0.9}) {
            gp.predict(new double[] {point, 1}, out, null, null);
            assertEquals(Math.sin(4 * point), out[0], 0.1, "final value at x=" + point + ", where only early values were seen");
        }
    }

    @Test
    void aFidelityMustBeANumericCoordinate() {
        double[][] x = points(5, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GaussianProcess.fit(x, values(x), new boolean[] {false, true}, 1, null, false));
        assertTrue(e.getMessage().contains("fidelity=1"), e.getMessage());
    }

    private static void assertGradientsMatchFiniteDifferences(GaussianProcess gp, double h) {
        double[] p = {0.37, 0.61};
        double[] out = new double[2];
        double[] dMean = new double[2];
        double[] dVar = new double[2];
        gp.predict(p, out, dMean, dVar);
        for (int j = 0; j < 2; j++) {
            double[] up = p.clone();
            double[] down = p.clone();
            up[j] += h;
            down[j] -= h;
            double[] a = new double[2];
            double[] b = new double[2];
            gp.predict(up, a, null, null);
            gp.predict(down, b, null, null);
            assertEquals((a[0] - b[0]) / (2 * h), dMean[j], 1e-5, "d mean / d x" + j);
            assertEquals((a[1] - b[1]) / (2 * h), dVar[j], 1e-5, "d variance / d x" + j);
        }
    }

    @Test
    void theFitLearnsThatAnIrrelevantDimensionIsLongAndARelevantOneShort() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] x = new double[40][3];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextDouble();
            }
            y[i] = Math.sin(8 * x[i][0]);
        }
        double[] theta = GaussianProcess.fit(x, y, new boolean[3], null, false).theta();
        assertTrue(theta[0] < theta[1] - 1 && theta[0] < theta[2] - 1,
                "log length scales (x0 relevant, x1 and x2 not): " + java.util.Arrays.toString(theta));
    }

    @Test
    void categoricalCoordinatesUseTheirOwnLengthScale() {
        double[][] x = new double[24][2];
        double[] y = new double[24];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (i % 12) / 11.0;
            x[i][1] = i / 12;
            y[i] = x[i][0] + (x[i][1] == 1 ? 2 : 0);
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, new boolean[] {false, true}, null, true);
        double[] out = new double[2];
        gp.predict(new double[] {0.5, 1}, out, null, null);
        assertEquals(2.5, out[0], 0.05, "mean inside category 1");
        gp.predict(new double[] {0.5, 0}, out, null, null);
        assertEquals(0.5, out[0], 0.05, "mean inside category 0");
    }
}
