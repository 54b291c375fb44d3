package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.junit.jupiter.api.Test;

/** The GP sampler's use of pruned trials: a multi-fidelity model over (point, log step / log max step). */
class GpSamplerFidelityTest {
    private static final int EPOCHS = 27;

    /**
     * A loss curve over {@code EPOCHS} epochs that ends at {@code last}: {@code last + 2 (1 - f)},
     * f the fidelity of the epoch, so every configuration improves by the same amount.
     */
    private static double curve(double last, int epoch) {
        return last + 2 * (1 - Fidelity.scale(epoch, EPOCHS));
    }

    /** Ten complete trials on x in [0.55, 1] whose final losses are nearly equal. */
    private static void completeTrials(Study study) {
        for (int i = 0; i < 10; i++) {
            double x = 0.55 + 0.05 * i;
            study.enqueueTrial(Map.of("x", x));
            Trial t = study.ask();
            t.suggestFloat("x", 0, 1);
            double last = 1 + 0.01 * Math.sin(7 * i);
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                t.report(epoch, curve(last, epoch));
            }
            study.tell(t, last);
        }
    }

    /** Six trials on x in [0, 0.4] pruned at epoch 3 with losses far worse than anyone else's there. */
    private static void badPrunedTrials(Study study) {
        for (int i = 0; i < 6; i++) {
            study.enqueueTrial(Map.of("x", 0.08 * i));
            Trial t = study.ask();
            t.suggestFloat("x", 0, 1);
            for (int epoch = 1; epoch <= 3; epoch++) {
                t.report(epoch, 10 + curve(1, epoch));
            }
            study.tell(t, TrialState.PRUNED);
        }
    }

    private static double nextX(GpSampler sampler, boolean withPruned) {
        Study study = Study.builder().sampler(sampler).seed(4).build();
        completeTrials(study);
        if (withPruned) {
            badPrunedTrials(study);
        }
        return study.ask().suggestFloat("x", 0, 1);
    }

    @Test
    void aRegionWhoseTrialsWerePrunedEarlyWithBadValuesIsNoLongerWhereTheModelExplores() {
        double ignoring = nextX(GpSampler.builder(4).prunedTrials(false).build(), true);
        double withoutPruned = nextX(GpSampler.builder(4).build(), false);
        double learning = nextX(GpSampler.builder(4).build(), true);
        // the complete trials are flat on [0.55, 1]: uncertainty alone draws the model to [0, 0.5]
        assertTrue(ignoring < 0.5, "ignoring pruned trials, the proposal explores the empty half: x=" + ignoring);
        assertTrue(withoutPruned < 0.5, "with no pruned trials, the proposal explores the empty half: x=" + withoutPruned);
        // the pruned trials' values at epoch 3 are 10 worse than the complete ones' at epoch 3
        assertTrue(learning > 0.45, "learning from the pruned trials, the proposal leaves their region: x=" + learning);
    }

    @Test
    void theFittedModelHasALengthScaleForTheFidelityOnlyWhenTrialsWerePruned() {
        Study study = Study.builder().sampler(GpSampler.builder(4).build()).seed(4).build();
        completeTrials(study);
        Trial single = study.ask();
        single.suggestFloat("x", 0, 1);
        List<?> singleTheta = assertInstanceOf(List.class, single.frozen().systemAttrs().get(GpSampler.THETA_ATTR));
        assertEquals(1 + 2, singleTheta.size(), "one length scale, signal and noise");
        study.tell(single, TrialState.FAIL);
        badPrunedTrials(study);
        Trial multi = study.ask();
        multi.suggestFloat("x", 0, 1);
        List<?> multiTheta = assertInstanceOf(List.class, multi.frozen().systemAttrs().get(GpSampler.THETA_ATTR));
        assertEquals(2 + 2, multiTheta.size(), "length scales of x and of the fidelity, signal and noise");
    }

    @Test
    void withoutPrunedTrialsTheProposalsAreThoseOfTheSingleFidelityModel() {
        List<List<Map<String, Object>>> runs = new ArrayList<>();
        for (boolean pruned : new boolean[] {true, false}) {
            Study study = Study.builder().sampler(GpSampler.builder(6).prunedTrials(pruned).build()).seed(6).build();
            study.optimize(BeatsRandomSearch.QUADRATIC, 14);
            runs.add(study.trials().stream().map(FrozenTrial::params).toList());
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void sameSeedSameProposalsWithPrunedTrials() {
        List<Double> first = proposalsWithPruning(8);
        assertEquals(first, proposalsWithPruning(8));
        assertNotEquals(first, proposalsWithPruning(9));
    }

    /** 24 trials of a 1-D problem where every third trial is pruned at epoch 3: the model's proposals. */
    private static List<Double> proposalsWithPruning(long seed) {
        Study study = Study.builder().sampler(GpSampler.builder(seed).startupTrials(5).build()).seed(seed).build();
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Trial t = study.ask();
            double x = t.suggestFloat("x", 0, 1);
            xs.add(x);
            double last = (x - 0.3) * (x - 0.3);
            int stop = i % 3 == 2 ? 3 : EPOCHS;
            for (int epoch = 1; epoch <= stop; epoch++) {
                t.report(epoch, curve(last, epoch));
            }
            if (stop < EPOCHS) {
                study.tell(t, TrialState.PRUNED);
            } else {
                study.tell(t, last);
            }
        }
        return xs.subList(5, xs.size());
    }

    @Test
    void onADiscreteSpaceTheMultiFidelityModelNeverProposesATriedConfigurationAgain() {
        Study study = Study.builder().sampler(GpSampler.builder(5).startupTrials(4).build()).seed(5).build();
        List<Map<String, Object>> tried = new ArrayList<>();
        int modelProposals = 0;
        for (int i = 0; i < 16; i++) {
            Trial t = study.ask();
            int n = t.suggestInt("n", 0, 7);
            String c = t.suggestCategorical("c", List.of("a", "b"));
            Map<String, Object> params = t.params();
            if (t.frozen().systemAttrs().get(GpSampler.THETA_ATTR) instanceof List<?> theta && theta.size() == 2 + 1 + 2) {
                modelProposals++;
                assertFalse(tried.contains(params), "trial " + i + " repeats " + params + " of " + tried);
            }
            tried.add(params);
            // the best configurations are pruned early: a model that trusted its uncertainty would come back
            double last = Math.abs(n - 2) + (c.equals("a") ? 0 : 0.5);
            int stop = i % 2 == 1 ? 3 : EPOCHS;
            for (int epoch = 1; epoch <= stop; epoch++) {
                t.report(epoch, curve(last, epoch));
            }
            if (stop < EPOCHS) {
                study.tell(t, TrialState.PRUNED);
            } else {
                study.tell(t, last);
            }
        }
        assertTrue(modelProposals >= 10, "multi-fidelity proposals: " + modelProposals);
    }

    @Test
    void prunedTrialsCountTowardsTheStartupSoTheModelStartsEarlierUnderPruning() {
        Study study = Study.builder().sampler(GpSampler.builder(3).startupTrials(4).build()).seed(3).build();
        for (int i = 0; i < 4; i++) {
            Trial t = study.ask();
            t.suggestFloat("x", 0, 1);
            int stop = i == 0 ? EPOCHS : 3;
            for (int epoch = 1; epoch <= stop; epoch++) {
                t.report(epoch, curve(1 + i, epoch));
            }
            if (stop == EPOCHS) {
                study.tell(t, 1.0);
            } else {
                study.tell(t, TrialState.PRUNED);
            }
        }
        Trial next = study.ask();
        next.suggestFloat("x", 0, 1);
        assertTrue(next.frozen().systemAttrs().containsKey(GpSampler.THETA_ATTR),
                "one complete and three pruned trials reach a startup of 4");
    }

    @Test
    void withNoCompleteTrialTheFullFidelityIsUnknownUnlessGiven() {
        for (Integer max : new Integer[] {null, EPOCHS}) {
            GpSampler.Builder b = GpSampler.builder(3).startupTrials(3);
            if (max != null) {
                b.maxFidelity(max);
            }
            Study study = Study.builder().sampler(b.build()).seed(3).build();
            for (int i = 0; i < 4; i++) {
                Trial t = study.ask();
                double x = t.suggestFloat("x", 0, 1);
                for (int epoch = 1; epoch <= 3; epoch++) {
                    t.report(epoch, curve(x, epoch));
                }
                study.tell(t, TrialState.PRUNED);
            }
            Trial next = study.ask();
            next.suggestFloat("x", 0, 1);
            assertEquals(max != null, next.frozen().systemAttrs().containsKey(GpSampler.THETA_ATTR),
                    "model used with maxFidelity=" + max);
        }
    }

    @Test
    void observationsPlaceEachValueAtTheFidelityOfItsStep() {
        Study study = Study.builder().sampler(Samplers.random(1)).seed(1).build();
        for (int stop : new int[] {9, 9, 3, 1}) {
            Trial t = study.ask();
            t.suggestFloat("x", 0, 1);
            for (int epoch = 1; epoch <= stop; epoch++) {
                t.report(epoch, 100 * stop + epoch);
            }
            if (stop == 9) {
                study.tell(t, -1.0 * t.number());
            } else {
                study.tell(t, TrialState.PRUNED);
            }
        }
        Map<String, Distribution> space = SearchSpaces.intersection(study.trials());
        Trial current = study.ask();
        GpObservations data = GpObservations.multiFidelity(study, current.frozen(), new UnitCube(space), 9);
        assertTrue(data.multiFidelity);
        assertEquals(4, data.trials);
        // rungs where trials were pruned: 1 and 3. Complete trials: rungs 1, 3 and their value at 1.
        // Pruned at 3: rung 1 and its value at 3. Pruned at 1: its value at 1.
        double[] fidelities = new double[data.x.length];
        for (int i = 0; i < data.x.length; i++) {
            fidelities[i] = data.x[i][1];
        }
        assertArrayEquals(new double[] {0, 0.5, 1, 0, 0.5, 1, 0, 0.5, 0}, fidelities, 1e-12);
        assertArrayEquals(new double[] {901, 903, 0, 901, 903, -1, 301, 303, 101}, data.losses, 1e-12);
        assertTrue(data.pending.isEmpty());
    }

    @Test
    void beyondTheCapTheLowestFidelitiesAndThenTheOldestObservationsGoFirst() {
        Study study = Study.builder().sampler(Samplers.random(1)).seed(1).build();
        for (int i = 0; i < 321; i++) {
            Trial t = study.ask();
            t.suggestFloat("x", 0, 1);
            int stop = i == 0 ? 9 : i <= 120 ? 3 : 1;
            for (int epoch = 1; epoch <= stop; epoch++) {
                t.report(epoch, i);
            }
            if (stop == 9) {
                study.tell(t, 0.0);
            } else {
                study.tell(t, TrialState.PRUNED);
            }
        }
        Map<String, Distribution> space = SearchSpaces.intersection(study.trials());
        GpObservations data = GpObservations.multiFidelity(study, study.ask().frozen(), new UnitCube(space), 9);
        assertEquals(321, data.trials);
        assertEquals(GpObservations.MAX_POINTS, data.x.length);
        // 443 observations: at fidelity 1 one, at 0.5 (step 3) 121, at 0 (step 1) 321, of which the newest 178 stay
        double[] oldestKeptAtStepOne = {Double.POSITIVE_INFINITY};
        int[] count = new int[3];
        for (int i = 0; i < data.x.length; i++) {
            double f = data.x[i][1];
            count[(int) Math.round(2 * f)]++;
            if (f == 0) {
                oldestKeptAtStepOne[0] = Math.min(oldestKeptAtStepOne[0], data.losses[i]);
            }
        }
        assertArrayEquals(new int[] {178, 121, 1}, count);
        assertEquals(321 - 178, oldestKeptAtStepOne[0], "the oldest step-1 value kept is trial 143's");
    }

    @Test
    void atMostFourRungsSpreadFromTheFirstToTheLast() {
        Study study = Study.builder().sampler(Samplers.random(1)).seed(1).build();
        for (int stop : new int[] {1, 2, 3, 5, 9, 20, 26}) {
            Trial t = study.ask();
            t.suggestFloat("x", 0, 1);
            for (int epoch = 1; epoch <= stop; epoch++) {
                t.report(epoch, epoch);
            }
            study.tell(t, TrialState.PRUNED);
        }
        assertEquals(List.of(1, 3, 9, 26), GpObservations.rungs(study.trials(), EPOCHS));
        assertEquals(List.of(1, 2, 3, 5), GpObservations.rungs(study.trials(), 9));
    }

    @Test
    void fidelityIsLogStepOverLogMaxClippedToTheUnitInterval() {
        assertEquals(0, Fidelity.scale(1, 81), 1e-12);
        assertEquals(0.25, Fidelity.scale(3, 81), 1e-12);
        assertEquals(0.5, Fidelity.scale(9, 81), 1e-12);
        assertEquals(1, Fidelity.scale(81, 81), 1e-12);
        assertEquals(1, Fidelity.scale(200, 81), 1e-12);
        assertEquals(0, Fidelity.scale(0, 81), 1e-12);
        assertEquals(1, Fidelity.scale(1, 1), 1e-12);
    }

    @Test
    void settingsNameTheNonDefaultFidelityOptions() {
        Map<String, Object> defaults = GpSampler.builder(1).build().settings();
        assertFalse(defaults.containsKey("max_fidelity"));
        assertFalse(defaults.containsKey("pruned_trials"));
        Map<String, Object> set = GpSampler.builder(1).maxFidelity(81).prunedTrials(false).build().settings();
        assertEquals(81, set.get("max_fidelity"));
        assertEquals(false, set.get("pruned_trials"));
    }

    @Test
    void builderRejectsAFullFidelityBelowTwoSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GpSampler.builder(1).maxFidelity(1));
        assertTrue(e.getMessage().contains("maxFidelity >= 2"), e.getMessage());
    }

    @Test
    void aTrialAPromotingSchedulerPausedIsAnObservationAtItsStepAsAPrunedOneIs() {
        Study study = Study.builder().sampler(Samplers.random(3)).build();
        Trial paused = study.ask();
        paused.suggestFloat("x", 0, 1);
        paused.report(3, 0.7);
        FrozenTrial atRung = study.pause(paused);
        assertTrue(GpObservations.isPrunedObservation(atRung));
        Trial running = study.ask();
        running.suggestFloat("x", 0, 1);
        running.report(3, 0.7);
        assertFalse(GpObservations.isPrunedObservation(running.frozen()), "a running trial is not one");
    }
}
