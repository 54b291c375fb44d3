package org.dl4jtuner.tuner;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;
import org.dl4jtuner.tuner.util.Requires;

/**
 * One evaluation of the objective. Its {@code suggest*} calls define the search space as the
 * objective runs: the first call for a name draws a value from the study's sampler and records it;
 * a second call with the same name and range returns the same value.
 *
 * <pre>{@code
 * double lr = trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
 * int layers = trial.suggestInt("layers", 1, 3);
 * for (int i = 0; i < layers; i++) {
 *     int units = trial.suggestInt("units_" + i, 16, 256, true);
 * }
 * for (int epoch = 1; epoch <= 20; epoch++) {
 *     double acc = trainOneEpochAndEvaluate();
 *     trial.report(epoch, acc);
 *     if (trial.shouldPrune()) {
 *         throw new TrialPrunedException();
 *     }
 * }
 * }</pre>
 *
 * <p>A trial is used by one thread at a time.
 */
public final class Trial {
    /** System attribute holding parameters fixed by {@link Study#enqueueTrial}. */
    public static final String FIXED_PARAMS_ATTR = "fixed_params";
    /** System attribute holding the trial's seed. */
    public static final String SEED_ATTR = "seed";

    private final Study study;
    private final long id;
    private final int number;
    private final long seed;
    private final Map<String, Object> fixedParams;
    private final Map<String, Distribution> relativeSpace;
    private final Map<String, Object> relativeParams;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();

