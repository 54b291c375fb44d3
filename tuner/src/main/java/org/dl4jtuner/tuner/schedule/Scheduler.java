package org.dl4jtuner.tuner.schedule;

import java.util.Optional;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.pruner.Pruner;

/**
 * A pruner that does more than answer "stop now?": it runs the study, choosing which trial trains
 * next and to which resource, and pauses trials at rungs instead of stopping them. As a pruner it
 * never stops a trial mid-rung ({@link #prune} is false); as the study's pruner it is what
 * {@link Study#optimizeResumable} runs, and what the YAML spec's {@code pruner: {type: asha,
 * promotion: true}} and {@code pruner: {type: hyperband, synchronous: true}} build.
 *
 * <pre>{@code
 * Study study = Study.builder().pruner(Pruners.promotionAsha(1, 27, 3)).storage(storage).build();
 * study.optimizeResumable(objective, Budget.trials(50), 2);
 * }</pre>
 */
public interface Scheduler extends Pruner {

    /**
     * Runs trials of {@code objective}, {@code parallelTrials} at a time, until the budget or the
     * schedule ends or the study is stopped; continues what an earlier run left in storage.
     */
    void run(Study study, ResumableObjective objective, Budget budget, int parallelTrials);

    /**
     * The decisions {@link #run} makes, one job at a time, for a caller that trains the trials
     * itself (a simulator replaying recorded curves in simulated time, a pool of its own): what a
     * free worker of {@link #run} would do next, under {@code budget}. Like {@code run}, it takes
     * over the trials a dead process left RUNNING as it is created (they are its first jobs), so
     * create it only to run it. Empty for a scheduler that decides whole brackets at once rather
     * than job by job.
     */
    default Optional<RungJobs> jobs(Study study, Budget budget) {
        return Optional.empty();
    }

    /** A scheduled trial is paused at rungs by the scheduler, never stopped between them. */
    @Override
    default boolean prune(Study study, org.dl4jtuner.tuner.FrozenTrial trial) {
        return false;
    }
}
