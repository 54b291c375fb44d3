package org.dl4jtuner.tuner.sampler;

/**
 * The standard normal distribution's functions, shared by the model-based samplers. The
 * complementary error function uses the Chebyshev fit of Numerical Recipes (fractional error
 * below 1.2e-7 everywhere), about twenty times faster than a series evaluation; that precision
 * is far finer than any density model here needs.
 */
public final class Normal {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Normal() {
    }

    /** P(Z <= z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / SQRT2);
    }

    /** The density at z. */
    public static double pdf(double z) {
        return Math.exp(-0.5 * z * z) * INV_SQRT_2PI;
    }

    /** The complementary error function. */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double r = t * Math.exp(poly);
        return x >= 0 ? r : 2 - r;
    }

    /** A standard normal draw (Box-Muller), reproducible from the generator's state. */
    public static double sample(java.util.SplittableRandom random) {
        double u1 = Math.max(random.nextDouble(), 1e-300);
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
