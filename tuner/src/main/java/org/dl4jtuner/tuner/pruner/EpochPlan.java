package org.dl4jtuner.tuner.pruner;

/**
 * The epochs a study's trials will train under a pruner, known before it runs ({@link Pruner#plan}):
 * the fewest the rules allow, the most (no trial pruned), and, for pruners with a fixed schedule
 * (successive halving, Hyperband), the expected number when each rung passes 1/eta of its trials on.
 *
 * @param fewest   every trial stopped as early as the pruner's rules allow
 * @param expected the schedule's expectation, or null when it depends on the values trials report
 * @param most     every trial trained to the end
 */
public record EpochPlan(long fewest, Long expected, long most) {
    /** No pruning: every trial trains {@code maxEpochs}. */
    static EpochPlan full(int trials, int maxEpochs) {
        long all = (long) trials * maxEpochs;
        return new EpochPlan(all, all, all);
    }

    /** The rules allow stopping {@code prunable} trials after {@code earliest} epochs; the rest train fully. */
    static EpochPlan earliest(int trials, int maxEpochs, int unprunable, long earliest) {
        int protectedTrials = Math.min(trials, unprunable);
        long fewest = (long) protectedTrials * maxEpochs + (long) (trials - protectedTrials) * Math.min(maxEpochs, earliest);
        return new EpochPlan(fewest, null, (long) trials * maxEpochs);
    }
}
