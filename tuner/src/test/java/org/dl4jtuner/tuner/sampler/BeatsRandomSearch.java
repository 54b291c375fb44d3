package org.dl4jtuner.tuner.sampler;

import java.util.Arrays;
import java.util.function.LongFunction;

import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;

/** Runs a sampler and random search on a fixed-seed quadratic and compares their median best values. */
final class BeatsRandomSearch {
    private BeatsRandomSearch() {
    }

    /** A shifted quadratic in 4 dimensions, one of them an int and one log-scaled; minimum 0. */
    static final Objective QUADRATIC = trial -> {
        double x = trial.suggestFloat("x", -5, 5);
        double y = trial.suggestFloat("y", -5, 5);
        int n = trial.suggestInt("n", -10, 10);
        double lr = trial.suggestFloat("lr", 1e-5, 1, true);
        double l = Math.log10(lr) + 2;
        return (x - 1.3) * (x - 1.3) + (y + 2.1) * (y + 2.1) + 0.05 * (n - 3) * (n - 3) + l * l;
    };

    /** The median, over seeds, of the best value after {@code trials} trials. */
    static double medianBest(LongFunction<Sampler> sampler, int trials, int seeds) {
        double[] best = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            Study study = Study.builder().sampler(sampler.apply(s + 100)).seed(s + 100).build();
            study.optimize(QUADRATIC, trials);
            best[s] = study.bestValue();
        }
        Arrays.sort(best);
        return best[seeds / 2];
    }
}
