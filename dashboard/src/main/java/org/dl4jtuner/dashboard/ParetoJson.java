package org.dl4jtuner.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.ParetoTrials;

/**
 * What the dashboard draws for a study of several objectives: the objectives' names and
 * directions, the numbers of the trials on the Pareto front (feasible complete trials no other
 * dominates), the reference point, and the front's hypervolume after each complete trial in number
 * order. The reference point is, per objective, the worst value of any complete trial moved out by
 * a tenth of that objective's range (by 1 when the range is 0), in losses (maximized objectives
 * negated); the whole history uses the final one, so it never falls.
 *
 * <pre>{@code
 * Map<String, Object> pareto = ParetoJson.of(attrs, trials);   // null for one objective
 * }</pre>
 */
public final class ParetoJson {
    /** Study system attribute with the objectives' names, written by the command line's runs. */
    public static final String METRIC_NAMES_ATTR = "metric_names";

    private ParetoJson() {
    }

    /** The study's directions from its attributes ({@value Study#DIRECTIONS_ATTR}); one for a single-objective study. */
    static List<Direction> directions(Map<String, Object> attrs, Direction single) {
        if (attrs.get(Study.DIRECTIONS_ATTR) instanceof List<?> names && !names.isEmpty()) {
            return names.stream().map(n -> Direction.valueOf(String.valueOf(n))).toList();
        }
        return List.of(single);
    }

    /** {@code {metrics, directions, front, reference, hypervolume_history}}, or null for a study of one objective. */
    public static Map<String, Object> of(Map<String, Object> attrs, List<FrozenTrial> trials, Direction single) {
        List<Direction> directions = directions(attrs, single);
        int m = directions.size();
        if (m < 2) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (attrs.get(METRIC_NAMES_ATTR) instanceof List<?> given && given.size() == m) {
            given.forEach(n -> names.add(String.valueOf(n)));
        } else {
            for (int k = 0; k < m; k++) {
                names.add("value " + k);
            }
        }
        List<FrozenTrial> complete = trials.stream().filter(t -> ParetoTrials.hasAllValues(t, m)).toList();
        double[] reference = ParetoTrials.referencePoint(complete, directions);
        List<List<Number>> history = new ArrayList<>();
        List<FrozenTrial> seen = new ArrayList<>();
        List<Integer> front = List.of();
        for (FrozenTrial t : complete) {
            seen.add(t);
            List<FrozenTrial> f = ParetoTrials.front(seen, directions);
            front = f.stream().map(FrozenTrial::number).toList();
            double hv = ParetoTrials.hypervolume(f, directions, reference);
            history.add(List.of(t.number(), hv));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metrics", names);
        json.put("directions", directions.stream().map(Direction::name).toList());
        json.put("front", front);
        json.put("reference", reference == null ? null : Arrays.stream(reference).boxed().toList());
        json.put("hypervolume_history", history);
        return json;
    }
}
