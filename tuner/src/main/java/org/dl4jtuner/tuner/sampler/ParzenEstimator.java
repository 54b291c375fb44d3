package org.dl4jtuner.tuner.sampler;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;

/**
 * The density TPE fits to a group of observations: a weighted mixture with one component per
 * observation plus one prior component, each component a product over the dimensions of a
 * truncated Gaussian (numerical dimensions, in log space where the distribution is log-scaled)
 * or a smoothed one-hot (categorical dimensions). One dimension gives univariate TPE; several
 * give multivariate TPE (Falkner et al. 2018; Optuna's {@code multivariate=True}).
 *
 * <p>Bandwidths follow Optuna 3.1's defaults. Univariate: the distance to the farther neighbour
 * among the sorted observations and the prior's centre, where the outermost points look only
 * inward (the range's ends count only while there is a single point). Multivariate: Scott's rule,
 * {@code 0.2 * n^(-1 / (d + 4)) * range}. Either is clipped to [range / min(100, n + 2), range];
 * the prior component has the range's middle and the range as its bandwidth. With
 * {@code scaledKernels}, a Gaussian's log density lacks {@code -log(sigma)}, so in {@link #logPdf}
 * each component counts in proportion to its bandwidth (Optuna 3.1 to 3.4); sampling is unchanged.
 */
final class ParzenEstimator {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double EPS = 1e-12;

    private final List<Distribution> dims;
    private final boolean scaledKernels;
    private final double[] weights;
    private final double[] logWeights;
    /** Per dimension: component means (numerical) or null. */
    private final double[][] mus;
    private final double[][] sigmas;
    /** Per dimension: per component, log(sigma) + log(mass of the Gaussian inside the bounds). */
    private final double[][] logNormalisers;
    private final double[] lows;
    private final double[] highs;
    /** Per dimension: per component, log-probabilities of each category (categorical) or null. */
    private final double[][][] categoryLogProbs;

    /**
     * @param dims         the dimensions
     * @param observations observations[i][d]: internal value of dimension d in observation i
     * @param obsWeights   a weight per observation
     * @param priorWeight  the prior component's weight
     * @param scaledKernels leave {@code -log(sigma)} out of each Gaussian's log density, as Optuna
     *                     3.1 to 3.4 did (so a kernel weighs in proportion to its bandwidth)
     */
    ParzenEstimator(List<Distribution> dims, double[][] observations, double[] obsWeights, double priorWeight,
            boolean scaledKernels) {
        this.dims = dims;
        this.scaledKernels = scaledKernels;
        int n = observations.length;
        int k = n + 1;
        weights = new double[k];
        double total = priorWeight;
        for (int i = 0; i < n; i++) {
            weights[i] = obsWeights[i];
            total += obsWeights[i];
        }
        weights[n] = priorWeight;
        logWeights = new double[k];
        for (int i = 0; i < k; i++) {
            weights[i] /= total;
            logWeights[i] = Math.log(Math.max(weights[i], EPS));
        }
        int d = dims.size();
        mus = new double[d][];
        sigmas = new double[d][];
        logNormalisers = new double[d][];
        lows = new double[d];
        highs = new double[d];
        categoryLogProbs = new double[d][][];
        for (int j = 0; j < d; j++) {
            Distribution dist = dims.get(j);
            if (dist instanceof CategoricalDistribution c) {
                categoryLogProbs[j] = categorical(c.choices().size(), observations, j, priorWeight);
            } else {
                numerical(j, dist, observations, n, d > 1);
            }
        }
    }

    private double[][] categorical(int choices, double[][] observations, int j, double priorWeight) {
        int n = observations.length;
        double[][] logProbs = new double[n + 1][choices];
        double smoothing = priorWeight / (n + 1);
        for (int i = 0; i < n; i++) {
            int chosen = (int) observations[i][j];
            for (int c = 0; c < choices; c++) {
                // each observation's kernel: its own category, smoothed by the prior
                double p = (c == chosen ? 1.0 : 0.0) + smoothing;
                logProbs[i][c] = Math.log(p / (1.0 + choices * smoothing));
            }
        }
        Arrays.fill(logProbs[n], Math.log(1.0 / choices));
        return logProbs;
    }

