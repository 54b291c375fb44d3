package org.dl4jtuner.tuner.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.DyingStorage;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.terminator.Terminators;
import org.junit.jupiter.api.Test;

class PromotionAshaTest {
    private static final List<Integer> RUNGS = List.of(1, 3, 9);

    private static Study study(Storage storage) {
        return Study.builder().name("asha").direction(Direction.MAXIMIZE).sampler(Samplers.random(4)).seed(4)
                .pruner(Pruners.promotionAsha(1, 9, 3)).storage(storage).build();
    }

    @Test
    void rungsGrowByEtaUpToTheMaxResource() {
        assertEquals(List.of(1, 3, 9), Pruners.promotionAsha(1, 9, 3).rungResources());
        assertEquals(List.of(2, 4, 8, 10), Pruners.promotionAsha(2, 10, 2).rungResources());
        assertEquals(List.of(5), Pruners.promotionAsha(5, 5, 3).rungResources());
        assertEquals("maxResource >= minResource must hold, but got maxResource=2, minResource=3",
                assertThrows(IllegalArgumentException.class, () -> Pruners.promotionAsha(3, 2, 3)).getMessage());
    }

    @Test
    void oneWorkerPromotesExactlyTheTrialsAlgorithm2PromotesAndPausesTheRest() {
        CurveTableObjective objective = new CurveTableObjective();
        Study study = study(new InMemoryStorage());
        study.optimizeResumable(objective, Budget.trials(16), 1);

        List<List<Integer>> expected = Algorithm2.jobs(16, RUNGS, 3);
        assertEquals(expected, objective.calls);
        // by hand from the table: trials 0, 1, 2 reach rung 0 at epoch 1 with 0.62 (1 - e^-1/2) = 0.244,
        // 0.91 (1 - e^-1/9) = 0.096 and 0.55 (1 - e^-1) = 0.348; the top third of three is trial 2,
        // so the fourth job promotes trial 2 to 3 epochs
        assertEquals(List.of(List.of(0, 1), List.of(1, 1), List.of(2, 1), List.of(2, 3)), objective.calls.subList(0, 4));

        List<FrozenTrial> trials = study.trials();
        assertEquals(16, trials.size());
        assertTrue(study.trials(TrialState.PAUSED).isEmpty(), "no trial is left paused when the budget ends");
        for (FrozenTrial t : trials) {
            int reached = RungJobs.completedRungs(t);
            assertEquals(reached == 3 ? TrialState.COMPLETE : TrialState.PRUNED, t.state(), "trial " + t.number());
            assertEquals(RUNGS.get(reached - 1), t.lastStep(), "trial " + t.number() + " stops at its last rung");
            for (int k = 0; k < reached; k++) {
                assertEquals(CurveTableObjective.value(t.number(), RUNGS.get(k)),
                        ((Number) t.systemAttrs().get(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + k)).doubleValue());
            }
        }
        long epochs = trials.stream().mapToLong(t -> t.intermediateValues().size()).sum();
        assertEquals(objective.epochsTrained.get(), epochs, "every epoch trained once: promotions continue");
        // the plan counts 1/eta of each rung going on: 16 x 1 + 5 x 2 + 1 x 6 epochs; Algorithm 2 promotes
        // a few more, early on, from a rung only a few trials had reached
        assertEquals(16 + 5 * 2 + 6, Pruners.promotionAsha(1, 9, 3).plan(16, 9).expected());
        assertTrue(epochs >= 32 && epochs <= Pruners.promotionAsha(1, 9, 3).plan(16, 9).most(), "epochs " + epochs);
    }

    @Test
    void theStudysTerminatorEndsTheScheduleAndSaysWhy() {
        CurveTableObjective objective = new CurveTableObjective();
        Study study = Study.builder().name("asha").direction(Direction.MAXIMIZE).sampler(Samplers.random(4)).seed(4)
                .pruner(Pruners.promotionAsha(1, 9, 3)).terminator(Terminators.noImprovement(5))
                .storage(new InMemoryStorage()).build();
        study.optimizeResumable(objective, Budget.trials(200), 1);

        assertTrue(study.stopReason().isPresent(), "the terminator stopped the schedule");
        assertTrue(study.stopReason().get().startsWith(Terminators.noImprovement(5).name()), study.stopReason().get());
        int trials = study.trials().size();
        assertTrue(trials < 200, "stopped before the budget's 200 trials, at " + trials);
        List<FrozenTrial> finished = study.trials(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL);
        assertTrue(Terminators.noImprovement(5).reasonToStop(study).isPresent(), "the stored trials justify the stop");

        Study resumed = Study.builder().name("asha").direction(Direction.MAXIMIZE).sampler(Samplers.random(4)).seed(4)
                .pruner(Pruners.promotionAsha(1, 9, 3)).terminator(Terminators.noImprovement(5))
                .storage(study.storage()).build();
        long epochs = objective.epochsTrained.get();
        resumed.optimizeResumable(objective, Budget.trials(200), 1);
        assertTrue(resumed.stopReason().isPresent());
        assertEquals(finished.size(), resumed.trials(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL).size(),
                "resumed with the same terminator, the study stops at once: the decision comes from storage");
        assertEquals(epochs, objective.epochsTrained.get());
    }

