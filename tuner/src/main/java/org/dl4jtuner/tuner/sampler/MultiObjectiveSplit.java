package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dl4jtuner.tuner.pareto.Hypervolume;
import org.dl4jtuner.tuner.pareto.NonDominatedSorting;

/**
 * The "good" and "bad" groups of multi-objective TPE (MOTPE: Ozaki, Tanigaki, Watanabe and Onishi,
 * GECCO 2020 and JAIR 2022), and the weights of the good group's kernels.
 *
 * <ol>
 *   <li>The points are sorted into fronts by Deb's constraint domination
 *       ({@link NonDominatedSorting}): feasible points by Pareto dominance, then infeasible ones by
 *       their total violation.</li>
 *   <li>Whole fronts join the good group, best first, while they fit into {@code goodCount}; of the
 *       front that does not fit, the points that add the most hypervolume are taken greedily (the
 *       hypervolume subset selection MOTPE uses), against a reference point just beyond that front's
 *       worst corner; ties go to the earlier point.</li>
 *   <li>Each good feasible point's weight is its hypervolume contribution within the good group's
 *       feasible points (what the group's hypervolume loses without it), over the largest one, so
 *       the good density centres on the group's own non-dominated points. A good infeasible point
 *       weighs almost nothing ({@value #EPS}) beside feasible ones, and 1 when none is feasible (the
 *       group then holds the least violating points, which lead towards feasibility).</li>
 * </ol>
 * Everything is a pure function of the points, so a sampler that calls it stays stateless.
 *
 * @param good        indices of the good points, increasing
 * @param goodWeights the weight of each good point, in the order of {@code good}
 * @param bad         indices of the other points, increasing
 */
record MultiObjectiveSplit(List<Integer> good, double[] goodWeights, List<Integer> bad) {
    /** The weight of a contribution of zero, so every kernel keeps a (tiny) share. */
    static final double EPS = 1e-12;

    /**
     * The split of {@code losses} (every objective minimized).
     *
     * @param losses     one loss vector per point, all of one length
     * @param violations each point's total constraint violation, 0 when feasible
     * @param goodCount  how many points go to the good group (at most all of them)
     */
    static MultiObjectiveSplit of(List<double[]> losses, double[] violations, int goodCount) {
        int n = losses.size();
        if (goodCount < 0 || goodCount > n) {
            throw new IllegalArgumentException("0 <= goodCount <= points must hold, but got goodCount=" + goodCount
                    + ", points=" + n);
        }
        List<Integer> chosen = new ArrayList<>();
        for (List<Integer> front : NonDominatedSorting.fronts(losses, violations)) {
            int room = goodCount - chosen.size();
            if (room <= 0) {
                break;
            }
            chosen.addAll(front.size() <= room ? front : greedySubset(losses, front, room));
        }
        chosen.sort(null);
        boolean[] isGood = new boolean[n];
        chosen.forEach(i -> isGood[i] = true);
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!isGood[i]) {
                bad.add(i);
            }
        }
        return new MultiObjectiveSplit(List.copyOf(chosen), weights(losses, violations, chosen), List.copyOf(bad));
    }

    /**
     * {@code size} points of {@code front} chosen one by one, each the one that adds the most
     * hypervolume to those chosen before (a (1 - 1/e)-approximation of the best subset).
     */
    private static List<Integer> greedySubset(List<double[]> losses, List<Integer> front, int size) {
        List<double[]> frontLosses = front.stream().map(losses::get).toList();
        double[] reference = referencePoint(frontLosses);
        List<double[]> selected = new ArrayList<>();
        List<Integer> result = new ArrayList<>();
        boolean[] taken = new boolean[front.size()];
        while (result.size() < size) {
            int best = -1;
            double bestVolume = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < front.size(); k++) {
                if (taken[k]) {
                    continue;
                }
                selected.add(frontLosses.get(k));
                double volume = Hypervolume.of(selected, reference);
                selected.remove(selected.size() - 1);
                if (volume > bestVolume) {
                    best = k;
                    bestVolume = volume;
                }
            }
            taken[best] = true;
            selected.add(frontLosses.get(best));
            result.add(front.get(best));
        }
        return result;
    }

    /** Each good point's weight: its share of the hypervolume among the good feasible points. */
    private static double[] weights(List<double[]> losses, double[] violations, List<Integer> good) {
        double[] weights = new double[good.size()];
        List<Integer> feasible = new ArrayList<>();
        for (int k = 0; k < good.size(); k++) {
            if (violations[good.get(k)] <= 0) {
                feasible.add(k);
            }
        }
        if (feasible.isEmpty()) {
            Arrays.fill(weights, 1.0);
            return weights;
        }
        Arrays.fill(weights, EPS);
        if (feasible.size() == 1) {
            weights[feasible.get(0)] = 1.0;
            return weights;
        }
        List<double[]> points = feasible.stream().map(k -> losses.get(good.get(k))).toList();
        double[] reference = referencePoint(points);
        double total = Hypervolume.of(points, reference);
        double[] contribution = new double[points.size()];
        double largest = 0;
        for (int j = 0; j < points.size(); j++) {
            List<double[]> others = new ArrayList<>(points);
            others.remove(j);
            contribution[j] = Math.max(0, total - Hypervolume.of(others, reference)) + EPS;
            largest = Math.max(largest, contribution[j]);
        }
        for (int j = 0; j < points.size(); j++) {
            weights[feasible.get(j)] = Math.min(1.0, contribution[j] / largest);
        }
        return weights;
    }

    /**
     * A point just beyond the worst corner of {@code points}: each objective's worst loss moved out
     * by a tenth of its size (1.1 w for a positive w, 0.9 w for a negative one, {@value #EPS} for 0),
     * as MOTPE's reference implementation places it.
     */
    static double[] referencePoint(List<double[]> points) {
        int m = points.get(0).length;
        double[] reference = new double[m];
        for (int k = 0; k < m; k++) {
            double worst = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                worst = Math.max(worst, p[k]);
            }
            reference[k] = worst == 0 ? EPS : Math.max(1.1 * worst, 0.9 * worst);
        }
        return reference;
    }
}
