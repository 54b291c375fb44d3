package org.dl4jtuner.tuner.sampler;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * One run of CMA-ES (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016) on [0, 1]^d with the
 * tutorial's default constants: the mean, step size, covariance and evolution paths, updated one
 * generation at a time from the generation's ranked points. The eigendecomposition comes from
 * Apache Commons Math.
 */
final class CmaEsState {
    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] weights;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cc;
    private final double c1;
    private final double cMu;
    private final double chiN;
    private final double[] mean;
    private double sigma;
    private final double[][] c;
    private final double[] pSigma;
    private final double[] pc;
    private double[][] b;
    private double[] d;
    private int generation;

    CmaEsState(double[] mean, double sigma, int lambda) {
        this(mean, sigma, null, lambda);
    }

    /**
     * A run starting at {@code mean} with step size {@code sigma} and, when {@code axisScales} is not
     * null, a diagonal covariance whose axis i has standard deviation {@code sigma * axisScales[i]}.
     */
    CmaEsState(double[] mean, double sigma, double[] axisScales, int lambda) {
        this.n = mean.length;
        this.lambda = lambda;
        this.mu = lambda / 2;
        this.weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
            sum += weights[i];
        }
        double sumSq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sumSq += weights[i] * weights[i];
        }
        this.muEff = 1 / sumSq;
        this.cSigma = (muEff + 2) / (n + muEff + 5);
        this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        this.cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        this.c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        this.cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.mean = mean.clone();
        this.sigma = sigma;
        this.c = new double[n][n];
        this.b = new double[n][n];
        this.d = new double[n];
        for (int i = 0; i < n; i++) {
            double scale = axisScales == null ? 1 : axisScales[i];
            c[i][i] = scale * scale;
            b[i][i] = 1;
            d[i] = scale;
        }
        this.pSigma = new double[n];
        this.pc = new double[n];
    }

    /** The default population size for d dimensions: 4 + floor(3 ln d). */
    static int defaultPopulation(int dimension) {
        return 4 + (int) Math.floor(3 * Math.log(dimension));
    }

    int population() {
        return lambda;
    }

    int generation() {
        return generation;
    }

    /**
     * The candidate drawn from the current distribution: resampled (up to 16 times) while it falls
     * outside the unit cube, then clipped.
     */
    double[] sample(SplittableRandom rng) {
        double[] x = new double[n];
        for (int attempt = 0; attempt < 16; attempt++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = d[i] * Normal.sample(rng);
            }
            boolean inside = true;
            for (int i = 0; i < n; i++) {
                double v = mean[i];
                for (int k = 0; k < n; k++) {
                    v += sigma * b[i][k] * z[k];
                }
                x[i] = v;
                inside &= v >= 0 && v <= 1;
            }
            if (inside) {
                return x;
            }
        }
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(0, Math.min(1, x[i]));
        }
        return x;
    }

    /** Moves to the next generation given its points ranked best first (at least {@code mu} of them). */
    void update(List<double[]> ranked) {
        double[] oldMean = mean.clone();
        double[] yw = new double[n];
        double[][] y = new double[mu][n];
        for (int k = 0; k < mu; k++) {
            double[] x = ranked.get(k);
            for (int i = 0; i < n; i++) {
                y[k][i] = (x[i] - oldMean[i]) / sigma;
                yw[i] += weights[k] * y[k][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] = oldMean[i] + sigma * yw[i];
        }
        // C^(-1/2) yw = B D^-1 B^T yw
        double[] bty = new double[n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                bty[k] += b[i][k] * yw[i];
            }
            bty[k] /= d[k];
        }
        double norm = 0;
        double sigmaFactor = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int k = 0; k < n; k++) {
                v += b[i][k] * bty[k];
            }
            pSigma[i] = (1 - cSigma) * pSigma[i] + sigmaFactor * v;
            norm += pSigma[i] * pSigma[i];
        }
        norm = Math.sqrt(norm);
        generation++;
        boolean hSigma = norm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
        double ccFactor = Math.sqrt(cc * (2 - cc) * muEff);
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + (hSigma ? ccFactor * yw[i] : 0);
        }
        double keep = 1 - c1 - cMu + (hSigma ? 0 : c1 * cc * (2 - cc));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int k = 0; k < mu; k++) {
                    rankMu += weights[k] * y[k][i] * y[k][j];
                }
                double v = keep * c[i][j] + c1 * pc[i] * pc[j] + cMu * rankMu;
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        sigma *= Math.exp(Math.min(1, (cSigma / dSigma) * (norm / chiN - 1)));
        decompose();
    }

    private void decompose() {
        RealMatrix matrix = new Array2DRowRealMatrix(c, true);
        EigenDecomposition eigen = new EigenDecomposition(matrix);
        double[] values = eigen.getRealEigenvalues();
        RealMatrix vectors = eigen.getV();
        for (int k = 0; k < n; k++) {
            d[k] = Math.sqrt(Math.max(values[k], 1e-20));
            for (int i = 0; i < n; i++) {
                b[i][k] = vectors.getEntry(i, k);
            }
        }
    }

    /**
     * Whether this run has converged and a restart should begin: the step size is below
     * {@code 1e-10} of the cube along every axis, the covariance is ill-conditioned (condition
     * number above 1e14), or the generation's values were all equal.
     */
    boolean shouldStop(double bestToWorstRange) {
        double maxD = Arrays.stream(d).max().orElse(1);
        double minD = Arrays.stream(d).min().orElse(1);
        double maxStd = 0;
        for (int i = 0; i < n; i++) {
            maxStd = Math.max(maxStd, sigma * Math.sqrt(c[i][i]));
        }
        return maxStd < 1e-10 || (maxD / minD) > 1e7 || bestToWorstRange == 0 || !Double.isFinite(sigma);
    }
}
