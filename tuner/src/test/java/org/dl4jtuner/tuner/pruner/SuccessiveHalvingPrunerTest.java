package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingPrunerTest extends PrunerContractTest {
    @Override
    protected Pruner createPruner() {
        return Pruners.successiveHalving(1, 3);
    }

    /**
     * Nine trials with values 0.1 .. 0.9 (shuffled) are recorded at rungs 0 .. rungs-1; then one
     * more trial reports {@code value} at each of those rungs (steps 1, 3, 9, ...). It must continue
     * exactly when it is in the top floor(10 / 3) = 3 of the ten values at each rung.
     */
    private static boolean continues(double value, int rungs, Direction direction) {
        Study study = Study.builder().direction(direction).pruner(Pruners.successiveHalving(1, 3)).build();
        List<Double> history = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            history.add(i / 10.0);
        }
        Collections.shuffle(history, new Random(4));
        double sign = direction == Direction.MAXIMIZE ? 1 : -1;
        for (double v : history) {
            var trial = study.ask();
            for (int rung = 0; rung < rungs; rung++) {
                study.storage().setTrialSystemAttr(trial.id(), SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + rung, sign * v);
            }
            study.tell(trial, sign * v);
        }
        var candidate = study.ask();
        for (int rung = 0, step = 1; rung < rungs; rung++, step *= 3) {
            candidate.report(step, sign * value);
            if (candidate.shouldPrune()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void promotesExactlyTheTopThirdAtTheFirstRung() {
        for (Direction direction : Direction.values()) {
            for (int k = 5; k <= 95; k += 10) {
                double v = k / 100.0;
                boolean inTop3 = v > 0.7;   // ten values: 0.9, 0.8 and v are the top three iff v > 0.7
                assertEquals(inTop3, continues(v, 1, direction), direction + ", value " + v);
            }
        }
    }

    @Test
    void promotesExactlyTheTopThirdAtLaterRungs() {
        for (int k = 5; k <= 95; k += 10) {
            double v = k / 100.0;
            assertEquals(v > 0.7, continues(v, 3, Direction.MAXIMIZE), "value " + v);
        }
    }

    @Test
    void whileARungHoldsFewerThanEtaValuesOnlyTheBestSoFarContinues() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(createPruner()).build();
        assertEquals(TrialState.COMPLETE, Curves.run(study, 0.5).state(), "first at the rung");
        assertEquals(TrialState.PRUNED, Curves.run(study, 0.4).state(), "second, worse");
        assertEquals(TrialState.COMPLETE, Curves.run(study, 0.6).state(), "third, best so far");
        assertEquals(TrialState.PRUNED, Curves.run(study, 0.55).state(), "fourth: top floor(4/3) = 1 only");
    }

    @Test
    void rungsSitAtMinResourceTimesPowersOfEta() {
        SuccessiveHalvingPruner pruner = new SuccessiveHalvingPruner(2, Long.MAX_VALUE, 3, 0, 0);
        assertEquals(List.of(2L, 6L, 18L, 54L), List.of(pruner.rungStep(0), pruner.rungStep(1), pruner.rungStep(2),
                pruner.rungStep(3)));
        assertEquals(18L, new SuccessiveHalvingPruner(2, Long.MAX_VALUE, 3, 2, 0).rungStep(0));
    }

    @Test
    void handMadeCurvesArePrunedOnlyAtRungBoundaries() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(createPruner()).build();
        Random random = new Random(8);
        for (int i = 0; i < 60; i++) {
            double level = random.nextDouble();
            double[] curve = new double[27];
            for (int s = 0; s < 27; s++) {
                curve[s] = level * (1 - Math.exp(-(s + 1) / 5.0));
            }
            FrozenTrial t = Curves.run(study, curve);
            if (t.state() == TrialState.PRUNED) {
                assertTrue(List.of(1, 3, 9).contains(t.lastStep()), "pruned at step " + t.lastStep());
            }
        }
        long reached9 = study.trials().stream().filter(t -> t.lastStep() >= 9).count();
        long reached1 = study.trials().size();
        assertTrue(reached9 < reached1 / 3, reached9 + " of " + reached1 + " trials passed two rungs");
    }

    @Test
    void aRungAtTheLastEpochIsNotJudged() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.successiveHalving(1, 9, 3)).build();
        Curves.run(study, Curves.flat(0.9, 9));
        FrozenTrial worse = Curves.run(study, 0.95, 0.95, 0.95, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
        assertEquals(TrialState.COMPLETE, worse.state(), "judged at epochs 1 and 3, not at 9, the last");
        FrozenTrial bad = Curves.run(study, Curves.flat(0.1, 9));
        assertEquals(1, bad.lastStep(), "a bad trial still stops at the first rung");
    }

    @Test
    void rungValuesLiveInStorage() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(createPruner()).build();
        FrozenTrial t = Curves.run(study, 0.5, 0.6, 0.7);
        assertEquals(0.5, t.systemAttrs().get(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + 0));
        assertEquals(0.7, t.systemAttrs().get(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + 1));
    }

    @Test
    void etaBelowTwoIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pruners.successiveHalving(1, 1));
        assertEquals("eta >= 2 must hold, but got eta=1", e.getMessage());
    }
}
