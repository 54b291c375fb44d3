package org.dl4jtuner.tuner.distribution;

import org.dl4jtuner.tuner.util.Requires;

/**
 * An integer parameter in [low, high] on a grid of {@code step}, optionally log-scaled.
 *
 * @param low  smallest value
 * @param high largest value (moved down onto the step grid)
 * @param log  sample log-uniformly; needs low &gt;= 1 and step 1
 * @param step grid spacing, at least 1
 */
public record IntDistribution(int low, int high, boolean log, int step) implements Distribution {

    public IntDistribution {
        Requires.argument(low <= high, "low <= high must hold, but got low=" + low + ", high=" + high);
        Requires.argument(step >= 1, "step >= 1 must hold, but got step=" + step);
        if (log) {
            Requires.argument(low >= 1, "low >= 1 must hold for a log-scaled range, but got low=" + low);
            Requires.argument(step == 1, "a log-scaled range needs step=1, but got step=" + step);
        }
        high = low + ((high - low) / step) * step;
    }

    /** A linear range with step 1. */
    public static IntDistribution of(int low, int high) {
        return new IntDistribution(low, high, false, 1);
    }

    /** How many values the range holds. */
    public int size() {
        return (high - low) / step + 1;
    }

    @Override
    public double toInternal(Object external) {
        if (!(external instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("an int parameter needs a whole number, but got " + external);
        }
        double v = n.doubleValue();
        Requires.argument(contains(v), () -> "value " + n + " is outside " + this);
        return v;
    }

    @Override
    public Object toExternal(double internal) {
        return (int) Math.rint(internal);
    }

    @Override
    public boolean contains(double v) {
        return v >= low && v <= high && v == Math.rint(v) && ((long) v - low) % step == 0;
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
            double a = Math.log(low - 0.5);
            double b = Math.log(high + 0.5);
            return (Math.log(v) - a) / (b - a);
        }
        return ((v - low) / step + 0.5) / size();
    }

    @Override
    public double fromUnit(double u) {
        u = Distribution.clampUnit(u);
        if (isSingle()) {
            return low;
        }
        if (log) {
            double a = Math.log(low - 0.5);
            double b = Math.log(high + 0.5);
            double v = Math.rint(Math.exp(a + u * (b - a)));
            return Math.min(high, Math.max(low, v));
        }
        int index = Math.min(size() - 1, (int) Math.floor(u * size()));
        return low + (double) index * step;
    }
}
