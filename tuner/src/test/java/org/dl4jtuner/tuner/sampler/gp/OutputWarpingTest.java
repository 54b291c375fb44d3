package org.dl4jtuner.tuner.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputWarpingTest {
    @Test
    void keepsTheOrderAndStandardises() {
        double[] y = {3.0, 1e5, 0.5, 12.0, 250.0, 0.7, 40.0};
        double[] w = OutputWarping.warp(y);
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                assertEquals(Double.compare(y[i], y[j]), Double.compare(w[i], w[j]), "order of " + i + " and " + j);
            }
        }
        double mean = 0;
        double sq = 0;
        for (double v : w) {
            mean += v;
            sq += v * v;
        }
        assertEquals(0, mean / w.length, 1e-9);
        assertEquals(1, sq / w.length, 1e-9);
    }

    @Test
    void tamesAHeavyTail() {
        double[] y = {0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 5.0, 1e4};
        double[] w = OutputWarping.warp(y);
        double sd = 0;
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        for (double v : y) {
            sd += (v - mean) * (v - mean) / y.length;
        }
        sd = Math.sqrt(sd);
        // standardised alone, the outlier squashes the others together: 0.1 and 0.2 end 3e-5 sd apart
        double plainGap = (y[1] - y[0]) / sd;
        assertTrue(w[1] - w[0] > 5 * plainGap, "gap of the two best: warped " + (w[1] - w[0]) + ", plain " + plainGap);
    }

    @Test
    void constantValuesBecomeZeros() {
        assertArrayEquals(new double[3], OutputWarping.warp(new double[] {4, 4, 4}));
    }
}
