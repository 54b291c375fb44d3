package org.dl4jtuner.tuner.pruner;

import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;

/** Never prunes: every trial runs to its end. */
public final class NopPruner implements Pruner {
    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return false;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("type", "none");
    }

    /** It never looks at values, so any number of objectives works. */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        return EpochPlan.full(trials, maxEpochs);
    }
}
