package org.dl4jtuner.cli.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The model.space keys and their rules, and the conversion of each entry (a fixed value or
 * {@code {uniform|log_uniform|int|choice: ...}}) to a {@link ParameterSpace}.
 */
final class SpaceRules {
    private enum Kind { INT, FLOAT, NAME, ANY }

    private record Rule(Kind kind, double min, boolean minInclusive, double max, boolean maxInclusive, List<String> names,
            boolean odd) {
        String describe() {
            return switch (kind) {
                case NAME -> "one of " + String.join(", ", names);
                case ANY -> "a number, a name or true/false";
                default -> (kind == Kind.INT ? "an integer " : "a number ") + "in " + (minInclusive ? "[" : "(")
                        + trim(min) + ", " + (max == Double.POSITIVE_INFINITY ? "inf)" : trim(max) + (maxInclusive ? "]" : ")"))
                        + (odd ? ", odd" : "");
            };
        }

        boolean accepts(Object v) {
            if (kind == Kind.ANY) {
                return v instanceof Number || v instanceof String || v instanceof Boolean;
            }
            if (kind == Kind.NAME) {
                return v instanceof String s && names.contains(s);
            }
            if (!(v instanceof Number n) || kind == Kind.INT && !(v instanceof Integer)) {
                return false;
            }
            double d = n.doubleValue();
            boolean inRange = (minInclusive ? d >= min : d > min) && (maxInclusive ? d <= max : d < max);
            return inRange && (!odd || ((int) d) % 2 == 1);
        }

        private static String trim(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Map<String, Rule> COMMON = new LinkedHashMap<>();
    private static final Map<String, Rule> CNN_ONLY = new LinkedHashMap<>();

    static {
        COMMON.put("learning_rate", new Rule(Kind.FLOAT, 0, false, INF, false, List.of(), false));
        COMMON.put("batch_size", new Rule(Kind.INT, 1, true, INF, false, List.of(), false));
        COMMON.put("layers", new Rule(Kind.INT, 1, true, INF, false, List.of(), false));
        COMMON.put("units", new Rule(Kind.INT, 1, true, INF, false, List.of(), false));
        COMMON.put("dropout", new Rule(Kind.FLOAT, 0, true, 1, false, List.of(), false));
        COMMON.put("updater", new Rule(Kind.NAME, 0, true, 0, true, List.of("adam", "adam-hd", "nesterovs", "rmsprop",
                "sgd"), false));
        COMMON.put("l2", new Rule(Kind.FLOAT, 0, true, INF, false, List.of(), false));
        COMMON.put("activation", new Rule(Kind.NAME, 0, true, 0, true,
                List.of("relu", "tanh", "sigmoid", "elu", "leakyrelu", "swish", "gelu"), false));
        COMMON.put("hypergradient_lr", new Rule(Kind.FLOAT, 0, true, INF, false, List.of(), false));
        CNN_ONLY.put("filters", new Rule(Kind.INT, 1, true, INF, false, List.of(), false));
        CNN_ONLY.put("kernel", new Rule(Kind.INT, 1, true, INF, false, List.of(), true));
    }

    private SpaceRules() {
    }

    /** The built-in space keys of a family (mlp, cnn or lstm), each with its rule as messages state it. */
    static Map<String, String> rules(String family) {
        Map<String, String> rules = new LinkedHashMap<>();
        COMMON.forEach((k, r) -> rules.put(k, r.describe()));
        if (family.equals("cnn")) {
            CNN_ONLY.forEach((k, r) -> rules.put(k, r.describe()));
        }
        return rules;
    }

    private static final Rule FREE = new Rule(Kind.ANY, -INF, false, INF, false, List.of(), false);
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    /**
     * A custom network's space: any parameter name (letters, digits, '_', '.', '-'), each a fixed
     * number, name or boolean, or a range; the network class gives them their meaning.
     */
    static Map<String, ParameterSpace> parseFree(Section space) {
        Map<String, ParameterSpace> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : space.values().entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) {
                throw space.error(e.getKey(), "a parameter name is a letter or '_' then up to 63 letters, digits, '_',"
                        + " '.' or '-'");
            }
            Object value = e.getValue();
            if (e.getKey().equals("batch_size")) {
                result.put(e.getKey(), entry(space, e.getKey(), value, COMMON.get("batch_size")));
            } else if (value instanceof Map<?, ?> range && (range.containsKey("int") || range.containsKey("uniform")
                    || range.containsKey("log_uniform"))) {
                result.put(e.getKey(), entry(space, e.getKey(), value,
                        new Rule(range.containsKey("int") ? Kind.INT : Kind.FLOAT, -INF, false, INF, false, List.of(), false)));
            } else {
                result.put(e.getKey(), entry(space, e.getKey(), value, FREE));
            }
        }
        return result;
    }

