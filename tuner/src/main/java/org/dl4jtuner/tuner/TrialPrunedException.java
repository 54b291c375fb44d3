package org.dl4jtuner.tuner;

/**
 * Thrown by an objective to say that its trial should stop now because a pruner said so.
 * The study records the trial as {@link TrialState#PRUNED} with its last reported value.
 *
 * <pre>{@code
 * trial.report(epoch, accuracy);
 * if (trial.shouldPrune()) {
 *     throw new TrialPrunedException("pruned at epoch " + epoch);
 * }
 * }</pre>
 */
public class TrialPrunedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrialPrunedException() {
        super("trial pruned");
    }

    public TrialPrunedException(String message) {
        super(message);
    }
}
