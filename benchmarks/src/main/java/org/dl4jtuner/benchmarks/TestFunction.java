package org.dl4jtuner.benchmarks;

import org.dl4jtuner.tuner.Objective;

/**
 * The standard test functions of the sampler benchmark, on their standard boxes, with their known
 * minima. The same definitions live in {@code benchmarks/optuna/optuna_bench.py}.
 */
public enum TestFunction {
    /** Branin, x1 in [-5, 10], x2 in [0, 15]; minimum 0.397887. */
    BRANIN(0.39788735772973816, new double[] {-5, 0}, new double[] {10, 15}) {
        @Override
        public double value(double[] x) {
            double b = 5.1 / (4 * Math.PI * Math.PI);
            double c = 5 / Math.PI;
            double r = 6;
            double s = 10;
            double tt = 1 / (8 * Math.PI);
            return Math.pow(x[1] - b * x[0] * x[0] + c * x[0] - r, 2) + s * (1 - tt) * Math.cos(x[0]) + s;
        }
    },
    /** Hartmann 6-D on [0, 1]^6; minimum -3.32237. */
    HARTMANN6(-3.3223680114155147, filled(6, 0), filled(6, 1)) {
        private final double[] alpha = {1.0, 1.2, 3.0, 3.2};
        private final double[][] a = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
        private final double[][] p = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
            {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991}, {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
            {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

        @Override
        public double value(double[] x) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                double inner = 0;
                for (int j = 0; j < 6; j++) {
                    inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]);
                }
                sum += alpha[i] * Math.exp(-inner);
            }
            return -sum;
        }
    },
    /** Rosenbrock in 4-D on [-5, 10]^4; minimum 0. */
    ROSENBROCK4(0.0, filled(4, -5), filled(4, 10)) {
        @Override
        public double value(double[] x) {
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
            }
            return sum;
        }
    },
    /** Ackley in 5-D on [-32.768, 32.768]^5; minimum 0. */
    ACKLEY5(0.0, filled(5, -32.768), filled(5, 32.768)) {
        @Override
        public double value(double[] x) {
            int d = 5;
            double sumSq = 0;
            double sumCos = 0;
            for (int i = 0; i < d; i++) {
                sumSq += x[i] * x[i];
                sumCos += Math.cos(2 * Math.PI * x[i]);
            }
            return -20 * Math.exp(-0.2 * Math.sqrt(sumSq / d)) - Math.exp(sumCos / d) + 20 + Math.E;
        }
    };

    private final double optimum;
    private final double[] low;
    private final double[] high;

    TestFunction(double optimum, double[] low, double[] high) {
        this.optimum = optimum;
        this.low = low;
        this.high = high;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** The known minimum. */
    public double optimum() {
        return optimum;
    }

    /** The number of parameters (x0, x1, ...). */
    public int dimensions() {
        return low.length;
    }

    /** The smallest value of parameter {@code i}. */
    public double low(int i) {
        return low[i];
    }

    /** The largest value of parameter {@code i}. */
    public double high(int i) {
        return high[i];
    }

    /** The function's value at a point of its box. */
    public abstract double value(double[] x);

    /** The function as a define-by-run objective (parameters x0, x1, ... suggested in order). */
    public Objective objective() {
        return t -> {
            double[] x = new double[dimensions()];
            for (int i = 0; i < x.length; i++) {
                x[i] = t.suggestFloat("x" + i, low[i], high[i]);
            }
            return value(x);
        };
    }
}
