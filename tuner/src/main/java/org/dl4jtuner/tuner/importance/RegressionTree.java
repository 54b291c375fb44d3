package org.dl4jtuner.tuner.importance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A CART regression tree on points of [0, 1]^d: each split takes the feature and threshold that
 * most reduce the squared error, thresholds lie midway between neighbouring distinct values, and
 * leaves hold the mean target of their points. Growth stops at a single point, at constant
 * targets, or at {@code maxDepth}.
 *
 * <p>Nodes are stored in flat arrays; node 0 is the root and a leaf has {@code feature == -1}.
 */
final class RegressionTree {
    private final List<Integer> feature = new ArrayList<>();
    private final List<Double> threshold = new ArrayList<>();
    private final List<Integer> left = new ArrayList<>();
    private final List<Integer> right = new ArrayList<>();
    private final List<Double> value = new ArrayList<>();

    private final double[][] x;
    private final double[] y;
    private final int maxDepth;
    private final SplittableRandom random;

    private RegressionTree(double[][] x, double[] y, int maxDepth, SplittableRandom random) {
        this.x = x;
        this.y = y;
        this.maxDepth = maxDepth;
        this.random = random;
    }

    /**
     * Grows a tree on the rows {@code sample} of {@code x} (repeats allowed, as in a bootstrap).
     *
     * @param x        points, one row each, every coordinate in [0, 1]
     * @param y        targets, one per row
     * @param sample   row indices to fit on
     * @param maxDepth the deepest a leaf may lie
     * @param random   breaks ties between equally good features
     */
    static RegressionTree fit(double[][] x, double[] y, int[] sample, int maxDepth, SplittableRandom random) {
        RegressionTree tree = new RegressionTree(x, y, maxDepth, random);
        tree.grow(sample.clone(), 0);
        return tree;
    }

    int nodeCount() {
        return value.size();
    }

    int feature(int node) {
        return feature.get(node);
    }

    double threshold(int node) {
        return threshold.get(node);
    }

    int left(int node) {
        return left.get(node);
    }

    int right(int node) {
        return right.get(node);
    }

    double value(int node) {
        return value.get(node);
    }

    /** The tree's prediction at {@code point}. */
    double predict(double[] point) {
        int node = 0;
        while (feature(node) >= 0) {
            node = point[feature(node)] <= threshold(node) ? left(node) : right(node);
        }
        return value(node);
    }

    private int grow(int[] rows, int depth) {
        int node = value.size();
        double mean = 0;
        for (int r : rows) {
            mean += y[r];
        }
        mean /= rows.length;
        feature.add(-1);
        threshold.add(Double.NaN);
        left.add(-1);
        right.add(-1);
        value.add(mean);
        if (rows.length < 2 || depth >= maxDepth) {
            return node;
        }
        Split best = bestSplit(rows);
        if (best == null) {
            return node;
        }
        int f = best.feature;
        double t = best.threshold;
        int[] below = Arrays.stream(rows).filter(r -> x[r][f] <= t).toArray();
        int[] above = Arrays.stream(rows).filter(r -> x[r][f] > t).toArray();
        feature.set(node, f);
        threshold.set(node, t);
        int l = grow(below, depth + 1);
        left.set(node, l);
        int rr = grow(above, depth + 1);
        right.set(node, rr);
        return node;
    }

    private record Split(int feature, double threshold, double gain) {
    }

    /** The split with the largest drop in squared error, or null when none lowers it. */
    private Split bestSplit(int[] rows) {
        int n = rows.length;
        double total = 0;
        double totalSq = 0;
        for (int r : rows) {
            total += y[r];
            totalSq += y[r] * y[r];
        }
        double parentError = totalSq - total * total / n;
        if (parentError <= 1e-12 * Math.max(1.0, totalSq)) {
            return null;
        }
        int d = x[rows[0]].length;
        int[] order = shuffledFeatures(d);
        Split best = null;
        Integer[] sorted = new Integer[n];
        for (int f : order) {
            for (int i = 0; i < n; i++) {
                sorted[i] = rows[i];
            }
            final int feat = f;
            Arrays.sort(sorted, Comparator.comparingDouble(r -> x[r][feat]));
            double sumLeft = 0;
            double sqLeft = 0;
            for (int i = 0; i < n - 1; i++) {
                double yi = y[sorted[i]];
                sumLeft += yi;
                sqLeft += yi * yi;
                double here = x[sorted[i]][f];
                double next = x[sorted[i + 1]][f];
                if (next <= here) {
                    continue;
                }
                int nl = i + 1;
                int nr = n - nl;
                double sumRight = total - sumLeft;
                double sqRight = totalSq - sqLeft;
                double error = (sqLeft - sumLeft * sumLeft / nl) + (sqRight - sumRight * sumRight / nr);
                double gain = parentError - error;
                if (gain > 0 && (best == null || gain > best.gain)) {
                    best = new Split(f, (here + next) / 2, gain);
                }
            }
        }
        return best;
    }

    private int[] shuffledFeatures(int d) {
        int[] order = new int[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        for (int i = d - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