    @Test
    void anEpochBudgetIsNeverExceededAndEndsWithNothingPaused() {
        for (int parallel : new int[] {1, 3}) {
            CurveTableObjective objective = new CurveTableObjective();
            Study study = study(new InMemoryStorage());
            study.optimizeResumable(objective, Budget.steps(40), parallel);
            long epochs = objective.epochsTrained.get();
            assertTrue(epochs <= 40 && epochs >= 40 - 6, "40 epochs at most, and no job of 6 or fewer left undone: "
                    + epochs + " with " + parallel + " workers");
            assertEquals(epochs, study.trials().stream().mapToLong(t -> t.intermediateValues().size()).sum());
            assertTrue(study.trials(TrialState.PAUSED, TrialState.RUNNING).isEmpty());
        }
    }

    @Test
    void parallelWorkersPromoteEachTrialOnceAndKeepTheTrialCountExact() {
        CurveTableObjective objective = new CurveTableObjective();
        Study study = study(new InMemoryStorage());
        study.optimizeResumable(objective, Budget.trials(27), 3);
        assertEquals(27, study.trials().size());
        Map<Integer, List<Integer>> resources = new HashMap<>();
        for (List<Integer> call : objective.calls) {
            resources.computeIfAbsent(call.get(0), k -> new ArrayList<>()).add(call.get(1));
        }
        resources.forEach((trial, r) -> assertEquals(RUNGS.subList(0, r.size()), r, "trial " + trial + " rung by rung"));
        long atRung1 = resources.values().stream().filter(r -> r.size() >= 2).count();
        long complete = study.trials(TrialState.COMPLETE).size();
        assertTrue(atRung1 >= 9 && complete >= atRung1 / 3, "at least the top third goes on: " + atRung1 + ", " + complete);
        assertEquals(objective.epochsTrained.get(), study.trials().stream().mapToLong(t -> t.intermediateValues().size()).sum());
        assertTrue(study.trials(TrialState.PAUSED, TrialState.RUNNING).isEmpty());
    }

    @Test
    void aStorageThatFailsAsAJobEndsStopsEveryWorkerInsteadOfLeavingOneWaiting() {
        DyingStorage dying = new DyingStorage(new InMemoryStorage());
        Study study = study(dying);
        ResumableObjective killsTheStorage = (trial, resource) -> {
            trial.suggestFloat("x", 0, 1);
            // Budget.trials(1): the other worker has no job and waits for this one to end
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!anotherWorkerWaits() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(anotherWorkerWaits(), "the second worker waits for a job");
            dying.kill();   // recording the value and booking the epochs now fail
            return 0.5;
        };
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> assertThrows(
                IllegalStateException.class, () -> study.optimizeResumable(killsTheStorage, Budget.trials(1), 2)));
        assertEquals("the process was killed", e.getMessage());
    }

    /** Whether a worker thread of this test's study, other than the caller, waits for a job. */
    private static boolean anotherWorkerWaits() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t != Thread.currentThread()
                && t.getName().equals("asha-asha") && t.getState() == Thread.State.WAITING);
    }

    @Test
    void aStoppedRunLeavesTrialsPausedAndTheNextStudyObjectPromotesThemAsOneRunWould() {
        CurveTableObjective straight = new CurveTableObjective();
        Study uninterrupted = study(new InMemoryStorage());
        uninterrupted.optimizeResumable(straight, Budget.studyTrials(16), 1);

        // stop the first run just before a job that promotes a trial it paused
        List<List<Integer>> reference = Algorithm2.jobs(16, RUNGS, 3);
        int stopAfter = 6;
        while (reference.get(stopAfter).get(1) == 1) {
            stopAfter++;
        }
        int stopAt = stopAfter;
        InMemoryStorage storage = new InMemoryStorage();
        AtomicInteger jobs = new AtomicInteger();
        Study first = study(storage);
        CurveTableObjective shared = new CurveTableObjective();
        first.optimizeResumable((trial, resource) -> {
            double v = shared.evaluate(trial, resource);
            if (jobs.incrementAndGet() == stopAt) {
                trial.study().stop();
            }
            return v;
        }, Budget.studyTrials(16), 1);
        List<FrozenTrial> paused = first.trials(TrialState.PAUSED);
        assertEquals(stopAt, shared.calls.size());
        int promoted = reference.get(stopAt).get(0);
        assertTrue(paused.stream().anyMatch(p -> p.number() == promoted),
                "the stopped run left trial " + promoted + " paused: " + paused);

        study(storage).optimizeResumable(shared, Budget.studyTrials(16), 1);
        assertEquals(straight.calls, shared.calls, "the two runs made the jobs one run makes");
        List<FrozenTrial> after = storage.trials(first.id(), java.util.Set.of());
        assertEquals(List.of(promoted, reference.get(stopAt).get(1)), shared.calls.get(stopAt),
                "the second study object's first job promotes the trial the first one paused");
        assertTrue(RungJobs.completedRungs(after.get(promoted)) >= 2);
        for (FrozenTrial t : uninterrupted.trials()) {
            FrozenTrial u = after.get(t.number());
            assertEquals(t.state(), u.state(), "trial " + t.number());
            assertEquals(t.intermediateValues(), u.intermediateValues(), "trial " + t.number());
        }
    }

    @Test
    void optimizeResumableNeedsASchedulingPruner() {
        Study study = Study.builder().pruner(Pruners.median(1, 0)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> study.optimizeResumable(new CurveTableObjective(), Budget.trials(1), 1));
        assertTrue(e.getMessage().startsWith("optimizeResumable needs a pruner that schedules trials"), e.getMessage());
        for (String scheduler : new String[] {"Pruners.promotionAsha", "Pruners.synchronousHyperband", "Pruners.auto"}) {
            assertTrue(e.getMessage().contains(scheduler), "names every scheduler: " + e.getMessage());
        }
    }
}
