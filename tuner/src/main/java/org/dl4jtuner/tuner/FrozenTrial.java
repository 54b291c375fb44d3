package org.dl4jtuner.tuner;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.dl4jtuner.tuner.distribution.Distribution;

/**
 * An immutable snapshot of a trial as storage holds it.
 *
 * @param id                 storage-wide identifier
 * @param number             0-based number within its study
 * @param state              lifecycle state
 * @param value              objective value (a multi-objective trial's first value: see {@link #values()});
 *                           null while running, for FAIL, or if never reported
 * @param params             parameter values by name, in the order they were suggested
 * @param distributions      the distribution each parameter was drawn from
 * @param intermediateValues reported values by step (epoch); a multi-objective trial's first value at each
 *                           step (see {@link #stepValues()})
 * @param userAttrs          attributes the objective set with {@link Trial#setUserAttr}
 * @param systemAttrs        attributes samplers, pruners and the runner set (seed, bracket, rung, error)
 * @param start              when the trial started running; null while WAITING
 * @param end                when it finished; null until then
 */
public record FrozenTrial(
        long id,
        int number,
        TrialState state,
        Double value,
        Map<String, Object> params,
        Map<String, Distribution> distributions,
        NavigableMap<Integer, Double> intermediateValues,
        Map<String, Object> userAttrs,
        Map<String, Object> systemAttrs,
        Instant start,
        Instant end) {

    public FrozenTrial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        intermediateValues = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
        systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
    }

    /** The last reported step, or -1 if none. */
    public int lastStep() {
        return intermediateValues.isEmpty() ? -1 : intermediateValues.lastKey();
    }

    /** Wall time from start to end, or null if the trial has not both started and finished. */
    public Duration duration() {
        return start == null || end == null ? null : Duration.between(start, end);
    }

    /** A parameter's value, or null if the trial has none of that name. */
    public Object param(String name) {
        return params.get(name);
    }

    /** Whether the trial has ended. */
    public boolean isFinished() {
        return state.isFinished();
    }

    /**
     * The objective values: one per objective of a multi-objective study (system attribute
     * {@value Study#VALUES_ATTR}), else {@code {value()}}; null where {@link #value()} is null. A
     * pruned multi-objective trial holds the values of its last report. A fresh copy on every call.
     */
    public double[] values() {
        double[] stored = doubles(systemAttrs.get(Study.VALUES_ATTR));
        if (stored != null) {
            return stored;
        }
        return value == null ? null : new double[] {value};
    }

    /**
     * The constraint values the objective set with {@link Trial#setConstraint(double...)} (system
     * attribute {@value Study#CONSTRAINTS_ATTR}), each satisfied when {@code <= 0}; null when it set none.
     */
    public double[] constraints() {
        return doubles(systemAttrs.get(Study.CONSTRAINTS_ATTR));
    }

    /** Whether every constraint holds (each value {@code <= 0}); a trial without constraints is feasible. */
    public boolean isFeasible() {
        double[] c = constraints();
        if (c == null) {
            return true;
        }
        for (double v : c) {
            if (!(v <= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values reported at each step: a multi-objective trial's vectors
     * ({@link Trial#report(int, double[])}, system attribute {@value Study#STEP_VALUES_ATTR}), else
     * {@link #intermediateValues()} as vectors of one.
     */
    public NavigableMap<Integer, double[]> stepValues() {
        NavigableMap<Integer, double[]> steps = new TreeMap<>();
        if (systemAttrs.get(Study.STEP_VALUES_ATTR) instanceof Map<?, ?> stored) {
            stored.forEach((step, values) -> steps.put(Integer.valueOf(step.toString()), doubles(values)));
        } else {
            intermediateValues.forEach((step, v) -> steps.put(step, new double[] {v}));
        }
        return steps;
    }

    /** A stored list of numbers as doubles (null entries, which JSON may make of NaN, as NaN); null if not a list. */
    private static double[] doubles(Object stored) {
        if (!(stored instanceof List<?> list)) {
            return null;
        }
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return values;
    }
}
