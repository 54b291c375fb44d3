package org.dl4jtuner.tuner.pruner;

import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;

/**
 * Decides whether a running trial should stop, from its intermediate values and those of the
 * other trials in storage. A pruner keeps no state of its own; what it must remember (rung
 * values, brackets) it writes as trial system attributes.
 */
@FunctionalInterface
public interface Pruner {

    /** Whether {@code trial}, as of its last reported step, should be stopped. */
    boolean prune(Study study, FrozenTrial trial);

    /**
     * Whether the pruner judges trials of a study of several objectives
     * ({@link org.dl4jtuner.tuner.Study#directions()}); a multi-objective study refuses, when it is
     * built, a pruner that says no. The default says no: a pruner that ranks one value cannot rank vectors.
     */
    default boolean supportsMultiObjective() {
        return false;
    }

    /** A short name recorded with every trial. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The pruner's settings for reports and dashboards: {@code type} plus what the pruner needs to
     * be redrawn (e.g. {@code min_resource}, {@code max_resource}, {@code eta} for Hyperband).
     * The study records it as its {@link org.dl4jtuner.tuner.Study#PRUNER_ATTR} attribute.
     */
    default Map<String, Object> settings() {
        return Map.of("type", name());
    }

    /**
     * The epochs {@code trials} trials of at most {@code maxEpochs} will train, before running. The
     * default knows only the bounds: one epoch each, or all of them.
     */
    default EpochPlan plan(int trials, int maxEpochs) {
        return EpochPlan.earliest(trials, maxEpochs, 0, 1);
    }
}
