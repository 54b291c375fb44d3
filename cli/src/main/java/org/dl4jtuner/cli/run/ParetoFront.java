package org.dl4jtuner.cli.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.dl4jtuner.tuner.pareto.Hypervolume;
import org.dl4jtuner.tuner.pareto.NonDominatedSorting;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * A stored multi-objective study's Pareto front as the CLI shows it: the feasible complete trials
 * no other dominates ({@link Study#bestTrials()}'s rule, from a list of trials), and its
 * hypervolume against the reference point {@link #reference}: per objective, the worst value of any
 * complete trial, moved away from the front by a tenth of that objective's range over the complete
 * trials (by 1 when the range is 0), so that the trials at the edge of the front still add volume.
 * The reference point moves as trials are added; compare hypervolumes of one study only.
 *
 * <pre>{@code
 * List<FrozenTrial> front = ParetoFront.of(trials, directions);
 * double hv = ParetoFront.hypervolume(front, directions, ParetoFront.reference(trials, directions));
 * }</pre>
 */
public final class ParetoFront {
    /** Study system attribute: the objectives' names, in the order of the study's directions. */
    public static final String METRIC_NAMES_ATTR = "metric_names";

    private ParetoFront() {
    }

    /** The objectives' names of a stored study: its {@value #METRIC_NAMES_ATTR}, else value_0, value_1, .... */
    public static List<String> names(Storage storage, StudyRecord record, int objectives) {
        Map<String, Object> attrs = storage.studySystemAttrs(record.id());
        if (attrs.get(METRIC_NAMES_ATTR) instanceof List<?> names && names.size() == objectives) {
            return names.stream().map(String::valueOf).toList();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < objectives; i++) {
            names.add("value_" + i);
        }
        return names;
    }

    /** The non-dominated feasible complete trials with a value for every objective, in trial order. */
    public static List<FrozenTrial> of(List<FrozenTrial> trials, List<Direction> directions) {
        List<FrozenTrial> candidates = candidates(trials, directions);
        List<double[]> losses = candidates.stream().map(t -> Dominance.losses(t, directions)).toList();
        List<FrozenTrial> front = new ArrayList<>();
        if (!candidates.isEmpty()) {
            for (int i : NonDominatedSorting.fronts(losses).get(0)) {
                front.add(candidates.get(i));
            }
        }
        front.sort(java.util.Comparator.comparingInt(FrozenTrial::number));
        return front;
    }

    private static List<FrozenTrial> candidates(List<FrozenTrial> trials, List<Direction> directions) {
        List<FrozenTrial> candidates = new ArrayList<>();
        for (FrozenTrial t : trials) {
            double[] v = t.state() == TrialState.COMPLETE ? t.values() : null;
            if (v != null && v.length == directions.size() && Arrays.stream(v).noneMatch(Double::isNaN)
                    && t.isFeasible()) {
                candidates.add(t);
            }
        }
        return candidates;
    }

    /**
     * The reference point in losses (every objective minimized): the worst loss of the complete
     * trials plus a tenth of their range (1 when the range is 0); null without a complete trial.
     */
    public static double[] reference(List<FrozenTrial> trials, List<Direction> directions) {
        int m = directions.size();
        double[] worst = new double[m];
        double[] best = new double[m];
        Arrays.fill(worst, Double.NEGATIVE_INFINITY);
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        boolean any = false;
        for (FrozenTrial t : trials) {
            double[] v = t.state() == TrialState.COMPLETE ? t.values() : null;
            if (v == null || v.length != m || Arrays.stream(v).anyMatch(Double::isNaN)) {
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

    /** A value as the CLI prints objectives: whole numbers (a parameter count) without decimals. */
    public static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : TrialLines.format(v);
    }

    /** The reference point in the objectives' own terms (maximized ones negated back), for printing. */
    public static double[] inValues(double[] reference, List<Direction> directions) {
        double[] v = reference.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] = directions.get(k) == Direction.MAXIMIZE ? -v[k] : v[k];
        }
        return v;
    }
}
