package org.dl4jtuner.tuner.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;

/**
 * The Pareto front of stored trials and its hypervolume, in one place for the study
 * ({@link org.dl4jtuner.tuner.Study#bestTrials()}), the command line and the dashboard.
 *
 * <pre>{@code
 * List<FrozenTrial> front = ParetoTrials.front(study.trials(), study.directions());
 * double hv = ParetoTrials.hypervolume(front, study.directions(),
 *         ParetoTrials.referencePoint(study.trials(), study.directions()));
 * }</pre>
 */
public final class ParetoTrials {
    private ParetoTrials() {
    }

    /** Whether a trial is COMPLETE with one non-NaN value per objective. */
    public static boolean hasAllValues(FrozenTrial trial, int objectives) {
        double[] v = trial.state() == TrialState.COMPLETE ? trial.values() : null;
        return v != null && v.length == objectives && Arrays.stream(v).noneMatch(Double::isNaN);
    }

    /**
     * The feasible trials with all values that no other of them dominates (at least as good in every
     * objective and better in one; equal ones are all kept), in trial-number order.
     */
    public static List<FrozenTrial> front(List<FrozenTrial> trials, List<Direction> directions) {
        List<FrozenTrial> candidates = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (hasAllValues(t, directions.size()) && t.isFeasible()) {
                candidates.add(t);
            }
        }
        List<FrozenTrial> front = new ArrayList<>();
        if (!candidates.isEmpty()) {
            List<double[]> losses = candidates.stream().map(t -> Dominance.losses(t, directions)).toList();
            for (int i : NonDominatedSorting.fronts(losses).get(0)) {
                front.add(candidates.get(i));
            }
        }
        front.sort(Comparator.comparingInt(FrozenTrial::number));
        return front;
    }

    /**
     * The reference point in losses (every objective minimized, maximized ones negated): per
     * objective, the worst loss of the trials with all values, feasible or not, plus a tenth of their
     * range (1 when the range is 0); null when no trial has all values. It moves as trials are
     * added, so compare hypervolumes within one study only.
     */
    public static double[] referencePoint(List<FrozenTrial> trials, List<Direction> directions) {
        int m = directions.size();
        double[] worst = new double[m];
        double[] best = new double[m];
        Arrays.fill(worst, Double.NEGATIVE_INFINITY);
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        boolean any = false;
        for (FrozenTrial t : trials) {
            if (!hasAllValues(t, m)) {
                continue;
            }
            any = true;
            double[] loss = Dominance.losses(t, directions);
            for (int k = 0; k < m; k++) {
                worst[k] = Math.max(worst[k], loss[k]);
                best[k] = Math.min(best[k], loss[k]);
            }
        }
        if (!any) {
            return null;
        }
        double[] reference = new double[m];
        for (int k = 0; k < m; k++) {
            double range = worst[k] - best[k];
            reference[k] = worst[k] + (range > 0 ? range / 10 : 1);
        }
        return reference;
    }

    /** The hypervolume the front's losses dominate up to {@code reference}; 0 when either is missing. */
    public static double hypervolume(List<FrozenTrial> front, List<Direction> directions, double[] reference) {
        if (reference == null || front.isEmpty()) {
            return 0;
        }
        return Hypervolume.of(front.stream().map(t -> Dominance.losses(t, directions)).toList(), reference);
    }
}
