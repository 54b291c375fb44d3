package org.dl4jtuner.tuner.sampler;

import org.apache.commons.math3.special.Erf;

/** The standard normal distribution's functions, shared by the model-based samplers. */
final class Normal {
    private static final double SQRT2 = Math.sqrt(2);

    private Normal() {
    }

    /** P(Z <= z). */
    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    /** The density at z. */
    static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }
}
