package org.dl4jtuner.tuner.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

/** A scheduler's decisions taken one job at a time by a caller that trains the trials itself. */
class RungJobsTest {
    private static Study study(Pruner scheduler) {
        return Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(4)).seed(4).pruner(scheduler)
                .build();
    }

    /** Drives {@code jobs} with one worker, training through {@code objective}; returns the (trial, resource) jobs. */
    private static List<List<Integer>> driveOneWorker(RungJobs jobs, CurveTableObjective objective) {
        List<List<Integer>> taken = new ArrayList<>();
        for (Optional<RungJobs.Job> job = jobs.next(); job.isPresent(); job = jobs.next()) {
            RungJobs.Job j = job.get();
            taken.add(List.of(j.trial().number(), j.resource()));
            double value = objective.evaluate(j.trial(), j.resource());
            jobs.settle(j, jobs.record(j, value));
        }
        jobs.end();
        return taken;
    }

    @Test
    void oneJobAtATimeGivesPromotionAshasDecisionsAsOptimizeResumableDoes() {
        Study stepped = study(Pruners.promotionAsha(1, 9, 3));
        RungJobs jobs = ((Scheduler) stepped.pruner()).jobs(stepped, Budget.trials(16)).orElseThrow();
        assertEquals(List.of(1, 3, 9), jobs.rungResources());
        List<List<Integer>> taken = driveOneWorker(jobs, new CurveTableObjective());

        assertEquals(Algorithm2.jobs(16, List.of(1, 3, 9), 3), taken);
        CurveTableObjective whole = new CurveTableObjective();
        study(Pruners.promotionAsha(1, 9, 3)).optimizeResumable(whole, Budget.trials(16), 1);
        assertEquals(whole.calls, taken, "the same jobs as optimizeResumable's one worker");
        assertTrue(stepped.trials(TrialState.PAUSED).isEmpty(), "end() prunes what is still paused");
        assertEquals(16, stepped.trials().size());
    }

    @Test
    void theAdaptiveSchedulerSteppedMatchesItsOwnRun() {
        CurveTableObjective steppedObjective = new CurveTableObjective();
        Study stepped = study(Pruners.auto(1, 27));
        List<List<Integer>> taken = driveOneWorker(((Scheduler) stepped.pruner())
                .jobs(stepped, Budget.trials(30)).orElseThrow(), steppedObjective);
        CurveTableObjective whole = new CurveTableObjective();
        Study run = study(Pruners.auto(1, 27));
        run.optimizeResumable(whole, Budget.trials(30), 1);

        assertEquals(whole.calls, taken);
        assertEquals(whole.epochsTrained.get(), steppedObjective.epochsTrained.get());
        List<TrialState> states = new ArrayList<>();
        run.trials().forEach(t -> states.add(t.state()));
        assertEquals(states, stepped.trials().stream().map(FrozenTrial::state).toList());
        assertTrue(taken.stream().anyMatch(j -> j.get(1) > 1 && j.get(1) < 27), "trials went on from a rung");
    }

    @Test
    void anEpochBudgetIsBookedAsJobsAreSettled() {
        Study study = study(Pruners.promotionAsha(1, 9, 3));
        RungJobs jobs = ((Scheduler) study.pruner()).jobs(study, Budget.steps(5)).orElseThrow();
        List<RungJobs.Job> inFlight = new ArrayList<>();
        for (Optional<RungJobs.Job> job = jobs.next(); job.isPresent(); job = jobs.next()) {
            inFlight.add(job.get());   // five workers each take a new trial, one epoch booked for each
        }
        assertEquals(5, inFlight.size(), "the 5 epochs are reserved by 5 one-epoch jobs in flight");
        CurveTableObjective objective = new CurveTableObjective();
        for (RungJobs.Job j : inFlight) {
            assertTrue(j.newTrial());
            jobs.settle(j, jobs.record(j, objective.evaluate(j.trial(), j.resource())));
        }
        assertFalse(jobs.next().isPresent(), "nothing fits in the budget once 5 epochs are trained");
        assertEquals(5, objective.epochsTrained.get());
    }

    @Test
    void aSchedulerOfWholeBracketsHasNoJobs() {
        Study study = study(Pruners.synchronousHyperband(1, 9, 3, 1));
        assertFalse(((Scheduler) study.pruner()).jobs(study, Budget.trials(10)).isPresent());
    }
}
