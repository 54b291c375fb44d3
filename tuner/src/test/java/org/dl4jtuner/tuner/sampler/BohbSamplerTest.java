package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.junit.jupiter.api.Test;

class BohbSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.bohb(seed);
    }

    /** The quadratic, reported once at step 1 so that BOHB has a budget to model. */
    private static final Objective REPORTING_QUADRATIC = trial -> {
        double v = BeatsRandomSearch.QUADRATIC.evaluate(trial);
        trial.report(1, v);
        return v;
    };

    @Test
    void beatsRandomSearchOnAQuadraticByAMargin() {
        double[] best = new double[2];
        for (int k = 0; k < 2; k++) {
            double[] perSeed = new double[7];
            for (int s = 0; s < perSeed.length; s++) {
                Sampler sampler = k == 0 ? Samplers.bohb(s + 100) : Samplers.random(s + 100);
                Study study = Study.builder().sampler(sampler).seed(s + 100).build();
                study.optimize(REPORTING_QUADRATIC, 100);
                perSeed[s] = study.bestValue();
            }
            java.util.Arrays.sort(perSeed);
            best[k] = perSeed[perSeed.length / 2];
        }
        // BOHB keeps a third of its trials random and widens its densities threefold: a smaller edge than TPE's
        assertTrue(best[0] < 0.65 * best[1], "median best after 100 trials: BOHB " + best[0] + ", random " + best[1]);
    }

    @Test
    void modelsTheLargestBudgetWithEnoughReports() {
        // at epoch 1 small x looks best, at epoch 9 large x is best: BOHB must follow epoch 9
        Study study = Study.builder().sampler(BohbSampler.builder(8).randomFraction(0).build()).seed(8).build();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
        for (int i = 0; i < 40; i++) {
            Trial t = study.ask();
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            t.report(1, x + 0.1 * rng.nextDouble());
            if (i % 2 == 0) {
                t.report(9, 1 - x + 0.01 * y);
            }
            study.tell(t, i % 2 == 0 ? 1 - x : x);
        }
        int large = 0;
        for (int i = 0; i < 20; i++) {
            Trial t = study.ask();
            if (t.suggestFloat("x", 0, 1) > 0.6) {
                large++;
            }
            t.suggestFloat("y", 0, 1);
            study.tell(t, 0.5);
        }
        assertTrue(large >= 16, "proposals with x > 0.6, the region good at epoch 9: " + large + " of 20");
    }
}
