package org.dl4jtuner.tuner.sampler;

import org.dl4jtuner.tuner.MultiObjective;

/** Test problems of several objectives shared by the samplers' tests. */
final class MultiObjectiveProblems {
    private MultiObjectiveProblems() {
    }

    /** ZDT1 over {@code n} variables in [0, 1]: both objectives minimized, front f2 = 1 - sqrt(f1). */
    static MultiObjective zdt1(int n) {
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
}
