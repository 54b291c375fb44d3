package org.dl4jtuner.cli.run;

import java.util.ArrayList;
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
 * How the CLI names and prints a multi-objective study's objectives and reference point; the front
 * and its hypervolume come from {@link org.dl4jtuner.tuner.pareto.ParetoTrials}, as for
 * {@link org.dl4jtuner.tuner.Study#bestTrials()} and the dashboard.
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
