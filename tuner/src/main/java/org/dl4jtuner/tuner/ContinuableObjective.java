package org.dl4jtuner.tuner;

/**
 * An {@link Objective} that can continue a trial from where an earlier, dead process left it,
 * instead of training it again from its first step: e.g. one that checkpoints its model after every
 * epoch and, given a trial whose checkpoint exists, loads it and trains only the remaining epochs.
 *
 * <p>When {@link #continuesTrials(Study)} is true, {@link Study#optimize(Objective, Budget, int)}
 * takes over the study's RUNNING trials whose process died (as {@link Study#failDeadTrials()} decides:
 * gone from this host, or silent past the grace period) before it asks new ones, and evaluates each
 * again with this objective: it stays the trial it was (same number and parameters, its stored steps
 * kept), reports the steps that remain, and the pruner judges them as before. Each dead trial is
 * claimed in storage, so of several processes that look at once exactly one continues it. An
 * objective that does not implement this interface, or answers false, keeps the old behaviour: dead
 * trials end as FAIL (and are enqueued again when retries are allowed).
 *
 * <pre>{@code
 * ContinuableObjective objective = new ContinuableObjective() {
 *     public double evaluate(Trial trial) throws Exception {
 *         Model model = checkpoints.loadOrNew(trial);        // continues a taken-over trial
 *         for (int epoch = model.epochs() + 1; epoch <= 10; epoch++) {
 *             model.fitOneEpoch();
 *             checkpoints.save(trial, model);
 *             trial.report(epoch, model.validationAccuracy());
 *             if (trial.shouldPrune()) throw new TrialPrunedException();
 *         }
 *         return model.validationAccuracy();
 *     }
 *     public boolean continuesTrials(Study study) { return true; }
 * };
 * }</pre>
 */
public interface ContinuableObjective extends Objective {
    /**
     * Whether this objective, in {@code study}, continues a trial an earlier process left from its
     * stored progress (its checkpoints outlive that process), so that the study takes over the dead
     * trials rather than failing them.
     */
    boolean continuesTrials(Study study);
}
