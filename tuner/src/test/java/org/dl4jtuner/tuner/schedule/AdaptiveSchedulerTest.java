package org.dl4jtuner.tuner.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.AdaptivePruner;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

class AdaptiveSchedulerTest {
    private static final int EPOCHS = 27;

    /** A curve over 27 epochs climbing linearly from {@code first} at epoch 1 to {@code last} at epoch 27. */
    private static double[] line(double first, double last) {
        double[] curve = new double[EPOCHS];
        for (int e = 0; e < EPOCHS; e++) {
            curve[e] = first + (last - first) * e / (EPOCHS - 1);
        }
        return curve;
    }

    /** Reports the curve epoch by epoch and stops when the study's pruner says so, as an epoch loop would. */
    private static FrozenTrial run(Study study, double[] curve) {
        Trial trial = study.ask();
        for (int e = 1; e <= curve.length; e++) {
            trial.report(e, curve[e - 1]);
            if (e < curve.length && trial.shouldPrune()) {
                return study.tell(trial, TrialState.PRUNED);
            }
        }
        return study.tell(trial, curve[curve.length - 1]);
    }

    private static Study study(Storage storage, Pruner pruner) {
        return Study.builder().name("auto").direction(Direction.MAXIMIZE).pruner(pruner).storage(storage).build();
    }

    /** Six complete trials that climb from 0.80-0.85 to 0.85-0.90: small gains, all ahead at every epoch. */
    private static Storage steadyHistory() {
        Storage storage = new InMemoryStorage();
        Study history = study(storage, Pruners.none());
        for (int i = 0; i < 6; i++) {
            run(history, line(0.80 + 0.01 * i, 0.85 + 0.01 * i));
        }
        return storage;
    }

    /** A trial trained to epoch 3 at 0.5 and paused there, as the scheduler leaves it after rungs 1 and 3. */
    private static FrozenTrial pausedAtRungThree(Study study) {
        Trial trial = study.ask();
        new AdaptiveScheduler(1, EPOCHS, 3, 0.5).started(trial);
        double[] curve = line(0.40, 0.98);
        for (int e = 1; e <= 3; e++) {
            trial.report(e, curve[e - 1]);
        }
        trial.setSystemAttr(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + 0, curve[0]);
        trial.setSystemAttr(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + 1, curve[2]);
        return study.pause(trial);
    }

    private static List<Integer> promotableAtRungThree(Study study) {
        AdaptiveScheduler scheduler = (AdaptiveScheduler) study.pruner();
        List<Integer> numbers = new ArrayList<>();
        for (FrozenTrial t : scheduler.promotable(study, study.trials(), 1)) {
            numbers.add(t.number());
        }
        return numbers;
    }

    @Test
    void rungsGrowByThreeUpToTheMaxResource() {
        assertEquals(List.of(1, 3, 9, 27), new AdaptiveScheduler(1, 27, 3, 0.5).rungResources());
        assertEquals(List.of(1, 3, 9, 27, 81), new AdaptiveScheduler(1, 81, 3, 0.5).rungResources());
        assertEquals(List.of(2, 6, 18, 20), new AdaptiveScheduler(2, 20, 3, 0.5).rungResources());
    }

    @Test
    void aTrialTheCurveBoundSetsAsideWaitsAndGoesOnOnceALateBloomerCompletes() {
        Storage storage = steadyHistory();
        Study study = study(storage, Pruners.auto(1, EPOCHS));
        FrozenTrial paused = pausedAtRungThree(study);
        // 0.46 at epoch 3 plus the gains of at most 0.05 the six made from there cannot reach 0.90
        assertEquals(List.of(), promotableAtRungThree(study));

        // a late bloomer completes: 0.30 at epoch 1 (0.32 at epoch 3) to 0.95, a gain of 0.63 from epoch 3
        run(study(storage, Pruners.none()), line(0.30, 0.95));
        assertEquals(List.of(paused.number()), promotableAtRungThree(study));
        assertEquals(List.of(paused.number()), promotableAtRungThree(study(storage, Pruners.auto(1, EPOCHS))),
                "a new study object over the same storage decides the same");
    }

    @Test
    void decisionsComeFromStorageSoANewStudyObjectSetsAsideTheSameTrial() {
        Storage storage = steadyHistory();
        FrozenTrial paused = pausedAtRungThree(study(storage, Pruners.auto(1, EPOCHS)));
        Study again = study(storage, Pruners.auto(1, EPOCHS));
        assertEquals(TrialState.PAUSED, again.trials().get(paused.number()).state());
        assertEquals(List.of(), promotableAtRungThree(again));
    }

    @Test
    void onTheStoppingPathItPrunesAsAdaptivePrunerButNeverATrialItScheduled() {
        Storage storage = steadyHistory();
        Study study = study(storage, Pruners.auto(1, EPOCHS));
        FrozenTrial stopped = run(study, line(0.40, 0.98));
        assertEquals(TrialState.PRUNED, stopped.state());
        assertTrue(new AdaptivePruner(1, EPOCHS, 3, 0.5).prune(study, stopped), "AdaptivePruner stops it too");
        FrozenTrial paused = pausedAtRungThree(study);
        assertFalse(study.pruner().prune(study, paused), "a scheduled trial pauses at rungs, never stops between them");
        assertTrue(new AdaptivePruner(1, EPOCHS, 3, 0.5).prune(study, paused));
    }

    @Test
    void optimizeResumablePausesAndResumesWithoutLosingOrRepeatingAnEpoch() {
        CurveTableObjective objective = new CurveTableObjective();
        Study study = Study.builder().name("auto").direction(Direction.MAXIMIZE).sampler(Samplers.random(7)).seed(7)
                .pruner(Pruners.auto(1, EPOCHS)).storage(new InMemoryStorage()).build();
        study.optimizeResumable(objective, Budget.trials(40), 1);

        List<FrozenTrial> trials = study.trials();
        assertEquals(40, trials.size());
        assertTrue(study.trials(TrialState.PAUSED).isEmpty(), "no trial is left paused when the run ends");
        int complete = 0;
        for (FrozenTrial t : trials) {
            assertTrue(List.of(1, 3, 9, 27).contains(t.lastStep()), "trial " + t.number() + " ends at a rung");
            assertEquals(t.lastStep() == EPOCHS ? TrialState.COMPLETE : TrialState.PRUNED, t.state());
            assertEquals(t.lastStep(), t.intermediateValues().size(), "epochs 1.." + t.lastStep() + " all reported");
            for (int e = 1; e <= t.lastStep(); e++) {
                assertEquals(CurveTableObjective.value(t.number(), e), t.intermediateValues().get(e),
                        "a resumed trial's curve is the uninterrupted one");
            }
            complete += t.state() == TrialState.COMPLETE ? 1 : 0;
        }
        long epochs = trials.stream().mapToLong(t -> t.intermediateValues().size()).sum();
        assertEquals(objective.epochsTrained.get(), epochs, "every epoch trained once");
        assertTrue(complete >= 5 && complete < 40, complete + " complete: the rule set some trials aside for good");
        // a trial's rungs were trained in separate calls, so it paused between them
        assertTrue(objective.calls.stream().anyMatch(c -> c.get(1) > 1), "trials resumed past rung 0");
        assertTrue(objective.calls.size() > trials.size(), objective.calls.size() + " calls for " + trials.size() + " trials");
    }
}
