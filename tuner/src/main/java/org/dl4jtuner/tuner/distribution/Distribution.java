package org.dl4jtuner.tuner.distribution;

/**
 * The range a parameter is drawn from. Every distribution has an internal representation as a
 * double (the value itself for numbers, the index for categoricals) and a map to and from the
 * unit interval, so that any sampler that works on [0, 1]^d works on any search space.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** The internal double for an external value; throws IllegalArgumentException if not in range. */
    double toInternal(Object external);

    /** The external value (Double, Integer or a categorical choice) for an internal double. */
    Object toExternal(double internal);

    /** Whether an internal value lies in this distribution (on its step grid, if any). */
    boolean contains(double internal);

    /** Whether the distribution holds exactly one value. */
    boolean isSingle();

    /** Maps an internal value to [0, 1] (log-scaled where the distribution is). */
    double toUnit(double internal);

    /** Maps u in [0, 1] to a valid internal value (rounded to the step grid and clipped). */
    double fromUnit(double u);

    /** Clamps u into [0, 1]. */
    static double clampUnit(double u) {
        if (Double.isNaN(u)) {
            throw new IllegalArgumentException("u must be a number in [0, 1], but got NaN");
        }
        return Math.min(1.0, Math.max(0.0, u));
    }
}
