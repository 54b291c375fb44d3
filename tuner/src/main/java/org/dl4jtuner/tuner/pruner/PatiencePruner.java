package org.dl4jtuner.tuner.pruner;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Patience;
import org.dl4jtuner.tuner.Study;

/**
 * Early stopping as Keras does it: prunes a trial once {@code patience} of its reported values in
 * a row have not improved on the last value that did by more than {@code minDelta}; the rule is
 * {@link Patience}, the same one the DL4J epoch loop's early stopping follows. Looks only at the
 * trial itself, so it works from the first trial on.
 */
public final class PatiencePruner implements Pruner {
    private final Patience rule;

    /**
     * @param patience steps without improvement to tolerate, at least 1
     * @param minDelta smallest change that counts as an improvement, at least 0
     */
    public PatiencePruner(int patience, double minDelta) {
        this.rule = new Patience(patience, minDelta);
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return rule.isExhausted(trial.intermediateValues().values(), study.direction());
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "patience");
        settings.put("patience", rule.patience());
        settings.put("min_delta", rule.minDelta());
        return settings;
    }

    @Override
    public String name() {
        return "patience(" + rule.patience() + ", minDelta=" + rule.minDelta() + ")";
    }

    /** A trial is pruned after {@code patience} steps without improvement on its first: at step patience + 1 at the earliest. */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        return EpochPlan.earliest(trials, maxEpochs, 0, (long) rule.patience() + 1);
    }
}
