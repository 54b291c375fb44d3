package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class ParetoRungPrunerTest extends PrunerContractTest {
    private static final Direction MAX = Direction.MAXIMIZE;
    private static final Direction MIN = Direction.MINIMIZE;

    @Override
    protected Pruner createPruner() {
        return Pruners.paretoRung(1, 27, 3);
    }

    private static Study twoObjectiveStudy() {
        return Study.builder().directions(MAX, MIN).pruner(Pruners.paretoRung(1, 27, 3)).seed(4).build();
    }

    /** Reports [accuracy(step), parameters] at steps 1 to 27 and stops when pruned. */
    private static FrozenTrial run(Study study, double finalAccuracy, double parameters) {
        Trial trial = study.ask();
        double[] last = null;
        for (int step = 1; step <= 27; step++) {
            last = new double[] {finalAccuracy * (1 - Math.exp(-step / 4.0)), parameters};
            trial.report(step, last);
            if (trial.shouldPrune()) {
                return study.tell(trial, TrialState.PRUNED);
            }
        }
        return study.tell(trial, last);
    }

    /** The vectors recorded at rung k by the trials, as (trial number, [accuracy, parameters]). */
    private static Map<Integer, double[]> rung(Study study, int k) {
        Map<Integer, double[]> recorded = new TreeMap<>();
        for (FrozenTrial t : study.trials()) {
            if (t.systemAttrs().get(ParetoRungPruner.RUNG_ATTR_PREFIX + k) instanceof List<?> v) {
                recorded.put(t.number(), new double[] {((Number) v.get(0)).doubleValue(), ((Number) v.get(1)).doubleValue()});
            }
        }
        return recorded;
    }

    private static boolean dominated(double[] x, Iterable<double[]> others) {
        for (double[] o : others) {
            if (o[0] >= x[0] && o[1] <= x[1] && (o[0] > x[0] || o[1] < x[1])) {
                return true;
            }
        }
        return false;
    }

    @Test
    void prunesDominatedTrialsAtRungsAndNeverAMemberOfTheFront() {
        Study study = twoObjectiveStudy();
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 60; i++) {
            run(study, random.nextDouble(0.5, 1), random.nextInt(1, 100) * 1000);
        }
        int pruned = 0;
        for (FrozenTrial t : study.trials()) {
            if (t.state() != TrialState.PRUNED) {
                continue;
            }
            pruned++;
            int k = 0;
            while (t.systemAttrs().containsKey(ParetoRungPruner.RUNG_ATTR_PREFIX + (k + 1))) {
                k++;
            }
            // at the rung it was pruned, compare with the trials that had reached that rung before it
            Map<Integer, double[]> atRung = rung(study, k);
            List<double[]> earlier = new ArrayList<>();
            atRung.forEach((number, v) -> {
                if (number < t.number()) {
                    earlier.add(v);
                }
            });
            assertTrue(dominated(atRung.get(t.number()), earlier), "trial " + t.number() + " was pruned at rung " + k
                    + " though no earlier trial there dominated it");
        }
        assertTrue(pruned >= 30, "dominated trials are pruned: " + pruned + " of 60");
        long complete = study.trials(TrialState.COMPLETE).size();
        assertTrue(complete >= 5, "trials on the front go on to the end: " + complete);
    }

    @Test
    void aTrialThatNoOtherDominatesGoesOnEvenWhenFewReachedTheRung() {
        Study study = twoObjectiveStudy();
        run(study, 0.9, 50_000);
        assertEquals(TrialState.COMPLETE, run(study, 0.6, 1_000).state(), "smaller and less accurate: a trade-off");
        assertEquals(TrialState.COMPLETE, run(study, 0.95, 90_000).state(), "larger and more accurate: a trade-off");
        FrozenTrial worse = run(study, 0.5, 60_000);
        assertEquals(TrialState.PRUNED, worse.state());
        assertEquals(1, worse.lastStep(), "dominated at the first rung, step 1");
    }

    @Test
    void parametersKnownBeforeTrainingDecideFromTheFirstRung() {
        Study study = twoObjectiveStudy();
        for (int i = 0; i < 9; i++) {
            run(study, 0.9, 10_000);   // equal trials: all on one front
        }
        FrozenTrial bigger = run(study, 0.9, 20_000);
        assertEquals(TrialState.PRUNED, bigger.state(), "as accurate at every step but twice the size");
        assertEquals(1, bigger.lastStep());
    }

    @Test
    void aReportWithNanIsPrunedAtItsRungAndNotRecorded() {
        Study study = twoObjectiveStudy();
        run(study, 0.9, 1000);
        Trial trial = study.ask();
        trial.report(1, new double[] {Double.NaN, 10});
        assertTrue(trial.shouldPrune());
        assertFalse(trial.frozen().systemAttrs().containsKey(ParetoRungPruner.RUNG_ATTR_PREFIX + 0));
    }

    @Test
    void valuesOfAnotherCountThanTheObjectivesAreRefusedNamingBoth() {
        Study study = twoObjectiveStudy();
        FrozenTrial odd = new FrozenTrial(99, 7, TrialState.RUNNING, null, Map.of(), Map.of(), new TreeMap<>(), Map.of(),
                Map.of(Study.STEP_VALUES_ATTR, Map.of("1", List.of(0.5, 10.0, 3.0))), Instant.EPOCH, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pruners.paretoRung(1, 27, 3).prune(study, odd));
        assertEquals("trial 7 reported 3 values at step 1, but study 'study' has 2 objectives (directions [MAXIMIZE,"
                + " MINIMIZE])", e.getMessage());
        IllegalArgumentException asha = assertThrows(IllegalArgumentException.class, () -> Study.builder()
                .directions(MAX, MIN).pruner(Pruners.successiveHalving(1, 27, 3)).build());
        assertTrue(asha.getMessage().startsWith("pruner successiveHalving(minResource=1, maxResource=27, eta=3) judges a"
                + " single objective"), asha.getMessage());
    }
}