    Trial(Study study, FrozenTrial frozen, long seed, Map<String, Distribution> relativeSpace,
            Map<String, Object> relativeParams) {
        this.study = study;
        this.id = frozen.id();
        this.number = frozen.number();
        this.seed = seed;
        this.fixedParams = fixedParamsOf(frozen);
        this.relativeSpace = relativeSpace;
        this.relativeParams = relativeParams;
        this.params.putAll(frozen.params());
        this.distributions.putAll(frozen.distributions());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixedParamsOf(FrozenTrial frozen) {
        Object fixed = frozen.systemAttrs().get(FIXED_PARAMS_ATTR);
        return fixed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The trial's 0-based number within its study. */
    public int number() {
        return number;
    }

    /** The storage-wide identifier. */
    public long id() {
        return id;
    }

    /**
     * A seed for whatever the objective randomises (weight init, data shuffling), derived from
     * the study seed and the trial number and recorded with the trial; never 0, so
     * {@code NeuralNetConfiguration.Builder.seed(trial.seed())} always fixes the weights.
     */
    public long seed() {
        return seed;
    }

    /** The study this trial belongs to. */
    public Study study() {
        return study;
    }

    /** A float in [low, high], uniform. */
    public double suggestFloat(String name, double low, double high) {
        return suggestFloat(name, low, high, false);
    }

    /** A float in [low, high], log-uniform if {@code log}. */
    public double suggestFloat(String name, double low, double high, boolean log) {
        return (Double) suggest(name, new FloatDistribution(low, high, log, null));
    }

    /** A float in [low, high] on a grid of {@code step}. */
    public double suggestFloat(String name, double low, double high, double step) {
        return (Double) suggest(name, new FloatDistribution(low, high, false, step));
    }

    /** An int in [low, high], uniform. */
    public int suggestInt(String name, int low, int high) {
        return suggestInt(name, low, high, false);
    }

    /** An int in [low, high], log-uniform if {@code log}. */
    public int suggestInt(String name, int low, int high, boolean log) {
        return (Integer) suggest(name, new IntDistribution(low, high, log, 1));
    }

    /** An int in [low, high] on a grid of {@code step}. */
    public int suggestInt(String name, int low, int high, int step) {
        return (Integer) suggest(name, new IntDistribution(low, high, false, step));
    }

    /** One of {@code choices}. */
    @SuppressWarnings("unchecked")
    public <T> T suggestCategorical(String name, List<T> choices) {
        Requires.argument(choices != null && !choices.isEmpty(), () ->
                "choices of '" + name + "' must hold at least one value, but got " + choices);
        return (T) suggest(name, CategoricalDistribution.of(choices));
    }

    /** Draws (or returns the already drawn) value of a parameter from any distribution. */
    public Object suggest(String name, Distribution distribution) {
        Requires.name("parameter name", name);
        Distribution previous = distributions.get(name);
        if (previous != null) {
            Requires.argument(previous.equals(distribution), () -> "parameter '" + name
                    + "' was already suggested in trial " + number + " with " + previous + ", but now with "
                    + distribution + "; a name keeps one range within a trial");
            return params.get(name);
        }
        Object value = draw(name, distribution);
        params.put(name, value);
        distributions.put(name, distribution);
        study.storage().setTrialParam(id, name, value, distribution);
        return value;
    }

    private Object draw(String name, Distribution distribution) {
        if (fixedParams.containsKey(name)) {
            Object fixed = fixedParams.get(name);
            try {
                return distribution.toExternal(distribution.toInternal(fixed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the enqueued value of '" + name + "' must lie in the range the"
                        + " objective suggests, " + distribution + ", but got " + fixed + " (" + e.getMessage() + ")", e);
            }
        }
        if (distribution.isSingle()) {
            return distribution.toExternal(distribution.fromUnit(0.5));
        }
        if (relativeParams.containsKey(name) && distribution.equals(relativeSpace.get(name))) {
            return relativeParams.get(name);
        }
        FrozenTrial now = frozen();
        Object value = study.seenBy(number, () -> study.sampler().sampleIndependent(study, now, name, distribution));
        return distribution.toExternal(distribution.toInternal(value));
    }

    /**
     * Reports the objective's value at a step (an epoch), for pruners and learning curves.
     * A step reported twice keeps its first value. A multi-objective study refuses it: use
     * {@link #report(int, double[])}.
     */
    public void report(int step, double value) {
        Requires.atLeast("step", step, 0);
        study.requireValueCount("report(step, value)", 1);
        study.storage().setTrialIntermediateValue(id, step, value);
        study.reported(number, step, value);
    }

    /**
     * Reports one value per objective at a step (an epoch), for multi-objective pruners
     * ({@link org.dl4jtuner.tuner.pruner.Pruners#paretoRung}) and learning curves: stored as the
     * system attribute {@value Study#STEP_VALUES_ATTR}, with the first value as the step's
     * intermediate value. Objectives known before training (a network's parameter count) are
     * reported at every step with the same value; a NaN is kept, and a pruner prunes the trial for it.
     * A step reported twice keeps its first values. Values of another count than the study's
     * objectives are refused with IllegalArgumentException naming both counts. On a single-objective
     * study it is {@link #report(int, double)} of the one value.
     *
     * <pre>{@code
     * for (int epoch = 1; epoch <= 20; epoch++) {
     *     double accuracy = trainOneEpochAndEvaluate();
     *     trial.report(epoch, new double[] {accuracy, parameterCount});
     *     if (trial.shouldPrune()) {
     *         throw new TrialPrunedException();
     *     }
     * }
     * }</pre>
     */
    public void report(int step, double[] values) {
        Requires.atLeast("step", step, 0);
        Requires.argument(values != null, "report(step, values) needs values, but got null");
        study.requireValueCount("report(step, values)", values.length);
        if (!study.isMultiObjective()) {
            report(step, values[0]);
            return;
        }
        Map<String, Object> steps = new LinkedHashMap<>();
        if (frozen().systemAttrs().get(Study.STEP_VALUES_ATTR) instanceof Map<?, ?> stored) {
            stored.forEach((k, v) -> steps.put(k.toString(), v));
        }
        if (steps.putIfAbsent(Integer.toString(step), Study.toList(values)) == null) {
            study.storage().setTrialSystemAttr(id, Study.STEP_VALUES_ATTR, steps);
        }
        study.storage().setTrialIntermediateValue(id, step, values[0]);
        study.reported(number, step, values[0]);
    }

    /**
     * Declares the trial's constraints, each satisfied when {@code <= 0} (e.g.
     * {@code parameters - 100_000} for "at most 100,000 parameters"): a trial is feasible when all
     * are. Only feasible trials can be {@link Study#bestTrial()} or in {@link Study#bestTrials()},
     * and NSGA-II ranks an infeasible trial below every feasible one, and infeasible ones by their
     * total violation. Stored as the system attribute {@value Study#CONSTRAINTS_ATTR}; a second call
     * replaces the first. A trial that never calls it is feasible.
     */
    public void setConstraint(double... values) {
        Requires.argument(values != null && values.length > 0, () -> "setConstraint needs at least one value, but got "
                + (values == null ? "null" : "none"));
        for (int i = 0; i < values.length; i++) {
            int index = i;
            Requires.argument(!Double.isNaN(values[i]), () -> "constraint " + index + " of trial " + number
                    + " must be a number (<= 0 when satisfied), but got NaN in " + java.util.Arrays.toString(values));
        }
        study.storage().setTrialSystemAttr(id, Study.CONSTRAINTS_ATTR, Study.toList(values));
    }

    /** Whether the study's pruner says this trial should stop now. */
    public boolean shouldPrune() {
        FrozenTrial now = frozen();
        return study.seenBy(number, () -> study.pruner().prune(study, now));
    }

    /** Stores a user attribute (plain data: strings, numbers, booleans, lists or maps of them). */
    public void setUserAttr(String name, Object value) {
        Requires.name("attribute name", name);
        requirePlainData(name, value);
        study.storage().setTrialUserAttr(id, name, value);
    }

    /** Stores a system attribute (used by the runner and by model trainers). */
    public void setSystemAttr(String name, Object value) {
        Requires.name("attribute name", name);
        requirePlainData(name, value);
        study.storage().setTrialSystemAttr(id, name, value);
    }

    /** The parameters drawn so far, in order. */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The current snapshot of this trial in storage. */
    public FrozenTrial frozen() {
        return study.storage().getTrial(id);
    }

    private static void requirePlainData(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof Collection<?> c) {
            c.forEach(v -> requirePlainData(name, v));
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                Requires.argument(k instanceof String, () -> "attribute '" + name + "' has a non-string key " + k);
                requirePlainData(name, v);
            });
            return;
        }
        throw new IllegalArgumentException("attribute '" + name + "' must be plain data (string, number, boolean,"
                + " list or map of them), but got " + value.getClass().getName());
    }

    @Override
    public String toString() {
        return "Trial[number=" + number + ", params=" + params + "]";
    }
}
