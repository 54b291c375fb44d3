package org.dl4jtuner.tuner.pruner;

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

    /** A short name recorded with every trial. */
    default String name() {
        return getClass().getSimpleName();
    }
}
