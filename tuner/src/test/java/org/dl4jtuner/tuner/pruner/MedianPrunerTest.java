package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class MedianPrunerTest extends PrunerContractTest {
    @Override
    protected Pruner createPruner() {
        return Pruners.median(0, 0);
    }

    /** Four completed trials whose values are 0.1, 0.2, 0.3, 0.4 at every step: median 0.25. */
    private static Study withHistory(Pruner pruner, Direction direction, double sign) {
        Study study = Study.builder().direction(direction).pruner(Pruners.none()).build();
        for (double v : new double[] {0.1, 0.2, 0.3, 0.4}) {
            Curves.run(study, Curves.flat(sign * v, 5));
        }
        return Study.builder().name(study.name()).storage(study.storage()).pruner(pruner).build();
    }

    @Test
    void prunesBelowTheMedianAndKeepsAbove() {
        Study study = withHistory(Pruners.median(0, 0), Direction.MAXIMIZE, 1);
        FrozenTrial below = Curves.run(study, 0.2, 0.24, 0.24);
        assertEquals(TrialState.PRUNED, below.state());
        assertEquals(1, below.lastStep(), "pruned at the first step it was below 0.25");
        assertEquals(TrialState.COMPLETE, Curves.run(study, 0.26, 0.26, 0.26, 0.26, 0.26).state());
    }

    @Test
    void minimizingPrunesAboveTheMedian() {
        Study study = withHistory(Pruners.median(0, 0), Direction.MINIMIZE, 1);
        assertEquals(TrialState.PRUNED, Curves.run(study, 0.3, 0.3).state());
        assertEquals(TrialState.COMPLETE, Curves.run(study, 0.2, 0.2, 0.2, 0.2, 0.2).state());
    }

    @Test
    void judgesTheTrialByItsBestValueSoFar() {
        Study study = withHistory(Pruners.median(0, 0), Direction.MAXIMIZE, 1);
        FrozenTrial t = Curves.run(study, 0.3, 0.1, 0.1, 0.1, 0.1);
        assertEquals(TrialState.COMPLETE, t.state(), "its best (0.3) stays above the median");
    }

    @Test
    void warmupStepsAreNeverPruned() {
        Study study = withHistory(Pruners.median(0, 2), Direction.MAXIMIZE, 1);
        FrozenTrial t = Curves.run(study, 0.0, 0.0, 0.0, 0.0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(3, t.lastStep(), "steps 1 and 2 are warm-up");
    }

    @Test
    void nothingIsPrunedBeforeEnoughTrialsCompleted() {
        Study study = withHistory(Pruners.median(5, 0), Direction.MAXIMIZE, 1);
        assertEquals(TrialState.COMPLETE, Curves.run(study, Curves.flat(0.0, 5)).state(), "only 4 trials completed");
        assertEquals(TrialState.PRUNED, Curves.run(study, Curves.flat(0.0, 5)).state(), "now 5 completed");
    }

    @Test
    void percentileIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pruners.percentile(120, 0, 0));
        assertTrue(e.getMessage().contains("percentile=120.0"), e.getMessage());
    }

    @Test
    void aLowerPercentilePrunesMore() {
        Study p25 = withHistory(Pruners.percentile(25, 0, 0), Direction.MAXIMIZE, 1);
        // 25th percentile for maximize = value with 75% below it: 0.325
        assertEquals(TrialState.PRUNED, Curves.run(p25, Curves.flat(0.3, 3)).state());
        Study p75 = withHistory(Pruners.percentile(75, 0, 0), Direction.MAXIMIZE, 1);
        assertEquals(TrialState.COMPLETE, Curves.run(p75, Curves.flat(0.18, 5)).state());
    }
}
