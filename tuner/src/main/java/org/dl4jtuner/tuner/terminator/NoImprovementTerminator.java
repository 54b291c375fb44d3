package org.dl4jtuner.tuner.terminator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Stops once {@code trials} trials have finished (complete or pruned) after the best complete one
 * without beating it: the study's patience. Failed trials do not count, since they say nothing
 * about the objective; nor do trials still running. Before the first complete trial it never stops.
 */
public final class NoImprovementTerminator implements Terminator {
    private final int trials;

    /** Stops after {@code trials} (at least 1) finished trials without a better value. */
    public NoImprovementTerminator(int trials) {
        this.trials = Requires.atLeast("no_improvement_trials", trials, 1);
    }

    @Override
    public Optional<String> reasonToStop(Study study) {
        FrozenTrial best = null;
        for (FrozenTrial t : study.trials(TrialState.COMPLETE)) {
            if (t.value() != null && !Double.isNaN(t.value())
                    && (best == null || study.direction().isBetter(t.value(), best.value()))) {
                best = t;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int since = 0;
        for (FrozenTrial t : study.trials(TrialState.COMPLETE, TrialState.PRUNED)) {
            if (t.number() > best.number()) {
                since++;
            }
        }
        if (since < trials) {
            return Optional.empty();
        }
        return Optional.of("no improvement in the " + since + " trials finished after trial " + best.number()
                + " (value " + best.value() + "); no_improvement_trials is " + trials);
    }

    @Override
    public String name() {
        return "no_improvement";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", name());
        settings.put("trials", trials);
        return settings;
    }
}
