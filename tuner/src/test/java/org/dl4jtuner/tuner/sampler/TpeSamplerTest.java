package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class TpeSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.tpe(seed);
    }

    @Test
    void beatsRandomSearchOnAQuadraticByAMargin() {
        double tpe = BeatsRandomSearch.medianBest(Samplers::tpe, 60, 7);
        double random = BeatsRandomSearch.medianBest(Samplers::random, 60, 7);
        assertTrue(tpe < 0.5 * random, "median best after 60 trials: TPE " + tpe + ", random " + random);
    }

    @Test
    void multivariateTpeAlsoBeatsRandomSearch() {
        double tpe = BeatsRandomSearch.medianBest(s -> TpeSampler.builder(s).multivariate(true).build(), 60, 7);
        double random = BeatsRandomSearch.medianBest(Samplers::random, 60, 7);
        assertTrue(tpe < 0.5 * random, "median best after 60 trials: multivariate TPE " + tpe + ", random " + random);
    }

    @Test
    void theGoodGroupFollowsOptunasGamma() {
        assertEquals(List.of(1, 1, 2, 10, 25, 25), List.of(TpeSampler.gamma(1), TpeSampler.gamma(10),
                TpeSampler.gamma(11), TpeSampler.gamma(100), TpeSampler.gamma(250), TpeSampler.gamma(1000)));
        double[] w = TpeSampler.weights(30);
        assertEquals(1.0 / 30, w[0], 1e-12);
        assertEquals(1.0, w[4], 1e-12, "the ramp reaches 1 where the last 25 begin");
        assertEquals(1.0, w[29], 1e-12);
    }

    @Test
    void constantLiarSpreadsProposalsOfConcurrentTrials() {
        Study study = Study.builder().direction(Direction.MINIMIZE)
                .sampler(TpeSampler.builder(1).constantLiar(true).build()).seed(1).build();
        study.optimize(t -> Math.abs(t.suggestFloat("x", -10, 10) - 3), 20);
        Set<Double> proposals = new HashSet<>();
        List<Trial> running = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Trial t = study.ask();
            proposals.add(t.suggestFloat("x", -10, 10));
            running.add(t);
        }
        assertEquals(4, proposals.size(), "four concurrent trials propose four different points: " + proposals);
        for (double x : proposals) {
            assertTrue(Math.abs(x - 3) < 8, "still drawn near the good region: " + x);
        }
    }

    @Test
    void prunedTrialsInformTheModel() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.tpe(4)).seed(4).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            t.report(1, x);
            if (x < 0.5) {
                throw new org.dl4jtuner.tuner.TrialPrunedException();
            }
            return x;
        }, 40);
        long late = study.trials().stream().skip(20).filter(t -> (double) t.param("x") >= 0.5).count();
        assertTrue(late >= 15, "after the startup, most proposals avoid the pruned half: " + late + " of 20");
        FrozenTrial best = study.bestTrial();
        assertTrue(best.value() > 0.9, "best " + best.value());
        assertTrue(study.trials(TrialState.PRUNED).size() > 0);
    }

    /**
     * Twelve complete trials at x = 0, 1/12, ..., 11/12 valued x, then ten trials at x = 0.80 ... 0.89
     * that reported 0.0 at step 1 and were paused (a scheduler set them aside) or pruned; then five
     * TPE proposals.
     */
    private static List<Double> proposalsAfterSetAsideTrials(boolean paused) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.tpe(9)).seed(9).build();
        for (int i = 0; i < 22; i++) {
            study.enqueueTrial(java.util.Map.of("x", i < 12 ? i / 12.0 : 0.80 + 0.01 * (i - 12)));
            Trial trial = study.ask();
            double x = trial.suggestFloat("x", 0, 1);
            if (i < 12) {
                study.tell(trial, x);
            } else {
                trial.report(1, 0.0);
                if (paused) {
                    study.pause(trial);
                } else {
                    study.tell(trial, TrialState.PRUNED);
                }
            }
        }
        List<Double> proposals = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Trial trial = study.ask();
            proposals.add(trial.suggestFloat("x", 0, 1));
            study.tell(trial, 0.5);
        }
        return proposals;
    }

    @Test
    void aPausedTrialInformsTheModelAsAPrunedOneDoes() {
        List<Double> paused = proposalsAfterSetAsideTrials(true);
        assertEquals(proposalsAfterSetAsideTrials(false), paused);
        for (double x : paused) {
            assertTrue(x < 0.80 || x > 0.89, "proposed " + x + " among the ten set aside with 0.0");
        }
    }
}
