package org.dl4jtuner.tuner.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Fast non-dominated sorting (Deb et al. 2002): front 0 holds the points no other point
 * dominates, front 1 those dominated only by front 0, and so on. With violations it sorts by
 * {@link Dominance#constrainedDominates}, so every feasible point comes before every infeasible one.
 *
 * <pre>{@code
 * List<List<Integer>> fronts = NonDominatedSorting.fronts(List.of(
 *         new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 3}));   // [[0, 1], [2]]
 * }</pre>
 */
public final class NonDominatedSorting {
    private NonDominatedSorting() {
    }

    /** The fronts of unconstrained points, each a list of indices into {@code losses} in increasing order. */
    public static List<List<Integer>> fronts(List<double[]> losses) {
        return fronts(losses, new double[losses.size()]);
    }

    /**
     * The fronts under constraint domination, each a list of indices in increasing order.
     *
     * @param losses     loss vectors (smaller is better), all of one length
     * @param violations each point's total constraint violation, 0 when feasible
     */
    public static List<List<Integer>> fronts(List<double[]> losses, double[] violations) {
        int n = losses.size();
        if (violations.length != n) {
            throw new IllegalArgumentException("non-dominated sorting needs one violation per point, but got "
                    + violations.length + " violations for " + n + " points");
        }
        List<List<Integer>> dominated = new ArrayList<>();
        int[] dominatedBy = new int[n];
        for (int i = 0; i < n; i++) {
            dominated.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Dominance.constrainedDominates(losses.get(i), violations[i], losses.get(j), violations[j])) {
                    dominated.get(i).add(j);
                    dominatedBy[j]++;
                } else if (Dominance.constrainedDominates(losses.get(j), violations[j], losses.get(i), violations[i])) {
                    dominated.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        List<List<Integer>> fronts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dominatedBy[i] == 0) {
                current.add(i);
            }
        }
        while (!current.isEmpty()) {
            fronts.add(current);
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                for (int j : dominated.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            next.sort(null);
            current = next;
        }
        return fronts;
    }

    /** Each point's front number (0 for the non-dominated ones). */
    public static int[] ranks(List<double[]> losses, double[] violations) {
        int[] rank = new int[losses.size()];
        List<List<Integer>> fronts = fronts(losses, violations);
        for (int f = 0; f < fronts.size(); f++) {
            for (int i : fronts.get(f)) {
                rank[i] = f;
            }
        }
        return rank;
    }
}
