package org.dl4jtuner.tuner.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The exact hypervolume of a set of loss vectors (every objective minimized) with respect to a
 * reference point: the measure of the region the points dominate and that dominates the reference
 * point. Two objectives are a sweep in O(n log n); more are sliced along the last objective
 * (Hypervolume by Slicing Objectives, While et al. 2006), each slice a hypervolume of one objective
 * fewer: exact, and fast enough for the hundreds of points a study's front holds in 3 or 4
 * objectives. Points that do not strictly dominate the reference point add nothing.
 *
 * <pre>{@code
 * Hypervolume.of(List.of(new double[] {1, 2}, new double[] {2, 1}), new double[] {3, 3});   // 3.0
 * }</pre>
 */
public final class Hypervolume {
    private Hypervolume() {
    }

    /** The hypervolume of {@code points} up to {@code reference}; 0 when no point dominates it. */
    public static double of(List<double[]> points, double[] reference) {
        int m = reference.length;
        if (m == 0) {
            throw new IllegalArgumentException("a hypervolume needs at least one objective, but the reference point"
                    + " has none");
        }
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != m) {
                throw new IllegalArgumentException("every point needs as many objectives as the reference point ("
                        + m + "), but got one with " + p.length + ": " + Arrays.toString(p));
            }
            boolean below = true;
            for (int k = 0; k < m && below; k++) {
                below = p[k] < reference[k];
            }
            if (below) {
                inside.add(p);
            }
        }
        return volume(inside, reference, m);
    }

    /** The hypervolume in the first {@code m} objectives of points that all lie below the reference point. */
    private static double volume(List<double[]> points, double[] reference, int m) {
        if (points.isEmpty()) {
            return 0;
        }
        if (m == 1) {
            double best = reference[0];
            for (double[] p : points) {
                best = Math.min(best, p[0]);
            }
            return reference[0] - best;
        }
        if (m == 2) {
            return sweep(points, reference);
        }
        int last = m - 1;
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        double total = 0;
        List<double[]> slice = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            slice.add(sorted.get(i));
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : reference[last];
            double depth = top - sorted.get(i)[last];
            if (depth > 0) {
                total += depth * volume(slice, reference, last);
            }
        }
        return total;
    }

    /** Two objectives: sorted by the first, each point adds the strip its second objective improves. */
    private static double sweep(List<double[]> points, double[] reference) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double total = 0;
        double ceiling = reference[1];
        for (double[] p : sorted) {
            if (p[1] < ceiling) {
                total += (reference[0] - p[0]) * (ceiling - p[1]);
                ceiling = p[1];
            }
        }
        return total;
    }
}
