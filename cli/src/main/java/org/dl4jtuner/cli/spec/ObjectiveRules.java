package org.dl4jtuner.cli.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dl4jtuner.models.MetricConstraint;
import org.dl4jtuner.models.SecondaryMetric;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.strategy.StrategyContext;
import org.dl4jtuner.tuner.strategy.StrategyDescription;
import org.dl4jtuner.tuner.strategy.StrategyRegistry;

/**
 * The rules of a study's objectives in a spec: {@code study.metrics} (a validation metric, then
 * secondary metrics), {@code study.directions} (one per metric, each metric's own by default),
 * {@code study.constraints} (bounds on measured values), and the sampler and pruner a study of
 * several objectives can use. Each error names the key, the value and the rule.
 */
final class ObjectiveRules {
    private ObjectiveRules() {
    }

    /** {@code study.metrics} as written (names checked for repeats and secondary placement), or null when absent. */
    static List<String> metrics(Section s) {
        if (!s.has("metrics")) {
            return null;
        }
        if (s.has("metric")) {
            throw s.error("metrics", "give study.metric or study.metrics, not both (study.metric is "
                    + Section.show(s.raw("metric")) + ")");
        }
        Object v = s.raw("metrics");
        if (!(v instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(m -> m instanceof String t
                && !t.isBlank())) {
            throw s.error("metrics", "expected a list of metric names such as [accuracy, parameters], but got "
                    + Section.show(v));
        }
        List<String> names = list.stream().map(m -> ((String) m).trim()).toList();
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw s.error("metrics", "every metric may appear once, but got " + names);
        }
        if (SecondaryMetric.isSecondary(names.get(0))) {
            throw s.error("metrics", "the first metric is the one each epoch evaluates on the validation split"
                    + " (accuracy, f1, loss, rmse, ...), but got '" + names.get(0) + "', a secondary metric; put it"
                    + " after the validation metric, as in [accuracy, " + names.get(0) + "]");
        }
        for (String name : names.subList(1, names.size())) {
            if (!SecondaryMetric.isSecondary(name)) {
                throw s.error("metrics", "'" + name + "' cannot follow the validation metric '" + names.get(0)
                        + "': after the first, metrics are secondary metrics, one of " + SecondaryMetric.names());
            }
        }
        return names;
    }

    /** The metrics with the validation metric's canonical id first. */
    static List<String> withCanonicalFirst(List<String> metrics, String canonical) {
        List<String> all = new ArrayList<>(metrics);
        all.set(0, canonical);
        return List.copyOf(all);
    }

    /** {@code study.directions}, as long as the metrics; each metric's own direction where absent. */
    static List<Direction> directions(Section s, List<String> metrics, Direction first) {
        List<Direction> natural = new ArrayList<>();
        natural.add(first);
        metrics.subList(1, metrics.size()).forEach(m -> natural.add(SecondaryMetric.of(m).direction()));
        if (!s.has("directions")) {
            return List.copyOf(natural);
        }
        if (s.has("direction")) {
            throw s.error("directions", "give study.direction or study.directions, not both (study.direction is "
                    + Section.show(s.raw("direction")) + ")");
        }
        Object v = s.raw("directions");
        if (!(v instanceof List<?> list) || !list.stream().allMatch(d -> "minimize".equals(d) || "maximize".equals(d))) {
            throw s.error("directions", "expected a list of minimize or maximize, but got " + Section.show(v));
        }
        if (list.size() != metrics.size()) {
            throw s.error("directions", "directions and metrics must have the same length, but got " + list.size()
                    + " direction" + (list.size() == 1 ? "" : "s") + " " + list + " for " + metrics.size() + " metric"
                    + (metrics.size() == 1 ? "" : "s") + " " + metrics + (metrics.size() == 1 ? " (study.metric)" : ""));
        }
        return list.stream().map(d -> Direction.valueOf(((String) d).toUpperCase(Locale.ROOT))).toList();
    }

    /** {@code study.constraints}: each measured value's bound expression, checked; empty when absent. */
    static Map<String, String> constraints(Section s, List<String> metrics) {
        if (!s.has("constraints")) {
            return Map.of();
        }
        Section c = s.section("constraints");
        List<String> measurable = new ArrayList<>(List.of(metrics.get(0)));
        SecondaryMetric.names().forEach(measurable::add);
        Map<String, String> constraints = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.values().entrySet()) {
            String name = e.getKey();
            if (!measurable.contains(name)) {
                String hint = Rules.suggestion(name, measurable);
                throw c.error(name, "not a value this study measures; constrain one of " + measurable
                        + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
            }
            Object expression = e.getValue();
            if (!(expression instanceof String text)) {
                throw c.error(name, "expected " + MetricConstraint.RULE + " (quoted), but got " + Section.show(expression));
            }
            try {
                MetricConstraint.parse(name, text);
            } catch (IllegalArgumentException ex) {
                throw c.error(name, ex.getMessage());
            }
            constraints.put(name, text.trim());
        }
        if (constraints.isEmpty()) {
            throw s.error("constraints", "expected a map such as {parameters: \"<= 100000\"}, but got an empty one");
        }
        return constraints;
    }

    /**
     * Refuses, for a study of several objectives, a sampler or pruner that models one value (as the
     * core would when the study is built), naming {@code sampler.type} or {@code pruner.type} and the
     * types that work.
     */
    static void requireStrategies(String file, StudySection study, SamplerSpec sampler, PrunerSpec pruner) {
        if (!study.isMultiObjective()) {
            return;
        }
        String what = study.metrics().size() + " objectives (study.metrics " + study.metrics() + ")";
        if (!samplerSupports(sampler.type(), sampler.grid())) {
            throw new SpecException(Section.prefix(file) + "sampler.type: '" + sampler.type() + "' optimizes a single"
                    + " objective, but the study has " + what + "; use one of " + multiObjectiveSamplers());
        }
        if (!prunerSupports(pruner)) {
            throw new SpecException(Section.prefix(file) + "pruner.type: '" + pruner.type() + "' judges a single"
                    + " objective, but the study has " + what + "; use one of " + multiObjectivePruners()
                    + " (pareto_asha prunes trials dominated at a rung)");
        }
    }

    private static boolean samplerSupports(String type, List<Map<String, Object>> grid) {
        try {
            Sampler sampler = StrategyRegistry.sampler(type, Map.of(), StrategyContext.of(0).withGrid(grid));
            return sampler.supportsMultiObjective();
        } catch (IllegalArgumentException e) {
            return true;   // it cannot be built without more: its own checks say so when the run builds it
        }
    }

    private static boolean prunerSupports(PrunerSpec spec) {
        try {
            return spec.build().supportsMultiObjective();
        } catch (IllegalArgumentException e) {
            return true;   // a bad option: the run's own build says so
        }
    }

    /** The sampler types that take several objectives. */
    static List<String> multiObjectiveSamplers() {
        return StrategyRegistry.samplerNames().stream().filter(t -> !t.equals("grid"))
                .filter(t -> samplerSupports(t, List.of())).toList();
    }

    /** The pruner types that take several objectives. */
    static List<String> multiObjectivePruners() {
        return StrategyRegistry.prunerNames().stream().filter(t -> prunerSupports(new PrunerSpec(t, 1, 27, 3,
                Map.of()))).toList();
    }
}
