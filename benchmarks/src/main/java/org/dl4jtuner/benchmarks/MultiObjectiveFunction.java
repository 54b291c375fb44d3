package org.dl4jtuner.benchmarks;

import org.dl4jtuner.tuner.MultiObjective;

/**
 * The standard multi-objective test problems of the multi-objective benchmark, every objective
 * minimized, with the reference points their hypervolumes are measured against. The definitions
 * are Zitzler, Deb and Thiele's (2000) and Deb, Thiele, Laumanns and Zitzler's (2002), as pymoo
 * and Optuna's benchmarks state them; the same ones live in {@code benchmarks/optuna/optuna_bench.py}.
 */
public enum MultiObjectiveFunction {
    /** ZDT1: 30 variables in [0, 1], a convex front f2 = 1 - sqrt(f1); reference point (11, 11). */
    ZDT1(30, new double[] {11, 11}) {
        @Override
        double[] values(double[] x) {
            double g = zdtG(x);
            return new double[] {x[0], g * (1 - Math.sqrt(x[0] / g))};
        }
    },
    /** ZDT2: 30 variables in [0, 1], a concave front f2 = 1 - f1^2; reference point (11, 11). */
    ZDT2(30, new double[] {11, 11}) {
        @Override
        double[] values(double[] x) {
            double g = zdtG(x);
            return new double[] {x[0], g * (1 - (x[0] / g) * (x[0] / g))};
        }
    },
    /**
     * DTLZ2 with 3 objectives and k = 10 (12 variables in [0, 1]): the front is the unit sphere's
     * positive octant; reference point (3, 3, 3), so random search's points count too.
     */
    DTLZ2(12, new double[] {3, 3, 3}) {
        @Override
        double[] values(double[] x) {
            int m = 3;
            double g = 0;
            for (int i = m - 1; i < x.length; i++) {
                g += (x[i] - 0.5) * (x[i] - 0.5);
            }
            double a = x[0] * Math.PI / 2;
            double b = x[1] * Math.PI / 2;
            return new double[] {(1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b),
                (1 + g) * Math.sin(a)};
        }
    };

    private final int variables;
    private final double[] reference;

    MultiObjectiveFunction(int variables, double[] reference) {
        this.variables = variables;
        this.reference = reference;
    }

    /** The number of objectives. */
    public int objectives() {
        return reference.length;
    }

    /** The reference point of the hypervolume. */
    public double[] reference() {
        return reference.clone();
    }

    /** The objective values at {@code x} (every coordinate in [0, 1]). */
    abstract double[] values(double[] x);

    /** The problem as a define-by-run objective over x0, x1, ... in [0, 1]. */
    public MultiObjective objective() {
        return trial -> {
            double[] x = new double[variables];
            for (int i = 0; i < variables; i++) {
                x[i] = trial.suggestFloat("x" + i, 0, 1);
            }
            return values(x);
        };
    }

    private static double zdtG(double[] x) {
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += x[i];
        }
        return 1 + 9 * sum / (x.length - 1);
    }
}
