package org.dl4jtuner.cli.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.NetworkFactory;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The points {@code sampler: grid} visits: every combination of the {@code {choice: [...]}} lists
 * in {@code model.space} (fixed keys are not searched). A per-layer size ({@code units} for mlp and
 * lstm, {@code filters} for cnn) is searched per layer, as the families suggest it: each point
 * with {@code layers: L} names {@code units_1} .. {@code units_L}, so a grid over
 * {@code layers: {choice: [1, 2]}} and {@code units: {choice: [32, 64]}} has 2 + 4 = 6 points, none
 * repeated. Ranges are refused: a grid needs its values listed.
 *
 * <pre>{@code
 * List<Map<String, Object>> points = GridSpace.points(model, spaceSection);
 * }</pre>
 */
final class GridSpace {
    /** The most points a grid from YAML may have. */
    static final int MAX_POINTS = 100_000;

    private GridSpace() {
    }

    static List<Map<String, Object>> points(ModelSpec model, Section space) {
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        model.space().forEach((key, value) -> {
            if (value instanceof ParameterSpace.Choice c) {
                lists.put(key, c.choices());
            } else if (!value.isFixed()) {
                throw space.error(key, "sampler grid needs a list of values, {choice: [...]}, but got " + describe(value)
                        + "; " + hint(value));
            }
        });
        if (lists.isEmpty()) {
            throw space.error("sampler grid needs at least one key of model.space searched as {choice: [...]}, but every"
                    + " key is fixed" + (model.space().isEmpty() ? " (the space is empty)" : ""));
        }
        String perLayer = model.isCustom() ? null : model.type().equals("cnn") ? "filters" : "units";
        List<Map<String, Object>> points = new ArrayList<>();
        if (perLayer == null || !lists.containsKey(perLayer)) {
            product(new ArrayList<>(lists.entrySet()), 0, new LinkedHashMap<>(), points, space);
            return model.isCustom() ? points : withoutUnusedHypergradientLr(points, model);
        }
        List<Object> layerCounts = lists.containsKey("layers") ? lists.get("layers")
                : List.of(layers(model));
        for (Object count : layerCounts) {
            int layers = ((Number) count).intValue();
            List<Map.Entry<String, List<Object>>> axes = new ArrayList<>();
            for (Map.Entry<String, List<Object>> e : lists.entrySet()) {
                if (e.getKey().equals("layers")) {
                    axes.add(Map.entry("layers", List.of(count)));
                } else if (e.getKey().equals(perLayer)) {
                    for (int i = 1; i <= layers; i++) {
                        axes.add(Map.entry(perLayer + "_" + i, e.getValue()));
                    }
                } else {
                    axes.add(e);
                }
            }
            product(axes, 0, new LinkedHashMap<>(), points, space);
        }
        return withoutUnusedHypergradientLr(points, model);
    }

    /**
     * {@code hypergradient_lr} is suggested by adam-hd trials only, as the families do: other
     * updaters' points drop it, and the points that then repeat are visited once.
     */
    private static List<Map<String, Object>> withoutUnusedHypergradientLr(List<Map<String, Object>> points,
            ModelSpec model) {
        ParameterSpace fixedUpdater = model.space().get("updater");
        Object updater = fixedUpdater instanceof ParameterSpace.Fixed f ? f.value()
                : NetworkSpace.defaults(Family.of(model.type())).get("updater");
        java.util.LinkedHashSet<Map<String, Object>> kept = new java.util.LinkedHashSet<>();
        for (Map<String, Object> point : points) {
            Object pointUpdater = point.getOrDefault("updater", updater);
            if (!NetworkFactory.ADAM_HD.equalsIgnoreCase(String.valueOf(pointUpdater))) {
                point.remove("hypergradient_lr");
            }
            kept.add(point);
        }
        return new ArrayList<>(kept);
    }

    private static Object layers(ModelSpec model) {
        ParameterSpace layers = model.space().get("layers");
        if (layers instanceof ParameterSpace.Fixed f) {
            return f.value();
        }
        return NetworkSpace.defaults(Family.of(model.type())).get("layers");
    }

    /** Appends every combination of {@code axes[from..]} to {@code point}, last axis varying fastest. */
    private static void product(List<Map.Entry<String, List<Object>>> axes, int from, Map<String, Object> point,
            List<Map<String, Object>> out, Section space) {
        if (from == axes.size()) {
            if (out.size() >= MAX_POINTS) {
                throw space.error("sampler grid: the choices in model.space make more than " + MAX_POINTS
                        + " grid points; list fewer values");
            }
            out.add(new LinkedHashMap<>(point));
            return;
        }
        Map.Entry<String, List<Object>> axis = axes.get(from);
        for (Object value : axis.getValue()) {
            point.put(axis.getKey(), value);
            product(axes, from + 1, point, out, space);
        }
        point.remove(axis.getKey());
    }

    private static String describe(ParameterSpace value) {
        if (value instanceof ParameterSpace.Uniform u) {
            return "a uniform range [" + u.low() + ", " + u.high() + "]";
        }
        if (value instanceof ParameterSpace.LogUniform u) {
            return "a log_uniform range [" + u.low() + ", " + u.high() + "]";
        }
        if (value instanceof ParameterSpace.IntRange r) {
            return "an int range [" + r.low() + ", " + r.high() + "]" + (r.log() ? " with log: true" : "");
        }
        return String.valueOf(value);
    }

    private static String hint(ParameterSpace value) {
        if (value instanceof ParameterSpace.IntRange r && (long) r.high() - r.low() < 10) {
            List<Integer> all = new ArrayList<>();
            for (int i = r.low(); i <= r.high(); i++) {
                all.add(i);
            }
            return "write {choice: " + all + "} to try every value";
        }
        return "list the values to try, e.g. {choice: [a, b, c]}, or pick another sampler";
    }
}
