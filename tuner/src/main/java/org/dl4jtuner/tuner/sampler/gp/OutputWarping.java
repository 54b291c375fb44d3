package org.dl4jtuner.tuner.sampler.gp;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Makes objective values look Gaussian before a GP models them: scale to unit variance with the
 * smallest value at 0, apply the Yeo-Johnson power transform with the exponent of maximum
 * likelihood (as HEBO does; on values &gt;= 0 it is a Box-Cox transform of y + 1), and standardise. Order is kept, so the incumbent stays the incumbent, while heavy tails (a
 * Rosenbrock valley, a diverged network's loss) stop dominating the fit.
 */
public final class OutputWarping {
    private static final double LAMBDA_LIMIT = 3;

    private OutputWarping() {
    }

    /** The warped, standardised values; constant input gives zeros. */
    public static double[] warp(double[] values) {
        double[] z = standardize(values);
        if (z == null) {
            return new double[values.length];
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : z) {
            min = Math.min(min, v);
        }
        for (int i = 0; i < z.length; i++) {
            z[i] -= min;
        }
        BrentOptimizer brent = new BrentOptimizer(1e-6, 1e-8);
        double lambda = brent.optimize(new MaxEval(200), GoalType.MAXIMIZE,
                new SearchInterval(-LAMBDA_LIMIT, LAMBDA_LIMIT, 1),
                new UnivariateObjectiveFunction(l -> logLikelihood(z, l))).getPoint();
        double[] transformed = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            transformed[i] = yeoJohnson(z[i], lambda);
        }
        double[] result = standardize(transformed);
        return result != null ? result : new double[values.length];
    }

    /** The Yeo-Johnson transform of y with exponent lambda. */
    static double yeoJohnson(double y, double lambda) {
        if (y >= 0) {
            return Math.abs(lambda) < 1e-9 ? Math.log1p(y) : (Math.pow(y + 1, lambda) - 1) / lambda;
        }
        return Math.abs(lambda - 2) < 1e-9 ? -Math.log1p(-y) : -(Math.pow(1 - y, 2 - lambda) - 1) / (2 - lambda);
    }

    /** The profile log-likelihood of lambda under a normal model of the transformed values. */
    static double logLikelihood(double[] y, double lambda) {
        int n = y.length;
        double mean = 0;
        double[] t = new double[n];
        double jacobian = 0;
        for (int i = 0; i < n; i++) {
            t[i] = yeoJohnson(y[i], lambda);
            mean += t[i];
            jacobian += Math.signum(y[i]) * Math.log1p(Math.abs(y[i]));
        }
        mean /= n;
        double var = 0;
        for (double v : t) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        if (!(var > 0) || !Double.isFinite(var)) {
            return Double.NEGATIVE_INFINITY;
        }
        return -0.5 * n * Math.log(var) + (lambda - 1) * jacobian;
    }

    private static double[] standardize(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, n));
        if (!(sd > 0) || !Double.isFinite(sd)) {
            return null;
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (values[i] - mean) / sd;
        }
        return z;
    }
}
