package org.dl4jtuner.tuner.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogExpectedImprovementTest {
    @Test
    void matchesTheClosedFormWhereExpectedImprovementIsRepresentable() {
        // EI for mean 0, sd 1, best 0: phi(0) = 0.3989422804
        assertEquals(Math.log(0.3989422804014327), LogExpectedImprovement.value(0, 1, 0, null), 1e-6);
        // mean 1, sd 2, best 0: z = -0.5, EI = 2 (phi(-0.5) - 0.5 Phi(-0.5)) = 2 (0.3520653 - 0.5 * 0.3085375)
        double ei = 2 * (0.3520653267642995 - 0.5 * 0.3085375387259869);
        assertEquals(Math.log(ei), LogExpectedImprovement.value(1, 4, 0, null), 1e-6);
    }

    @Test
    void staysFiniteAndDecreasingFarBelowTheIncumbentWhereEiUnderflows() {
        double previous = Double.POSITIVE_INFINITY;
        for (double z = -2; z > -60; z -= 0.5) {
            double v = LogExpectedImprovement.logH(z);
            assertTrue(Double.isFinite(v) && v < previous, "log h(" + z + ") = " + v);
            previous = v;
        }
        double left = LogExpectedImprovement.logH(-8 - 1e-9);
        double right = LogExpectedImprovement.logH(-8 + 1e-9);
        assertEquals(right, left, 1e-3 * Math.abs(right), "the series joins the direct formula at z = -8");
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] cases = {{0.3, 0.5, 0.0}, {2.0, 0.1, 0.0}, {-1.0, 2.0, 0.0}, {5.0, 0.04, 0.0}};
        for (double[] c : cases) {
            double[] g = new double[2];
            LogExpectedImprovement.value(c[0], c[1], c[2], g);
            double h = 1e-6;
            double dMean = (LogExpectedImprovement.value(c[0] + h, c[1], c[2], null)
                    - LogExpectedImprovement.value(c[0] - h, c[1], c[2], null)) / (2 * h);
            double dVar = (LogExpectedImprovement.value(c[0], c[1] + h, c[2], null)
                    - LogExpectedImprovement.value(c[0], c[1] - h, c[2], null)) / (2 * h);
            assertEquals(dMean, g[0], 1e-4 * Math.max(1, Math.abs(dMean)), "d/d mean at " + java.util.Arrays.toString(c));
            assertEquals(dVar, g[1], 1e-4 * Math.max(1, Math.abs(dVar)), "d/d variance at " + java.util.Arrays.toString(c));
        }
    }
}
