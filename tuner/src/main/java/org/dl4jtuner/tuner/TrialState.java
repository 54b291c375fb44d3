package org.dl4jtuner.tuner;

/** The lifecycle of a trial. */
public enum TrialState {
    /** Being evaluated by an objective. */
    RUNNING,
    /** Finished with a value. */
    COMPLETE,
    /** Stopped early by a pruner; its value is the last reported intermediate value. */
    PRUNED,
    /** Ended by an exception, a NaN value or a timeout; its message is kept as a system attribute. */
    FAIL,
    /** Enqueued with fixed parameters and not yet started. */
    WAITING,
    /**
     * Stopped at a rung by a scheduler (promotion ASHA, synchronous Hyperband) and kept: its
     * training state is checkpointed, no process runs it, and a scheduler may resume it (back to
     * RUNNING) to train it further. Not finished; heartbeats and dead-process checks ignore it.
     */
    PAUSED;

    /** Whether the trial has ended (COMPLETE, PRUNED or FAIL). */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
