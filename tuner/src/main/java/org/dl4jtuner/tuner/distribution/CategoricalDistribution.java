package org.dl4jtuner.tuner.distribution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.dl4jtuner.tuner.util.Requires;

/**
 * A parameter that takes one of a list of choices. Choices are plain data: strings, numbers,
 * booleans or null, so that every storage can persist them.
 *
 * @param choices the choices, in order; the internal value of a choice is its index
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    public CategoricalDistribution {
        Requires.argument(choices != null && !choices.isEmpty(),
                "choices must hold at least one value, but got " + choices);
        for (Object c : choices) {
            Requires.argument(c == null || c instanceof String || c instanceof Number || c instanceof Boolean, () ->
                    "choices must be strings, numbers, booleans or null, but got " + c + " ("
                            + c.getClass().getSimpleName() + ")");
        }
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
    }

    /** The choices as a distribution. */
    public static CategoricalDistribution of(List<?> choices) {
        return new CategoricalDistribution(choices == null ? null : new ArrayList<>(choices));
    }

    @Override
    public double toInternal(Object external) {
        for (int i = 0; i < choices.size(); i++) {
            if (Objects.equals(choices.get(i), external) || numericallyEqual(choices.get(i), external)) {
                return i;
            }
        }
        throw new IllegalArgumentException("value " + external + " is not one of the choices " + choices);
    }

    private static boolean numericallyEqual(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }

    @Override
    public Object toExternal(double internal) {
        return choices.get((int) Math.rint(internal));
    }

    @Override
    public boolean contains(double v) {
        return v >= 0 && v < choices.size() && v == Math.rint(v);
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }

    @Override
    public double toUnit(double v) {
        return (v + 0.5) / choices.size();
    }

    @Override
    public double fromUnit(double u) {
        u = Distribution.clampUnit(u);
        return Math.min(choices.size() - 1, (int) Math.floor(u * choices.size()));
    }
}