    static Map<String, ParameterSpace> parse(Section space, String family) {
        Map<String, Rule> rules = new LinkedHashMap<>(COMMON);
        if (family.equals("cnn")) {
            rules.putAll(CNN_ONLY);
        }
        space.allowOnly(new LinkedHashSet<>(rules.keySet()));
        Map<String, ParameterSpace> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : space.values().entrySet()) {
            result.put(e.getKey(), entry(space, e.getKey(), e.getValue(), rules.get(e.getKey())));
        }
        return result;
    }

    private static ParameterSpace entry(Section space, String key, Object value, Rule rule) {
        if (!(value instanceof Map<?, ?>)) {
            check(space, key, value, rule);
            return ParameterSpace.fixed(value);
        }
        Section range = Section.of(null, "", value);
        Set<String> forms = new LinkedHashSet<>(List.of("uniform", "log_uniform", "int", "choice"));
        List<String> given = new ArrayList<>();
        for (String k : range.values().keySet()) {
            if (forms.contains(k)) {
                given.add(k);
            } else if (!k.equals("log")) {
                String hint = Rules.suggestion(k, forms);
                throw space.error(key, "unknown range '" + k + "'" + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                        + "; write one of {uniform: [a, b]}, {log_uniform: [a, b]}, {int: [a, b]}, {choice: [...]}");
            }
        }
        if (given.size() != 1) {
            throw space.error(key, "expected exactly one of uniform, log_uniform, int, choice, but got " + given);
        }
        String form = given.get(0);
        if (range.has("log") && !form.equals("int")) {
            throw space.error(key, "'log' goes with {int: [a, b]} only; use log_uniform for floats");
        }
        Object body = range.raw(form);
        if (form.equals("choice")) {
            if (!(body instanceof List<?> list) || list.isEmpty()) {
                throw space.error(key, "choice needs a non-empty list, but got " + Section.show(body));
            }
            for (Object choice : list) {
                check(space, key, choice, rule);
            }
            return ParameterSpace.choice(list);
        }
        if (rule.kind == Kind.NAME || rule.kind == Kind.ANY) {
            throw space.error(key, "takes a name (" + rule.describe() + "); use {choice: [...]} to search it");
        }
        if (!(body instanceof List<?> ends) || ends.size() != 2 || !(ends.get(0) instanceof Number)
                || !(ends.get(1) instanceof Number)) {
            throw space.error(key, form + " needs [low, high], but got " + Section.show(body));
        }
        double low = ((Number) ends.get(0)).doubleValue();
        double high = ((Number) ends.get(1)).doubleValue();
        if (low > high) {
            throw space.error(key, "low <= high must hold, but got " + form + ": [" + ends.get(0) + ", " + ends.get(1) + "]");
        }
        if (form.equals("int")) {
            if (!(ends.get(0) instanceof Integer) || !(ends.get(1) instanceof Integer)) {
                throw space.error(key, "int needs whole numbers, but got " + Section.show(body));
            }
            check(space, key, ends.get(0), rule);
            check(space, key, ends.get(1), rule);
            boolean log = range.bool("log", false);
            if (log && low < 1) {
                throw space.error(key, "a log-scaled int range needs low >= 1, but got " + ends.get(0));
            }
            return log ? ParameterSpace.intLogRange((int) low, (int) high) : ParameterSpace.intRange((int) low, (int) high);
        }
        if (rule.kind == Kind.INT) {
            throw space.error(key, "takes whole numbers; use {int: [a, b]} instead of " + form);
        }
        check(space, key, low, rule);
        check(space, key, high, rule);
        if (form.equals("log_uniform")) {
            if (low <= 0) {
                throw space.error(key, "log_uniform needs low > 0, but got " + ends.get(0));
            }
            return ParameterSpace.logUniform(low, high);
        }
        return ParameterSpace.uniform(low, high);
    }

    private static void check(Section space, String key, Object value, Rule rule) {
        if (!rule.accepts(value)) {
            throw space.error(key, Section.show(value) + " breaks the rule: expected " + rule.describe());
        }
    }
}
