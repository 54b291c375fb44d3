package org.dl4jtuner.tuner.sampler.gp;

import java.util.Arrays;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A Gaussian-process regression model with a Matern 5/2 kernel and one length scale per
 * dimension, fitted by maximising the marginal likelihood times weak log-normal priors on the
 * hyperparameters (maximum a posteriori). Numeric coordinates enter the kernel through their
 * squared distance; categorical coordinates (choice indices) through a Hamming distance (0 when
 * equal, 1 otherwise) with their own length scale. The Cholesky factorisation and the inverse come
 * from Apache Commons Math.
 *
 * <p>The hyperparameters are {@code theta = (log l_1..log l_d, log signal variance, log(noise -
 * 1e-6))}. Targets should be standardised: the priors assume unit variance.
 *
 * <p>Multi-fidelity: when one numeric coordinate is the fidelity {@code s} in [0, 1] (how far a
 * trial trained), the kernel is {@code k((x, s), (x', s')) + t(s, s')} with the Matern kernel
 * {@code k} over all coordinates (its length scale along {@code s} says how far apart in training
 * two values still predict each other) plus {@code t(s, s') = 1 + s s' + s^2 s'^2}: a quadratic
 * trend in the fidelity, shared by every configuration, whose three coefficients have a standard
 * normal prior. The trend carries what all learning curves have in common (values improve with
 * training), so the Matern part models each configuration's departure from it and can keep a long
 * length scale along {@code s}; without the trend, a stationary kernel can only explain the
 * improvement by decorrelating fidelities, and early values would say nothing about final ones.
 */
public final class GaussianProcess implements Posterior {
    /** The smallest noise variance; keeps the kernel matrix positive definite for repeated points. */
    public static final double MIN_NOISE = 1e-6;
    /** The fidelity coordinate of a model without one. */
    public static final int NO_FIDELITY = -1;
    private static final double SQRT5 = Math.sqrt(5);
    private static final double NOISE_PRIOR_MEAN = -4;
    /** The noise parameter of a deterministic objective: exp(-30) on top of {@link #MIN_NOISE} is nothing. */
    private static final double FIXED_NOISE_THETA = -30;

    private final double[][] x;
    private final boolean[] categorical;
    private final int fidelity;
    private final double[] theta;
    private final double[] invSquaredLengths;
    private final double signal;
    private final double noise;
    private final double[] alpha;
    private final double[][] inverse;

    private GaussianProcess(double[][] x, boolean[] categorical, int fidelity, double[] theta, double[] alpha,
            double[][] inverse) {
        this.x = x;
        this.categorical = categorical;
        this.fidelity = fidelity;
        this.theta = theta;
        int d = categorical.length;
        this.invSquaredLengths = new double[d];
        for (int j = 0; j < d; j++) {
            invSquaredLengths[j] = Math.exp(-2 * theta[j]);
        }
        this.signal = Math.exp(theta[d]);
        this.noise = MIN_NOISE + Math.exp(theta[d + 1]);
        this.alpha = alpha;
        this.inverse = inverse;
    }

    /** The prior's mean of the hyperparameters: the usual starting point of a fit. */
    public static double[] defaultTheta(int dimension) {
        double[] theta = new double[dimension + 2];
        for (int j = 0; j < dimension; j++) {
            theta[j] = lengthPriorMean(dimension);
        }
        theta[dimension] = 0;
        theta[dimension + 1] = NOISE_PRIOR_MEAN;
        return theta;
    }

    /**
     * Fits the hyperparameters to the data by L-BFGS from {@code start} (or the prior's mean when
     * null or of the wrong length) and returns the fitted model.
     *
     * @param x points, one row each (numeric coordinates in [0, 1], categorical ones as indices)
     * @param y standardised targets
     * @param categorical which coordinates are categorical
     * @param deterministic fix the noise at {@link #MIN_NOISE} instead of fitting it
     */
    public static GaussianProcess fit(double[][] x, double[] y, boolean[] categorical, double[] start,
            boolean deterministic) {
        return fit(x, y, categorical, NO_FIDELITY, start, deterministic);
    }

    /**
     * As {@link #fit(double[][], double[], boolean[], double[], boolean)}, with coordinate
     * {@code fidelity} (numeric, in [0, 1]) the fidelity of a multi-fidelity model (see the class
     * comment), or {@link #NO_FIDELITY}.
     */
    public static GaussianProcess fit(double[][] x, double[] y, boolean[] categorical, int fidelity, double[] start,
            boolean deterministic) {
        int d = categorical.length;
        checkFidelity(categorical, fidelity);
        double[] initial = start != null && start.length == d + 2 ? start.clone() : defaultTheta(d);
        Likelihood likelihood = new Likelihood(x, y, categorical, fidelity, deterministic);
        double[] free = deterministic ? Arrays.copyOf(initial, d + 1) : initial;
        double[] best = Lbfgs.minimize(likelihood::negativeLogPosterior, free, 60, 1e-4);
        double[] theta = deterministic ? Arrays.copyOf(best, d + 2) : best;
        if (deterministic) {
            theta[d + 1] = FIXED_NOISE_THETA;
        }
        return condition(x, y, categorical, fidelity, theta);
    }

    /** The model with the given hyperparameters, conditioned on the data. */
    public static GaussianProcess condition(double[][] x, double[] y, boolean[] categorical, double[] theta) {
        return condition(x, y, categorical, NO_FIDELITY, theta);
    }

    /** The model with the given hyperparameters and fidelity coordinate (or {@link #NO_FIDELITY}), conditioned on the data. */
    public static GaussianProcess condition(double[][] x, double[] y, boolean[] categorical, int fidelity,
            double[] theta) {
        checkFidelity(categorical, fidelity);
        Likelihood likelihood = new Likelihood(x, y, categorical, fidelity, false);
        Factor factor = likelihood.factor(theta);
        if (factor == null) {
            throw new IllegalStateException("the kernel matrix is not positive definite for theta="
                    + Arrays.toString(theta));
        }
        double[] alpha = factor.solver.solve(new ArrayRealVector(y, false)).toArray();
        double[][] inverse = factor.solver.getInverse().getData();
        return new GaussianProcess(x, categorical, fidelity, theta.clone(), alpha, inverse);
    }

    private static void checkFidelity(boolean[] categorical, int fidelity) {
        if (fidelity == NO_FIDELITY) {
            return;
        }
        if (fidelity < 0 || fidelity >= categorical.length || categorical[fidelity]) {
            throw new IllegalArgumentException("the fidelity must be a numeric coordinate in [0, "
                    + categorical.length + "), but got fidelity=" + fidelity);
        }
    }

    /** The fidelity coordinate, or {@link #NO_FIDELITY}. */
    public int fidelity() {
        return fidelity;
    }

    /** The shared fidelity trend's prior covariance between fidelities s and t: 1 + s t + s^2 t^2. */
    static double trend(double s, double t) {
        double st = s * t;
        return 1 + st + st * st;
    }

    /** The fitted hyperparameters (see the class comment). */
    public double[] theta() {
        return theta.clone();
    }

    /**
     * The posterior mean and variance of the latent function at {@code point}, written to
     * {@code out[0]} and {@code out[1]}; with non-null gradient arrays, also their derivatives with
     * respect to the numeric coordinates (zero for categorical ones).
     */
    @Override
    public void predict(double[] point, double[] out, double[] meanGradient, double[] varianceGradient) {
        int n = x.length;
        int d = point.length;
        boolean trended = fidelity != NO_FIDELITY;
        double s = trended ? point[fidelity] : 0;
        double[] k = new double[n];
        double[] c = meanGradient != null ? new double[n] : null;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double r2 = squaredDistance(point, x[i]);
            double r = Math.sqrt(r2);
            double e = Math.exp(-SQRT5 * r);
            k[i] = signal * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * e + (trended ? trend(s, x[i][fidelity]) : 0);
            if (c != null) {
                c[i] = -signal * 5.0 / 3.0 * (1 + SQRT5 * r) * e;
            }
            mean += alpha[i] * k[i];
        }
        double[] v = new double[n];
        double kv = 0;
        for (int i = 0; i < n; i++) {
            double[] row = inverse[i];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += row[j] * k[j];
            }
            v[i] = sum;
            kv += k[i] * sum;
        }
        double prior = signal + (trended ? trend(s, s) : 0);
        out[0] = mean;
        out[1] = Math.max(1e-12, prior - kv);
        if (meanGradient == null) {
            return;
        }
        for (int j = 0; j < d; j++) {
            double dm = 0;
            double dv = 0;
            boolean alongTrend = j == fidelity;
            if (!categorical[j]) {
                for (int i = 0; i < n; i++) {
                    double dk = c[i] * (point[j] - x[i][j]) * invSquaredLengths[j];
                    if (alongTrend) {
                        double t = x[i][j];
                        dk += t + 2 * s * t * t;
                    }
                    dm += alpha[i] * dk;
                    dv += v[i] * dk;
                }
            }
            meanGradient[j] = dm;
            varianceGradient[j] = (alongTrend ? 2 * s + 4 * s * s * s : 0) - 2 * dv;
        }
    }

    private double squaredDistance(double[] a, double[] b) {
        double r2 = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = categorical[j] ? (a[j] == b[j] ? 0 : 1) : a[j] - b[j];
            r2 += diff * diff * invSquaredLengths[j];
        }
        return r2;
    }

    private static double lengthPriorMean(int dimension) {
        // Hvarfner et al. 2024: length scales grow like sqrt(d) so that the prior stays informative in many dimensions
        return Math.log(0.5) + 0.5 * Math.log(dimension);
    }

    /** A factorised kernel matrix. */
    private record Factor(DecompositionSolver solver, double logDeterminant) {
    }

    /** The negative log posterior of the hyperparameters and its gradient. */
    private static final class Likelihood {
        private static final double LENGTH_PRIOR_SD = 1.5;
        private static final double SIGNAL_PRIOR_SD = 1.0;
        private static final double NOISE_PRIOR_SD = 1.5;
        private final double[][] x;
        private final double[] y;
        private final boolean[] categorical;
        private final boolean fixedNoise;
        private final double[][][] squaredDiffs;
        /** The fidelity trend's covariances, or null without a fidelity coordinate. */
        private final double[][] trend;

        Likelihood(double[][] x, double[] y, boolean[] categorical, int fidelity, boolean fixedNoise) {
            this.x = x;
            this.y = y;
            this.categorical = categorical;
            this.fixedNoise = fixedNoise;
            int n = x.length;
            int d = categorical.length;
            this.trend = fidelity == NO_FIDELITY ? null : new double[n][n];
            if (trend != null) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        trend[a][b] = GaussianProcess.trend(x[a][fidelity], x[b][fidelity]);
                    }
                }
            }
            this.squaredDiffs = new double[d][n][n];
            for (int j = 0; j < d; j++) {
                for (int a = 0; a < n; a++) {
                    for (int b = a + 1; b < n; b++) {
                        double diff = categorical[j] ? (x[a][j] == x[b][j] ? 0 : 1) : x[a][j] - x[b][j];
                        squaredDiffs[j][a][b] = diff * diff;
                        squaredDiffs[j][b][a] = diff * diff;
                    }
                }
            }
        }

        private double[][] kernel(double[] theta, double[][] radialDerivative) {
            int n = x.length;
            int d = categorical.length;
            double signal = Math.exp(theta[d]);
            double noise = MIN_NOISE + (fixedNoise || theta.length <= d + 1 ? 0 : Math.exp(theta[d + 1]));
            double[] inv = new double[d];
            for (int j = 0; j < d; j++) {
                inv[j] = Math.exp(-2 * theta[j]);
            }
            double[][] k = new double[n][n];
            for (int a = 0; a < n; a++) {
                k[a][a] = signal + noise + (trend != null ? trend[a][a] : 0);
                for (int b = a + 1; b < n; b++) {
                    double r2 = 0;
                    for (int j = 0; j < d; j++) {
                        r2 += squaredDiffs[j][a][b] * inv[j];
                    }
                    double r = Math.sqrt(r2);
                    double e = Math.exp(-SQRT5 * r);
                    double value = signal * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * e + (trend != null ? trend[a][b] : 0);
                    k[a][b] = value;
                    k[b][a] = value;
                    if (radialDerivative != null) {
                        double g = signal * 5.0 / 3.0 * (1 + SQRT5 * r) * e;
                        radialDerivative[a][b] = g;
                        radialDerivative[b][a] = g;
                    }
                }
            }
            return k;
        }

        Factor factor(double[] theta) {
            return factor(kernel(theta, null));
        }

        private static Factor factor(double[][] k) {
            try {
                RealMatrix matrix = new Array2DRowRealMatrix(k, false);
                CholeskyDecomposition cholesky = new CholeskyDecomposition(matrix, 1e-12, 1e-14);
                RealMatrix lt = cholesky.getLT();
                double logDet = 0;
                for (int i = 0; i < k.length; i++) {
                    logDet += 2 * Math.log(lt.getEntry(i, i));
                }
                return new Factor(cholesky.getSolver(), logDet);
            } catch (MathIllegalArgumentException notPositiveDefinite) {
                return null;
            }
        }

        double negativeLogPosterior(double[] theta, double[] gradient) {
            int n = x.length;
            int d = categorical.length;
            for (double t : theta) {
                if (!Double.isFinite(t) || Math.abs(t) > 30) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            double[][] g = new double[n][n];
            double[][] k = kernel(theta, g);
            Factor factor = factor(k);
            if (factor == null) {
                return Double.POSITIVE_INFINITY;
            }
            double[] alpha = factor.solver.solve(new ArrayRealVector(y, false)).toArray();
            double[][] inverse = factor.solver.getInverse().getData();
            double fit = 0;
            for (int i = 0; i < n; i++) {
                fit += y[i] * alpha[i];
            }
            double value = 0.5 * fit + 0.5 * factor.logDeterminant + 0.5 * n * Math.log(2 * Math.PI);
            double lengthMean = lengthPriorMean(d);
            Arrays.fill(gradient, 0);
            // W = alpha alpha^T - K^-1; d(-log L)/d theta = -1/2 tr(W dK/dtheta)
            double signalTrace = 0;
            double noiseTrace = 0;
            for (int a = 0; a < n; a++) {
                double waa = alpha[a] * alpha[a] - inverse[a][a];
                noiseTrace += waa;
                signalTrace += waa * Math.exp(theta[d]);
                for (int b = 0; b < n; b++) {
                    if (a == b) {
                        continue;
                    }
                    double w = alpha[a] * alpha[b] - inverse[a][b];
                    signalTrace += w * (trend != null ? k[a][b] - trend[a][b] : k[a][b]);
                    for (int j = 0; j < d; j++) {
                        gradient[j] -= 0.5 * w * g[a][b] * squaredDiffs[j][a][b] * Math.exp(-2 * theta[j]);
                    }
                }
            }
            gradient[d] = -0.5 * signalTrace;
            for (int j = 0; j < d; j++) {
                value += square(theta[j] - lengthMean) / (2 * square(LENGTH_PRIOR_SD));
                gradient[j] += (theta[j] - lengthMean) / square(LENGTH_PRIOR_SD);
            }
            value += square(theta[d]) / (2 * square(SIGNAL_PRIOR_SD));
            gradient[d] += theta[d] / square(SIGNAL_PRIOR_SD);
            if (!fixedNoise) {
                gradient[d + 1] = -0.5 * noiseTrace * Math.exp(theta[d + 1]);
                value += square(theta[d + 1] - NOISE_PRIOR_MEAN) / (2 * square(NOISE_PRIOR_SD));
                gradient[d + 1] += (theta[d + 1] - NOISE_PRIOR_MEAN) / square(NOISE_PRIOR_SD);
            }
            return value;
        }

        private static double square(double v) {
            return v * v;
        }
    }
}