    private void numerical(int j, Distribution dist, double[][] observations, int n, boolean multivariate) {
        double low;
        double high;
        boolean log;
        if (dist instanceof FloatDistribution f) {
            double half = f.step() == null ? 0 : f.step() / 2;
            low = f.low() - half;
            high = f.high() + half;
            log = f.log();
        } else {
            IntDistribution i = (IntDistribution) dist;
            low = i.low() - i.step() / 2.0;
            high = i.high() + i.step() / 2.0;
            log = i.log();
        }
        if (log) {
            low = Math.log(low);
            high = Math.log(high);
        }
        lows[j] = low;
        highs[j] = high;
        double[] mu = new double[n + 1];
        for (int i = 0; i < n; i++) {
            mu[i] = log ? Math.log(observations[i][j]) : observations[i][j];
        }
        mu[n] = 0.5 * (low + high);
        double range = high - low;
        double[] sigma = new double[n + 1];
        if (multivariate) {
            double scott = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (dims.size() + 4)) * range;
            java.util.Arrays.fill(sigma, 0, n, scott);
        } else {
            neighbourBandwidths(mu, n + 1, low, high, sigma);
        }
        double minSigma = range / Math.min(100.0, n + 2.0);
        for (int i = 0; i < n; i++) {
            sigma[i] = Math.min(range, Math.max(minSigma, sigma[i]));
        }
        sigma[n] = range;
        mus[j] = mu;
        sigmas[j] = sigma;
        double[] normaliser = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double mass = Normal.cdf((high - mu[i]) / sigma[i]) - Normal.cdf((low - mu[i]) / sigma[i]);
            normaliser[i] = LOG_SQRT_2PI + (scaledKernels ? 0 : Math.log(sigma[i])) + Math.log(Math.max(mass, EPS));
        }
        logNormalisers[j] = normaliser;
    }

    /**
     * Per point (the observations and the prior's centre), the distance to its farther neighbour;
     * the outermost points look inward only once there are at least two.
     */
    private static void neighbourBandwidths(double[] mu, int n, double low, double high, double[] sigma) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mu[a], mu[b]));
        double[] withEnds = new double[n + 2];
        withEnds[0] = low;
        withEnds[n + 1] = high;
        for (int r = 0; r < n; r++) {
            withEnds[r + 1] = mu[order[r]];
        }
        double[] sorted = new double[n];
        for (int r = 0; r < n; r++) {
            sorted[r] = Math.max(withEnds[r + 1] - withEnds[r], withEnds[r + 2] - withEnds[r + 1]);
        }
        if (n >= 2) {
            sorted[0] = withEnds[2] - withEnds[1];
            sorted[n - 1] = withEnds[n] - withEnds[n - 1];
        }
        for (int r = 0; r < n; r++) {
            sigma[order[r]] = sorted[r];
        }
    }

    /** Draws a point (internal values per dimension) from the mixture. */
    double[] sample(SplittableRandom random) {
        double u = random.nextDouble();
        int component = weights.length - 1;
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                component = i;
                break;
            }
        }
        double[] x = new double[dims.size()];
        for (int j = 0; j < dims.size(); j++) {
            Distribution dist = dims.get(j);
            if (categoryLogProbs[j] != null) {
                double[] logp = categoryLogProbs[j][component];
                double v = random.nextDouble();
                int c = logp.length - 1;
                double acc = 0;
                for (int i = 0; i < logp.length; i++) {
                    acc += Math.exp(logp[i]);
                    if (v < acc) {
                        c = i;
                        break;
                    }
                }
                x[j] = c;
            } else {
                double z = truncatedNormal(random, mus[j][component], sigmas[j][component], lows[j], highs[j]);
                x[j] = toInternal(dist, z);
            }
        }
        return x;
    }

    /** log density of a point (internal values) under the mixture. */
    double logPdf(double[] x) {
        int dimensions = dims.size();
        double[] z = new double[dimensions];
        for (int j = 0; j < dimensions; j++) {
            z[j] = categoryLogProbs[j] != null ? x[j] : fromInternal(dims.get(j), x[j]);
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            double t = logWeights[i];
            for (int j = 0; j < dimensions; j++) {
                if (categoryLogProbs[j] != null) {
                    t += categoryLogProbs[j][i][(int) z[j]];
                } else {
                    double u = (z[j] - mus[j][i]) / sigmas[j][i];
                    t += -0.5 * u * u - logNormalisers[j][i];
                }
            }
            terms[i] = t;
            max = Math.max(max, t);
        }
        double sum = 0;
        double cutoff = max - 40;   // terms below e^-40 of the largest change nothing
        for (double t : terms) {
            if (t > cutoff) {
                sum += Math.exp(t - max);
            }
        }
        return max + Math.log(sum);
    }

    private static boolean isLog(Distribution d) {
        return d instanceof FloatDistribution f ? f.log() : d instanceof IntDistribution i && i.log();
    }

    private static double fromInternal(Distribution d, double v) {
        return isLog(d) ? Math.log(v) : v;
    }

    /** Maps a point of the (log-)space back onto the distribution's grid and range. */
    private static double toInternal(Distribution d, double z) {
        double v = isLog(d) ? Math.exp(z) : z;
        if (d instanceof FloatDistribution f) {
            if (f.step() != null) {
                v = f.low() + Math.rint((v - f.low()) / f.step()) * f.step();
            }
            return Math.min(f.high(), Math.max(f.low(), v));
        }
        IntDistribution i = (IntDistribution) d;
        v = i.low() + Math.rint((v - i.low()) / i.step()) * i.step();
        return Math.min(i.high(), Math.max(i.low(), v));
    }

    private static double truncatedNormal(SplittableRandom random, double mu, double sigma, double low, double high) {
        for (int attempt = 0; attempt < 64; attempt++) {
            double z = mu + sigma * Normal.sample(random);
            if (z >= low && z <= high) {
                return z;
            }
        }
        return Math.min(high, Math.max(low, mu + sigma * Normal.sample(random)));
    }
}
