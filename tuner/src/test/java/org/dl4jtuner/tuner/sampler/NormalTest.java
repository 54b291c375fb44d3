package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NormalTest {
    @Test
    void theFastErfcMatchesCommonsMathToSevenDigits() {
        for (double x = -6; x <= 6; x += 0.01) {
            double exact = Erf.erfc(x);
            assertEquals(exact, Normal.erfc(x), 1.3e-7 * exact + 1e-300, "erfc(" + x + ")");
        }
        assertEquals(0.975, Normal.cdf(1.959964), 1e-6);
        assertEquals(0.3989422804, Normal.pdf(0), 1e-9);
    }
}
