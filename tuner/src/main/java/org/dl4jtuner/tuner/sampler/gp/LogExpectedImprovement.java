package org.dl4jtuner.tuner.sampler.gp;

import org.dl4jtuner.tuner.sampler.Normal;

/**
 * The logarithm of expected improvement below {@code best} for a Gaussian prediction, computed
 * without underflow far from the incumbent (Ament et al., "Unexpected improvements to expected
 * improvement", NeurIPS 2023): {@code log EI = log s + log h(z)} with {@code z = (best - mean) / s}
 * and {@code h(z) = phi(z) + z Phi(z)}, using the asymptotic series of {@code h} for very negative
 * {@code z}, where EI itself would round to zero and give the optimiser no slope to climb.
 */
public final class LogExpectedImprovement {
    private static final double ASYMPTOTIC_BELOW = -8;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private LogExpectedImprovement() {
    }

    /**
     * Log EI and, in {@code gradient}, its derivatives with respect to the mean and the variance.
     *
     * @param gradient null, or an array of two that receives d/dmean and d/dvariance
     */
    public static double value(double mean, double variance, double best, double[] gradient) {
        double s = Math.sqrt(variance);
        double z = (best - mean) / s;
        double logH = logH(z);
        if (gradient != null) {
            double ratio = cdfOverH(z);
            gradient[0] = -ratio / s;
            double dS = 1 / s - ratio * z / s;
            gradient[1] = dS / (2 * s);
        }
        return Math.log(s) + logH;
    }

    /** log(phi(z) + z Phi(z)). */
    static double logH(double z) {
        if (z > ASYMPTOTIC_BELOW) {
            return Math.log(Normal.pdf(z) + z * Normal.cdf(z));
        }
        double z2 = z * z;
        double series = 1 - 3 / z2 + 15 / (z2 * z2) - 105 / (z2 * z2 * z2);
        return -0.5 * z2 - LOG_SQRT_2PI - Math.log(z2) + Math.log(series);
    }

    /** Phi(z) / h(z), the derivative of log h. */
    static double cdfOverH(double z) {
        if (z > ASYMPTOTIC_BELOW) {
            return Normal.cdf(z) / (Normal.pdf(z) + z * Normal.cdf(z));
        }
        double z2 = z * z;
        double cdfSeries = 1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2);
        double hSeries = 1 - 3 / z2 + 15 / (z2 * z2) - 105 / (z2 * z2 * z2);
        return -z * cdfSeries / hSeries;
    }
}
