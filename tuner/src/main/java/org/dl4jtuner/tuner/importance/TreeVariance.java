package org.dl4jtuner.tuner.importance;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The functional ANOVA of one regression tree over the uniform measure on [0, 1]^d (Hutter,
 * Hoos and Leyton-Brown, ICML 2014). A tree is a piecewise-constant function over boxes (its
 * leaves), so its total variance and the variance of each single-feature marginal are exact sums
 * over leaves and over the intervals its split points cut each feature into.
 */
final class TreeVariance {
    private final List<double[]> lows = new ArrayList<>();
    private final List<double[]> highs = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final List<TreeSet<Double>> cuts = new ArrayList<>();
    private final int dimension;
    private double mean;
    private double variance;

    TreeVariance(RegressionTree tree, int dimension) {
        this.dimension = dimension;
        for (int f = 0; f < dimension; f++) {
            TreeSet<Double> c = new TreeSet<>();
            c.add(0.0);
            c.add(1.0);
            cuts.add(c);
        }
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        java.util.Arrays.fill(hi, 1.0);
        collectLeaves(tree, 0, lo, hi);
        for (int i = 0; i < values.size(); i++) {
            mean += volume(i) * values.get(i);
        }
        for (int i = 0; i < values.size(); i++) {
            double d = values.get(i) - mean;
            variance += volume(i) * d * d;
        }
    }

    /** The variance of the tree's prediction over the whole cube. */
    double totalVariance() {
        return variance;
    }

    /**
     * The variance of the tree's marginal prediction along {@code feature}: the prediction
     * averaged over every other feature, as a function of this one.
     */
    double marginalVariance(int feature) {
        List<Double> points = new ArrayList<>(cuts.get(feature));
        double result = 0;
        for (int j = 0; j + 1 < points.size(); j++) {
            double a = points.get(j);
            double b = points.get(j + 1);
            if (b <= a) {
                continue;
            }
            double middle = (a + b) / 2;
            double marginal = 0;
            for (int i = 0; i < values.size(); i++) {
                double lo = lows.get(i)[feature];
                double hi = highs.get(i)[feature];
                if (middle >= lo && middle < hi) {
                    marginal += values.get(i) * volume(i) / (hi - lo);
                }
            }
            double d = marginal - mean;
            result += (b - a) * d * d;
        }
        return result;
    }

    private double volume(int leaf) {
        double v = 1;
        for (int f = 0; f < dimension; f++) {
            v *= highs.get(leaf)[f] - lows.get(leaf)[f];
        }
        return v;
    }

    private void collectLeaves(RegressionTree tree, int node, double[] lo, double[] hi) {
        int f = tree.feature(node);
        if (f < 0) {
            lows.add(lo.clone());
            highs.add(hi.clone());
            values.add(tree.value(node));
            return;
        }
        double t = Math.min(hi[f], Math.max(lo[f], tree.threshold(node)));
        cuts.get(f).add(t);
        double savedHigh = hi[f];
        hi[f] = t;
        collectLeaves(tree, tree.left(node), lo, hi);
        hi[f] = savedHigh;
        double savedLow = lo[f];
        lo[f] = t;
        collectLeaves(tree, tree.right(node), lo, hi);
        lo[f] = savedLow;
    }
}
