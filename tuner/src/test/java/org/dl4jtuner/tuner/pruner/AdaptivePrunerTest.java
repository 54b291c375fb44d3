package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class AdaptivePrunerTest extends PrunerContractTest {
    private static final int EPOCHS = 27;

    @Override
    protected Pruner createPruner() {
        return Pruners.auto(1, EPOCHS);
    }

    /** A curve over 27 epochs climbing linearly from {@code first} at epoch 1 to {@code last} at epoch 27. */
    private static double[] line(double first, double last) {
        double[] curve = new double[EPOCHS];
        for (int e = 0; e < EPOCHS; e++) {
            curve[e] = first + (last - first) * e / (EPOCHS - 1);
        }
        return curve;
    }

    /**
     * Twenty complete trials (unpruned) whose curves start at 0.10, 0.12, ..., 0.48 and end at 0.800,
     * 0.805, ..., 0.895, in the same order when {@code predictive} and in the reverse order when not;
     * then a study over the same storage judged by {@code pruner}.
     */
    private static Study withHistory(boolean predictive, Pruner pruner) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.none()).build();
        for (int i = 0; i < 20; i++) {
            double first = predictive ? 0.10 + 0.02 * i : 0.48 - 0.02 * i;
            Curves.run(study, line(first, 0.80 + 0.005 * i));
        }
        return Study.builder().name(study.name()).storage(study.storage()).pruner(pruner).build();
    }

    @Test
    void whereEpochOneRanksTheFinalValuesPerfectlyItHalvesThereAsAshaDoes() {
        Study study = withHistory(true, Pruners.auto(1, EPOCHS));
        assertTrue(AdaptivePruner.consistency(study.trials(), 1) >= 0.5, "tau is 1 over 20 trials");
        // 7th best of the 21 values at epoch 1 is 0.36: 0.30 is outside the top third
        FrozenTrial slow = Curves.run(study, line(0.30, 0.99));
        assertEquals(TrialState.PRUNED, slow.state());
        assertEquals(1, slow.lastStep());
        FrozenTrial fast = Curves.run(withHistory(true, Pruners.auto(1, EPOCHS)), line(0.45, 0.99));
        assertEquals(TrialState.COMPLETE, fast.state(), "in the top third at epochs 1, 3 and 9");
    }

    @Test
    void theCurveBoundAloneLetsTheSameSlowStarterGoOnSoTheHalvingIsWhatStoppedIt() {
        // the slow-starting trials gained up to 0.70 after epoch 1: 0.30 + 0.67 could still beat 0.895
        Pruner bound = new CurveBoundPruner(1, EPOCHS, AdaptivePruner.WARMUP_TRIALS, AdaptivePruner.GAIN_QUANTILE,
                AdaptivePruner.ENVELOPE);
        FrozenTrial slow = Curves.run(withHistory(true, bound), line(0.30, 0.99));
        assertTrue(slow.lastStep() > 9, "the bound stopped it at epoch " + slow.lastStep());
    }

    @Test
    void whereEpochOneRanksTheFinalValuesInReverseNothingIsHalvedAndTheLateBloomerCompletes() {
        Study study = withHistory(false, Pruners.auto(1, EPOCHS));
        assertTrue(AdaptivePruner.consistency(study.trials(), 1) < -0.5, "tau is -1 over 20 trials");
        // last of 21 at epoch 1, yet climbing to 0.95: no rung is trusted and the envelope keeps it
        FrozenTrial lateBloomer = Curves.run(study, line(0.11, 0.95));
        assertEquals(TrialState.COMPLETE, lateBloomer.state(), "pruned at epoch " + lateBloomer.lastStep());
    }

    @Test
    void consistencyIsTheLowerConfidenceBoundOfKendallsTauAndNeedsFivePairs() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.none()).build();
        for (int i = 0; i < 4; i++) {
            Curves.run(study, line(0.1 + 0.1 * i, 0.5 + 0.1 * i));
        }
        assertTrue(Double.isNaN(AdaptivePruner.consistency(study.trials(), 1)), "four pairs are not enough");
        Curves.run(study, line(0.5, 0.9));
        double standardError = Math.sqrt(2.0 * (2 * 5 + 5) / (9.0 * 5 * 4));
        assertEquals(1 - 1.5 * standardError, AdaptivePruner.consistency(study.trials(), 1), 1e-12);
        assertTrue(AdaptivePruner.consistency(study.trials(), 1) < 0.5,
                "five perfectly ranked trials are not yet proof enough to halve");
    }

    @Test
    void onRankPreservingCurvesItPrunesMostTrialsAtTheFirstRung() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.auto(1, EPOCHS)).build();
        SplittableRandom random = new SplittableRandom(5);
        int prunedAtFirstRung = 0;
        for (int i = 0; i < 60; i++) {
            double first = random.nextDouble(0.1, 0.5);
            FrozenTrial t = Curves.run(study, line(first, 0.8 + 0.25 * (first - 0.1)));
            if (i >= 30 && t.state() == TrialState.PRUNED && t.lastStep() == 1) {
                prunedAtFirstRung++;
            }
        }
        // ASHA would stop 2/3 of them at epoch 1, 20 of the last 30; random draws give or take a few
        assertTrue(prunedAtFirstRung >= 14, "only " + prunedAtFirstRung + " of the last 30 stopped at epoch 1");
    }

    @Test
    void aStudyResumedOverTheSameStorageDecidesExactlyAsOneThatRanThrough() {
        List<double[]> curves = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 40; i++) {
            double first = random.nextDouble(0.1, 0.5);
            double last = 0.8 + 0.25 * (first - 0.1) + random.nextDouble(-0.03, 0.03);
            curves.add(line(first, last));
        }
        Study through = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.auto(1, EPOCHS)).build();
        Study first = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.auto(1, EPOCHS)).build();
        List<Integer> ranThrough = new ArrayList<>();
        List<Integer> resumed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ranThrough.add(Curves.run(through, curves.get(i)).lastStep());
            resumed.add(Curves.run(first, curves.get(i)).lastStep());
        }
        Study second = Study.builder().name(first.name()).storage(first.storage()).pruner(Pruners.auto(1, EPOCHS)).build();
        for (int i = 20; i < 40; i++) {
            ranThrough.add(Curves.run(through, curves.get(i)).lastStep());
            resumed.add(Curves.run(second, curves.get(i)).lastStep());
        }
        assertEquals(ranThrough, resumed);
        assertTrue(ranThrough.stream().filter(s -> s < EPOCHS).count() >= 10, "too few pruned to compare: " + ranThrough);
    }
}
