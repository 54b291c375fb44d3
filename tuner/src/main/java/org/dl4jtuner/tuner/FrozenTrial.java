package org.dl4jtuner.tuner;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param value              objective value; null while running, for FAIL, or if never reported
 * @param params             parameter values by name, in the order they were suggested
 * @param distributions      the distribution each parameter was drawn from
 * @param intermediateValues reported values by step (epoch)
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
}
