package org.dl4jtuner.tuner.distribution;

import org.dl4jtuner.tuner.util.Requires;

/**
 * A real-valued parameter in [low, high], optionally log-scaled or on a grid of {@code step}.
 *
 * @param low  smallest value
 * @param high largest value (moved down onto the step grid when a step is given)
 * @param log  sample log-uniformly; needs low &gt; 0 and no step
 * @param step grid spacing, or null for a continuous range
 */
public record FloatDistribution(double low, double high, boolean log, Double step) implements Distribution {

    public FloatDistribution {
        Requires.finite("low", low);
        Requires.finite("high", high);
        Requires.argument(low <= high, "low <= high must hold, but got low=" + low + ", high=" + high);
        if (log) {
            Requires.argument(low > 0, "low > 0 must hold for a log-scaled range, but got low=" + low);
            Requires.argument(step == null, "a log-scaled range cannot have a step, but got step=" + step);
        }
        if (step != null) {
            Requires.argument(step > 0 && Double.isFinite(step), "step > 0 must hold, but got step=" + step);
            double k = Math.floor((high - low) / step + 1e-9);
            high = low + k * step;
        }
    }

    /** A continuous, linear range. */
    public static FloatDistribution of(double low, double high) {
        return new FloatDistribution(low, high, false, null);
    }

    @Override
    public double toInternal(Object external) {
        if (!(external instanceof Number n)) {
            throw new IllegalArgumentException("a float parameter needs a number, but got " + external);
        }
        double v = n.doubleValue();
        Requires.argument(contains(v), () -> "value " + v + " is outside " + this);
        return v;
    }

    @Override
    public Object toExternal(double internal) {
        return internal;
    }

    @Override
    public boolean contains(double v) {
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (step == null) {
            return true;
        }
        double k = (v - low) / step;
        return Math.abs(k - Math.rint(k)) < 1e-8;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }

    @Override
    public double toUnit(double v) {
        if (isSingle()) {
            return 0.5;
        }
        if (log) {
            return (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low));
        }
        return (v - low) / (high - low);
    }

    @Override
    public double fromUnit(double u) {
        u = Distribution.clampUnit(u);
        if (isSingle()) {
            return low;
        }
        if (log) {
            double v = Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
            return Math.min(high, Math.max(low, v));
        }
        double v = low + u * (high - low);
        if (step != null) {
            v = low + Math.rint((v - low) / step) * step;
        }
        return Math.min(high, Math.max(low, v));
    }
}
