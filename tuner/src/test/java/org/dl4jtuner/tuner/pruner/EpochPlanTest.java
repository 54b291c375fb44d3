package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.junit.jupiter.api.Test;

/** What each pruner says 24 trials of up to 9 epochs will train, and the schedules' expectation against a run. */
class EpochPlanTest {
    @Test
    void noPruningTrainsEveryEpoch() {
        assertEquals(new EpochPlan(216, 216L, 216), Pruners.none().plan(24, 9));
    }

    @Test
    void rulePrunersKnowOnlyTheirEarliestStop() {
        EpochPlan median = Pruners.median(5, 0).plan(24, 9);
        assertEquals(5 * 9 + 19, median.fewest(), "5 warm-up trials train fully, the rest can stop after epoch 1");
        assertNull(median.expected());
        assertEquals(216, median.most());
        assertEquals(24 * 4, Pruners.patience(3, 0).plan(24, 9).fewest(), "three epochs without improving on the first");
        assertEquals(10 * 9 + 14 * 2, Pruners.curveBound(2, 9).plan(24, 9).fewest());
        assertEquals(5 * 9 + 19 * 2, Pruners.auto(2, 9).plan(24, 9).fewest(), "5 warm-up trials, then epoch 2");
    }

    @Test
    void successiveHalvingAndHyperbandExpectOneEtaPassingEachRung() {
        // rungs at 1 and 3: 1 + (3 - 1) / 3 + (9 - 3) / 9 = 7/3 epochs per trial
        assertEquals(new EpochPlan(24, 56L, 216), Pruners.successiveHalving(1, 9, 3).plan(24, 9));
        // brackets with budgets 9, 5, 3 expect 7/3, 3 + 6/3 = 5 and 9 epochs: (21 + 25 + 27) / 17 per trial
        assertEquals(new EpochPlan(24, Math.round(24 * 73 / 17.0), 216), Pruners.hyperband(1, 9, 3).plan(24, 9));
    }

    @Test
    void theSuccessiveHalvingExpectationMatchesARunOnRandomCurvesWithinAFifth() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.successiveHalving(1, 27, 3)).seed(4)
                .build();
        Random random = new Random(11);
        long epochs = 0;
        int trials = 400;
        for (int i = 0; i < trials; i++) {
            FrozenTrial t = Curves.run(study, Curves.flat(random.nextDouble(), 27));
            epochs += t.intermediateValues().size();
        }
        long expected = Pruners.successiveHalving(1, 27, 3).plan(trials, 27).expected();
        assertTrue(Math.abs(epochs - expected) < expected / 5.0, "ran " + epochs + " epochs, planned " + expected);
    }
}
