package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {
    private static final List<Distribution> RANGE = List.of(FloatDistribution.of(-5, 10));
    private static final double[][] POINTS = {{-4.0}, {-3.5}, {2.0}, {9.0}};

    /** The trapezoid integral of the estimator's density over [-5, 10]. */
    private static double integral(ParzenEstimator estimator) {
        int steps = 20_000;
        double h = 15.0 / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double p = Math.exp(estimator.logPdf(new double[] {-5 + i * h}));
            sum += (i == 0 || i == steps) ? p / 2 : p;
        }
        return sum * h;
    }

    @Test
    void theDensityIntegratesToOneOverTheRange() {
        ParzenEstimator estimator = new ParzenEstimator(RANGE, POINTS, new double[] {1, 1, 1, 1}, 1.0, false);
        assertEquals(1.0, integral(estimator), 1e-4);
    }

    @Test
    void scaledKernelsWeighEachKernelByItsBandwidth() {
        // Neighbour bandwidths over the sorted points and the prior's centre 2.5: -4 -> 0.5 (its only
        // neighbour), raised to the floor 15 / min(100, 4 + 2) = 2.5; -3.5 -> 5.5; 2 -> 5.5; 9 -> 6.5;
        // the prior 15. Each kernel's integral is its bandwidth; the weights are 1/5 each.
        double[] sigmas = {2.5, 5.5, 5.5, 6.5, 15};
        double expected = 0;
        for (double sigma : sigmas) {
            expected += sigma / sigmas.length;
        }
        ParzenEstimator estimator = new ParzenEstimator(RANGE, POINTS, new double[] {1, 1, 1, 1}, 1.0, true);
        assertEquals(expected, integral(estimator), 1e-3);
    }
}
