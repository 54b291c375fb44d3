package org.dl4jtuner.tuner.space;

import java.util.List;

import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.util.Requires;

/**
 * A declarative hyperparameter: a fixed value or a range, compiled to one {@code trial.suggest*}
 * call. Declarative forms (YAML specs, Arbiter-style network spaces) are built from these, so they
 * run on every sampler exactly like a define-by-run objective.
 *
 * <pre>{@code
 * ParameterSpace lr = ParameterSpace.logUniform(1e-4, 1e-1);
 * double value = ((Number) lr.suggest(trial, "learning_rate")).doubleValue();
 * }</pre>
 */
public sealed interface ParameterSpace {

    /** The value for this trial: drawn by the trial's sampler, or the fixed value. */
    Object suggest(Trial trial, String name);

    /** Whether the value is fixed (no search). */
    default boolean isFixed() {
        return false;
    }

    /** A fixed value; not a search dimension. */
    static ParameterSpace fixed(Object value) {
        return new Fixed(value);
    }

    /** A float, uniform in [low, high]. */
    static ParameterSpace uniform(double low, double high) {
        return new Uniform(low, high);
    }

    /** A float, log-uniform in [low, high]. */
    static ParameterSpace logUniform(double low, double high) {
        return new LogUniform(low, high);
    }

    /** An int in [low, high]. */
    static ParameterSpace intRange(int low, int high) {
        return new IntRange(low, high, false);
    }

    /** An int in [low, high], log-uniform. */
    static ParameterSpace intLogRange(int low, int high) {
        return new IntRange(low, high, true);
    }

    /** One of the choices. */
    static ParameterSpace choice(List<?> choices) {
        return new Choice(List.copyOf(choices));
    }

    /** One of the choices. */
    static ParameterSpace choice(Object... choices) {
        return choice(List.of(choices));
    }

    /** A fixed value. */
    record Fixed(Object value) implements ParameterSpace {
        @Override
        public Object suggest(Trial trial, String name) {
            return value;
        }

        @Override
        public boolean isFixed() {
            return true;
        }
    }

    /** A uniform float range. */
    record Uniform(double low, double high) implements ParameterSpace {
        public Uniform {
            Requires.argument(low <= high, () -> "low <= high must hold, but got low=" + low + ", high=" + high);
        }

        @Override
        public Object suggest(Trial trial, String name) {
            return trial.suggestFloat(name, low, high);
        }
    }

    /** A log-uniform float range. */
    record LogUniform(double low, double high) implements ParameterSpace {
        public LogUniform {
            Requires.argument(low > 0, () -> "low > 0 must hold for a log-scaled range, but got low=" + low);
            Requires.argument(low <= high, () -> "low <= high must hold, but got low=" + low + ", high=" + high);
        }

        @Override
        public Object suggest(Trial trial, String name) {
            return trial.suggestFloat(name, low, high, true);
        }
    }

    /** An int range. */
    record IntRange(int low, int high, boolean log) implements ParameterSpace {
        public IntRange {
            Requires.argument(low <= high, () -> "low <= high must hold, but got low=" + low + ", high=" + high);
        }

        @Override
        public Object suggest(Trial trial, String name) {
            return trial.suggestInt(name, low, high, log);
        }
    }

    /** A categorical choice. */
    record Choice(List<Object> choices) implements ParameterSpace {
        public Choice {
            Requires.argument(choices != null && !choices.isEmpty(), () ->
                    "choices must hold at least one value, but got " + choices);
        }

        @Override
        public Object suggest(Trial trial, String name) {
            return trial.suggestCategorical(name, choices);
        }
    }
}
