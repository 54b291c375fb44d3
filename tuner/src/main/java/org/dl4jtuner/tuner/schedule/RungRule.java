package org.dl4jtuner.tuner.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;

/**
 * A promoting scheduler ({@link PromotionAsha}, {@link AdaptiveScheduler}): its rungs, and which
 * paused trials of a rung go on to the next one now; {@link RungJobs} turns that into jobs and
 * {@link AshaRun}'s workers train them. Everything it decides from must be in storage, so that
 * another process, or a restarted one, decides alike.
 */
interface RungRule extends Scheduler {
    /** The epochs of each rung, rung 0 first; the last is the most a trial trains. */
    List<Integer> rungResources();

    /**
     * The PAUSED trials at rung {@code k} (they hold a value at rungs 0..k and none above) that go
     * on to rung k + 1 now, the first to resume first; {@code trials} are the study's trials.
     */
    List<FrozenTrial> promotable(Study study, List<FrozenTrial> trials, int k);

    /** Called once for each new trial the run starts, before it trains. */
    default void started(Trial trial) {
    }

    @Override
    default void run(Study study, ResumableObjective objective, Budget budget, int parallelTrials) {
        new AshaRun(jobs(study, budget).orElseThrow(), study, objective).run(parallelTrials);
    }

    @Override
    default Optional<RungJobs> jobs(Study study, Budget budget) {
        return Optional.of(new RungJobs(this, study, new BudgetLedger(budget, study.clock())));
    }

    /** Rungs at {@code minResource * eta^k} below {@code maxResource}, and the last at {@code maxResource}. */
    static List<Integer> geometric(int minResource, int maxResource, int eta) {
        List<Integer> rungs = new ArrayList<>();
        for (long step = minResource; step < maxResource; step *= eta) {
            rungs.add((int) step);
        }
        rungs.add(maxResource);
        return List.copyOf(rungs);
    }
}
