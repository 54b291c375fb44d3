package org.dl4jtuner.tuner.sampler;

import java.util.List;
import java.util.function.LongFunction;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.Hypervolume;

/** Test problems of several objectives shared by the samplers' and the storage's tests. */
public final class MultiObjectiveProblems {
    private MultiObjectiveProblems() {
    }

    /** ZDT1 over {@code n} variables in [0, 1]: both objectives minimized, front f2 = 1 - sqrt(f1). */
    public static MultiObjective zdt1(int n) {
        return trial -> {
            double[] x = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                x[i] = trial.suggestFloat("x" + i, 0, 1);
                sum += i > 0 ? x[i] : 0;
            }
            double g = 1 + 9 * sum / (n - 1);
            return new double[] {x[0], g * (1 - Math.sqrt(x[0] / g))};
        };
    }

    /**
     * {@code objective} reported at epochs 1 to 3 (values shrinking towards its own), with three
     * trials in four pruned, at epoch 1, 2 or 3.
     */
    public static MultiObjective mostlyPruned(MultiObjective objective) {
        return trial -> {
            double[] values = objective.evaluate(trial);
            int stop = trial.number() % 4 == 0 ? -1 : 1 + trial.number() % 3;
            for (int epoch = 1; epoch <= 3; epoch++) {
                trial.report(epoch, new double[] {values[0], values[1] + 0.1 * (3 - epoch)});
                if (epoch == stop) {
                    throw new TrialPrunedException();
                }
            }
            return values;
        };
    }

    /**
     * The mean over seeds 0 to {@code seeds - 1} of the hypervolume, against (11, 11), of the
     * complete trials of a {@code trials}-trial study of ZDT1 over 10 variables, with the sampler
     * made for each seed. ZDT1's ideal hypervolume there is 120.67.
     */
    public static double meanZdt1Hypervolume(LongFunction<Sampler> sampler, int seeds, int trials) {
        double sum = 0;
        for (long seed = 0; seed < seeds; seed++) {
            Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE)
                    .sampler(sampler.apply(seed)).seed(seed).build();
            study.optimize(zdt1(10), trials);
            List<double[]> values = study.trials(TrialState.COMPLETE).stream().map(FrozenTrial::values).toList();
            sum += Hypervolume.of(values, new double[] {11, 11});
        }
        return sum / seeds;
    }
}
