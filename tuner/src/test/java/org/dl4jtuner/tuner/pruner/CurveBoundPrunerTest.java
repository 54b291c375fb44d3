package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class CurveBoundPrunerTest extends PrunerContractTest {
    @Override
    protected Pruner createPruner() {
        return Pruners.curveBound(1, 5);
    }

    /**
     * Ten complete trials over 5 epochs, each climbing 0.01 per epoch to a final value of 0.60 + 0.03 i
     * (the best ends at 0.87); the last of them gains 0.20 from epoch 2 on, the others 0.03.
     */
    private static Study withHistory(Direction direction, double sign, int complete) {
        return withHistory(direction, sign, complete, new CurveBoundPruner(1, 5, 10, 0.8));
    }

    private static Study withHistory(Direction direction, double sign, int complete, Pruner pruner) {
        Study study = Study.builder().direction(direction).pruner(Pruners.none()).build();
        for (int i = 0; i < complete; i++) {
            double end = 0.60 + 0.03 * i;
            double[] curve = {end - 0.04, end - 0.03, end - 0.02, end - 0.01, end};
            if (i == 9) {
                curve = new double[] {end - 0.25, end - 0.20, end - 0.10, end - 0.05, end};
            }
            for (int e = 0; e < curve.length; e++) {
                curve[e] *= sign;
            }
            Curves.run(study, curve);
        }
        return Study.builder().name(study.name()).storage(study.storage()).pruner(pruner).build();
    }

    @Test
    void aTrialThatCannotReachTheBestEvenWithMostTrialsGainIsPrunedAndOneThatCanGoesOn() {
        // 80% of the trials gained at most 0.03 from epoch 2 on: 0.80 at epoch 2 can reach 0.83 < 0.87
        FrozenTrial hopeless = Curves.run(withHistory(Direction.MAXIMIZE, 1, 10), 0.70, 0.80, 0.80, 0.80, 0.80);
        assertEquals(TrialState.PRUNED, hopeless.state());
        assertEquals(1, hopeless.lastStep(), "0.70 + 0.04 at epoch 1 is already short of 0.87");
        FrozenTrial close = Curves.run(withHistory(Direction.MAXIMIZE, 1, 10), 0.85, 0.86, 0.87, 0.87, 0.87);
        assertEquals(TrialState.COMPLETE, close.state(), "0.85 + 0.04 could beat 0.87, and so on");
    }

    @Test
    void minimizingMirrorsMaximizing() {
        assertEquals(TrialState.PRUNED, Curves.run(withHistory(Direction.MINIMIZE, -1, 10), -0.70, -0.80).state());
        assertEquals(TrialState.COMPLETE,
                Curves.run(withHistory(Direction.MINIMIZE, -1, 10), -0.85, -0.86, -0.87, -0.87, -0.87).state());
    }

    @Test
    void nothingIsPrunedBeforeTenCompleteTrialsNorAtTheLastEpoch() {
        assertEquals(TrialState.COMPLETE, Curves.run(withHistory(Direction.MAXIMIZE, 1, 9), 0.1, 0.1, 0.1, 0.1, 0.1)
                .state());
        Study study = withHistory(Direction.MAXIMIZE, 1, 10);
        Pruner pruner = new CurveBoundPruner(3, 5, 10, 0.8);
        Study late = Study.builder().name(study.name()).storage(study.storage()).pruner(pruner).build();
        FrozenTrial t = Curves.run(late, 0.1, 0.1, 0.1, 0.1, 0.1);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(3, t.lastStep(), "not before min_resource");
    }

    @Test
    void theLargestGainBoundsWhenTheQuantileIsOneSoALateBloomerSeenBeforeKeepsSlowStartersAlive() {
        Study study = withHistory(Direction.MAXIMIZE, 1, 10);
        Study lenient = Study.builder().name(study.name()).storage(study.storage())
                .pruner(new CurveBoundPruner(1, 5, 10, 1.0)).build();
        // the late bloomer gained 0.25 from epoch 1, 0.20 from epoch 2, 0.10 from epoch 3
        FrozenTrial slow = Curves.run(lenient, 0.65, 0.70, 0.70, 0.70, 0.70);
        assertEquals(TrialState.PRUNED, slow.state());
        assertEquals(3, slow.lastStep(), "0.65 + 0.25 and 0.70 + 0.20 could reach 0.87; 0.70 + 0.10 cannot");
        assertEquals(1, Curves.run(withHistory(Direction.MAXIMIZE, 1, 10), 0.65, 0.70, 0.70, 0.70, 0.70).lastStep(),
                "at the 0.8 quantile the gain from epoch 1 is 0.04");
    }

    @Test
    void withTheEnvelopeATrialAheadOfOneOfTheBestTrialsAtItsEpochGoesOnThoughTheGainsSayItCannotWin() {
        // the best trial (0.87) was a late bloomer: 0.62 at epoch 1, 0.67 at epoch 2, 0.77 at epoch 3
        Pruner auto = Pruners.curveBound(1, 5);
        FrozenTrial ahead = Curves.run(withHistory(Direction.MAXIMIZE, 1, 10, auto), 0.70, 0.80, 0.80, 0.80, 0.80);
        assertEquals(TrialState.COMPLETE, ahead.state(),
                "ahead of the best trial at epochs 1 to 3, and level with the third best (0.80) at epoch 4");
        FrozenTrial behind = Curves.run(withHistory(Direction.MAXIMIZE, 1, 10, auto), 0.60, 0.60, 0.60, 0.60, 0.60);
        assertEquals(TrialState.PRUNED, behind.state());
        assertEquals(1, behind.lastStep(), "behind all three best trials at epoch 1 (0.62, 0.80, 0.77) and short"
                + " of 0.87 by more than the 0.04 most trials gained");
        FrozenTrial behindLater = Curves.run(withHistory(Direction.MAXIMIZE, 1, 10, auto), 0.70, 0.70, 0.70, 0.70, 0.70);
        assertEquals(3, behindLater.lastStep(), "ahead of the late bloomer until epoch 3 (0.77)");
    }
}
