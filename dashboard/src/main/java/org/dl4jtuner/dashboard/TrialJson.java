package org.dl4jtuner.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pruner.HyperbandPruner;

/**
 * A trial as JSON, the one shape that {@code trials --json}, {@code GET /api/trials} and the
 * reports share: {@code number}, {@code state}, {@code value}, {@code values} (one per objective, null
 * until complete), {@code constraints} (null when none were declared), {@code feasible}, {@code params},
 * {@code intermediate_values} (step to value, NaN as null), {@code epochs}, {@code error},
 * {@code model_file}, {@code start}, {@code end}, {@code duration_seconds}, {@code bracket} and
 * {@code user_attrs}.
 */
public final class TrialJson {
    /** Trial system attribute naming the trial's saved network (written by the models module). */
    public static final String MODEL_FILE_ATTR = "model_file";

    private TrialJson() {
    }

    /** The JSON object of one trial, as an ordered map. */
    public static Map<String, Object> of(FrozenTrial t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", t.number());
        row.put("state", t.state().name());
        row.put("value", t.value() == null || !Double.isFinite(t.value()) ? null : t.value());
        double[] objectives = t.values();
        row.put("values", objectives == null ? null : java.util.Arrays.stream(objectives).boxed()
                .map(v -> Double.isFinite(v) ? v : null).toList());
        double[] constraints = t.constraints();
        row.put("constraints", constraints == null ? null : java.util.Arrays.stream(constraints).boxed().toList());
        row.put("feasible", t.isFeasible());
        row.put("params", t.params());
        Map<String, Object> values = new LinkedHashMap<>();
        t.intermediateValues().forEach((step, v) -> values.put(Integer.toString(step), Double.isFinite(v) ? v : null));
        row.put("intermediate_values", values);
        row.put("epochs", t.intermediateValues().size());
        row.put("error", t.systemAttrs().get(Study.FAIL_REASON_ATTR));
        row.put("model_file", t.systemAttrs().get(MODEL_FILE_ATTR));
        row.put("start", t.start() == null ? null : t.start().toString());
        row.put("end", t.end() == null ? null : t.end().toString());
        Duration duration = t.duration();
        row.put("duration_seconds", duration == null ? null : duration.toMillis() / 1000.0);
        row.put("bracket", t.systemAttrs().get(HyperbandPruner.BRACKET_ATTR));
        row.put("user_attrs", t.userAttrs());
        row.put("provenance", t.systemAttrs().get(Study.PROVENANCE_ATTR));
        row.put("runtime", t.systemAttrs().get(Study.RUNTIME_ATTR));
        return row;
    }
}
