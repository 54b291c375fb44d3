package org.dl4jtuner.tuner.importance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.sampler.SearchSpaces;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Hyperparameter importance by functional ANOVA (fANOVA; Hutter, Hoos and Leyton-Brown, ICML
 * 2014), computed as Optuna's default evaluator does: a random forest is fitted to the complete
 * trials' values over their parameters (each mapped to [0, 1] the way its distribution maps it,
 * log-scaled where it is log; a categorical choice as its cell), and a parameter's importance is
 * the share of the forest's variance that its own marginal explains, averaged over trees and
 * normalized to sum to 1.
 *
 * <pre>{@code
 * Map<String, Double> ranked = Importance.fanova(study);   // {"learning_rate": 0.71, "units": 0.18, ...}
 * }</pre>
 */
public final class Importance {
    /** Trees in the forest, as in Optuna's fANOVA evaluator. */
    public static final int DEFAULT_TREES = 64;
    /** The deepest a tree grows, as in Optuna's fANOVA evaluator. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private Importance() {
    }

    /** {@link #fanova(List, long)} over the study's complete trials, with seed 0. */
    public static Map<String, Double> fanova(Study study) {
        return fanova(study.trials(TrialState.COMPLETE), 0L);
    }

    /**
     * The importance of each parameter shared by the complete trials of {@code trials} with one
     * distribution, ranked from most to least important; values are in [0, 1] and sum to 1.
     * Parameters that hold a single value are left out. Empty when fewer than two complete trials
     * with finite values exist or no parameter varies; all zero when the values do not vary.
     *
     * @param trials trials of one study in any states; only COMPLETE ones with a finite value count
     * @param seed   seeds the forest's bootstrap samples, so a result can be reproduced
     */
    public static Map<String, Double> fanova(List<FrozenTrial> trials, long seed) {
        return fanova(trials, seed, DEFAULT_TREES, DEFAULT_MAX_DEPTH);
    }

    /** As {@link #fanova(List, long)}, with the forest's size and depth given. */
    public static Map<String, Double> fanova(List<FrozenTrial> trials, long seed, int trees, int maxDepth) {
        Requires.atLeast("trees", trees, 1);
        Requires.atLeast("maxDepth", maxDepth, 1);
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())) {
                complete.add(t);
            }
        }
        Map<String, Distribution> space = SearchSpaces.intersection(complete);
        if (complete.size() < 2 || space.isEmpty()) {
            return Map.of();
        }
        List<String> names = new ArrayList<>(space.keySet());
        int n = complete.size();
        int d = names.size();
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            FrozenTrial t = complete.get(i);
            y[i] = t.value();
            for (int j = 0; j < d; j++) {
                Distribution dist = space.get(names.get(j));
                x[i][j] = Distribution.clampUnit(dist.toUnit(dist.toInternal(t.params().get(names.get(j)))));
            }
        }
        standardize(y);
        double[] share = new double[d];
        int counted = 0;
        SplittableRandom random = new SplittableRandom(seed);
        for (int tree = 0; tree < trees; tree++) {
            int[] sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            TreeVariance variance = new TreeVariance(RegressionTree.fit(x, y, sample, maxDepth, random.split()), d);
            double total = variance.totalVariance();
            if (!(total > 0)) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                share[j] += variance.marginalVariance(j) / total;
            }
            counted++;
        }
        double sum = 0;
        for (double s : share) {
            sum += s;
        }
        Map<String, Double> unsorted = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            unsorted.put(names.get(j), counted == 0 || sum <= 0 ? 0.0 : share[j] / sum);
        }
        Map<String, Double> ranked = new LinkedHashMap<>();
        unsorted.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ranked.put(e.getKey(), e.getValue()));
        return ranked;
    }

    /**
     * Centres and scales the values in place. Shares do not change under shift or scale, but the
     * squared-error sums do lose precision on values with a large offset (1e7 + small changes).
     */
    private static void standardize(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double sq = 0;
        for (double v : y) {
            sq += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sq / y.length);
        for (int i = 0; i < y.length; i++) {
            y[i] = sd > 0 ? (y[i] - mean) / sd : 0;
        }
    }
}
