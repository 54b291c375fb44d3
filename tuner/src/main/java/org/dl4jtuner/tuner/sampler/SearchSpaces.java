package org.dl4jtuner.tuner.sampler;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;

/** Search-space helpers shared by the samplers that model several parameters jointly, and by importance. */
public final class SearchSpaces {
    private SearchSpaces() {
    }

    /**
     * The parameters every complete trial has, each with the same distribution, minus those that
     * hold a single value; sorted by name. Empty before the first complete trial.
     */
    static Map<String, Distribution> intersection(Study study) {
        return intersection(study.trials(TrialState.COMPLETE));
    }

    /**
     * The parameters every trial of {@code trials} has, each with the same distribution, minus
     * those that hold a single value; sorted by name. Empty when {@code trials} is.
     */
    public static Map<String, Distribution> intersection(List<FrozenTrial> trials) {
        Map<String, Distribution> space = null;
        for (FrozenTrial t : trials) {
            if (space == null) {
                space = new TreeMap<>(t.distributions());
            } else {
                space.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
            }
        }
        if (space == null) {
            return Map.of();
        }
        space.values().removeIf(Distribution::isSingle);
        return space;
    }

    /**
     * The trial's internal value of a parameter, or NaN when it lacks it or it lies outside
     * {@code d}. A running trial's value may still be only the sampler's proposal.
     */
    static double internalOrNaN(FrozenTrial t, String name, Distribution d) {
        Map<?, ?> params = t.params();
        if (!params.containsKey(name) && t.state() == TrialState.RUNNING
                && t.systemAttrs().get(Study.PROPOSED_PARAMS_ATTR) instanceof Map<?, ?> proposed) {
            params = proposed;
        }
        Object v = params.get(name);
        if (v == null && !params.containsKey(name)) {
            return Double.NaN;
        }
        try {
            double internal = d.toInternal(v);
            return d.contains(internal) ? internal : Double.NaN;
        } catch (IllegalArgumentException outside) {
            return Double.NaN;
        }
    }
}
