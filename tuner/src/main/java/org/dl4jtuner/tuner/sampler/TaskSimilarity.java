package org.dl4jtuner.tuner.sampler;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.distribution.Distribution;

/**
 * How similar two studies of one search space are, judged by where their best results lie
 * (Watanabe et al., "Speeding up multi-objective hyperparameter optimization by task
 * similarity-based meta-learning for the Tree-structured Parzen Estimator", IJCAI 2023): each
 * study's top-quantile points (TPE's "good" group) become a density p (a multivariate
 * {@link ParzenEstimator}); the similarity is {@code (1 - tv) / (1 + tv)}, where {@code tv} is the
 * total variation distance between the two densities. For two uniform densities over the two
 * studies' promising regions this is the intersection over union of the regions: 1 when they
 * coincide, 0 when they do not meet.
 *
 * <p>The paper estimates {@code tv} by Monte Carlo over uniform points of the space, which misses
 * densities that are narrow compared with the space (a few dimensions are enough) and then calls
 * unrelated studies similar. Here the points are drawn from the two densities themselves, half from
 * each: with {@code m = (p + q) / 2}, {@code tv = E_m[|p - q| / (p + q)]} exactly, and the integrand,
 * {@code |tanh((log p - log q) / 2)|}, lies in [0, 1], so {@value #SAMPLES} draws give it to about
 * 0.03 whatever the dimension.
 */
final class TaskSimilarity {
    /** Draws of the Monte Carlo estimate of the total variation distance. */
    static final int SAMPLES = 256;
    /** The prior component's weight in each density: small, so the points decide. */
    private static final double PRIOR_WEIGHT = 1e-3;

    private TaskSimilarity() {
    }

    /**
     * The similarity in [0, 1] of two sets of promising points (internal values per dimension of
     * {@code dims}), each non-empty.
     */
    static double of(double[][] promisingA, double[][] promisingB, List<Distribution> dims, SplittableRandom rng) {
        if (promisingA.length == 0 || promisingB.length == 0) {
            throw new IllegalArgumentException("both studies need at least one promising point, but got "
                    + promisingA.length + " and " + promisingB.length);
        }
        ParzenEstimator a = density(promisingA, dims);
        ParzenEstimator b = density(promisingB, dims);
        double tv = 0;
        for (int s = 0; s < SAMPLES; s++) {
            double[] x = (s % 2 == 0 ? a : b).sample(rng);
            tv += Math.abs(Math.tanh((a.logPdf(x) - b.logPdf(x)) / 2));
        }
        tv /= SAMPLES;
        return Math.max(0, Math.min(1, (1 - tv) / (1 + tv)));
    }

    private static ParzenEstimator density(double[][] points, List<Distribution> dims) {
        double[] weights = new double[points.length];
        Arrays.fill(weights, 1.0);
        return new ParzenEstimator(dims, points, weights, PRIOR_WEIGHT, false);
    }
}
