package org.dl4jtuner.tuner.pareto;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NSGA-II's crowding distance (Deb et al. 2002): for each point of one front, the sum over the
 * objectives of the gap between its two neighbours along that objective, divided by the front's
 * range in it. The extreme points of each objective get infinity, so they are always kept; an
 * objective in which the whole front is equal adds nothing.
 *
 * <pre>{@code
 * CrowdingDistance.of(List.of(new double[] {0, 4}, new double[] {1, 2}, new double[] {4, 0}));
 * // [Infinity, 2.0, Infinity]: (4 - 0) / 4 + (4 - 0) / 4 for the middle point
 * }</pre>
 */
public final class CrowdingDistance {
    private CrowdingDistance() {
    }

    /** The crowding distance of each point of {@code front} (loss vectors of one length), in its order. */
    public static double[] of(List<double[]> front) {
        int n = front.size();
        double[] distance = new double[n];
        if (n == 0) {
            return distance;
        }
        int m = front.get(0).length;
        Integer[] order = new Integer[n];
        for (int k = 0; k < m; k++) {
            int objective = k;
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> front.get(i)[objective]));
            double low = front.get(order[0])[objective];
            double high = front.get(order[n - 1])[objective];
            distance[order[0]] = Double.POSITIVE_INFINITY;
            distance[order[n - 1]] = Double.POSITIVE_INFINITY;
            double range = high - low;
            if (!(range > 0) || Double.isInfinite(range)) {
                continue;
            }
            for (int r = 1; r < n - 1; r++) {
                distance[order[r]] += (front.get(order[r + 1])[objective] - front.get(order[r - 1])[objective]) / range;
            }
        }
        return distance;
    }
}
