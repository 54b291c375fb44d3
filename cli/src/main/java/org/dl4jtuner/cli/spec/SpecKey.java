package org.dl4jtuner.cli.spec;

import java.util.List;

/**
 * One key a study spec accepts: its qualified name, type, default and rule, declared once in
 * {@link SpecKeys}. The parser's lists of allowed keys, the sampler and pruner options' defaults
 * and checks, and the test that holds {@code docs/spec.md} to the parser all read these.
 *
 * <pre>{@code
 * SpecKey k = SpecKey.integer("sampler.tpe.startup_trials", 10, 0, "random trials before the model is used");
 * k.name();          // "startup_trials"
 * k.defaultText();   // "10"
 * k.rule();          // "an integer >= 0"
 * }</pre>
 *
 * @param key          the qualified key, e.g. {@code pruner.median.warmup_trials} or {@code data.folds}
 * @param kind         how the parser reads the value
 * @param min          the smallest value allowed (INT, NUMBER)
 * @param max          the largest value allowed (NUMBER; +inf for none)
 * @param minOpen      for NUMBER: whether min itself is excluded
 * @param maxOpen      for NUMBER: whether max itself is excluded
 * @param defaultValue the value an omitted key takes, or null when it has none or depends on other keys
 * @param defaultText  the default as the reference shows it ({@code "-"} for a required key or no default)
 * @param rule         what a value must be
 * @param description  what the key does, in one line
 */
public record SpecKey(String key, Kind kind, double min, double max, boolean minOpen, boolean maxOpen,
        Object defaultValue, String defaultText, String rule, String description) {

    /** How a value is read; TEXT keys are read by the parser's own code (names, paths, durations, maps). */
    public enum Kind { INT, NUMBER, BOOL, TEXT }

    /** Validates that the declaration is complete. */
    public SpecKey {
        if (key == null || !key.matches("[a-z_]+(\\.[a-z0-9_-]+)+") || kind == null || defaultText == null
                || defaultText.isBlank() || rule == null || rule.isBlank() || description == null || description.isBlank()) {
            throw new IllegalArgumentException("a spec key needs a qualified key, kind, default text, rule and"
                    + " description, but got " + key + ", " + kind + ", " + defaultText + ", " + rule + ", " + description);
        }
    }

    /** An integer key with a fixed default and a lower bound. */
    static SpecKey integer(String key, Integer defaultValue, int min, String description) {
        return new SpecKey(key, Kind.INT, min, Double.POSITIVE_INFINITY, false, false, defaultValue,
                defaultValue == null ? "-" : defaultValue.toString(), "an integer >= " + min, description);
    }

    /** An integer key whose default depends on other keys, shown as {@code defaultText}. */
    static SpecKey integer(String key, String defaultText, int min, String description) {
        return new SpecKey(key, Kind.INT, min, Double.POSITIVE_INFINITY, false, false, null, defaultText, "an integer >= " + min,
                description);
    }

    /** A number key in [min, max] with a fixed default. */
    static SpecKey number(String key, double defaultValue, String defaultText, double min, double max, String description) {
        return new SpecKey(key, Kind.NUMBER, min, max, false, false, defaultValue, defaultText, range(min, max, false, false),
                description);
    }

    /** A number key between min and max, each excluded where minOpen or maxOpen says so, with a fixed default. */
    static SpecKey number(String key, double defaultValue, String defaultText, double min, double max, boolean minOpen,
            boolean maxOpen, String description) {
        return new SpecKey(key, Kind.NUMBER, min, max, minOpen, maxOpen, defaultValue, defaultText,
                range(min, max, minOpen, maxOpen), description);
    }

    /** A number key in [min, max] whose default depends on other keys. */
    static SpecKey number(String key, String defaultText, double min, double max, String description) {
        return new SpecKey(key, Kind.NUMBER, min, max, false, false, null, defaultText, range(min, max, false, false), description);
    }

    /** A true/false key. */
    static SpecKey bool(String key, Boolean defaultValue, String defaultText, String description) {
        return new SpecKey(key, Kind.BOOL, 0, 0, false, false, defaultValue, defaultText, "true or false", description);
    }

    /** A key the parser reads itself (a name, path, duration or map). */
    static SpecKey text(String key, String defaultText, String rule, String description) {
        return new SpecKey(key, Kind.TEXT, 0, 0, false, false, null, defaultText, rule, description);
    }

    /** The last segment of the key, as written in YAML. */
    public String name() {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /**
     * The value of this key in {@code s}, or its default (null when it has none); a value of the
     * wrong type or outside the rule is a {@link SpecException} naming the key, the value and the rule.
     */
    Object read(Section s) {
        String name = name();
        if (!s.has(name)) {
            return defaultValue;
        }
        Object v = s.raw(name);
        switch (kind) {
            case INT -> {
                if (!(v instanceof Integer i) || i < min) {
                    throw s.error(name, "expected " + rule + ", but got " + Section.show(v));
                }
                return i;
            }
            case NUMBER -> {
                if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || !inRange(n.doubleValue())) {
                    throw s.error(name, "expected " + rule + ", but got " + Section.show(v));
                }
                return n.doubleValue();
            }
            case BOOL -> {
                if (!(v instanceof Boolean)) {
                    throw s.error(name, "expected true or false, but got " + Section.show(v));
                }
                return v;
            }
            default -> throw new IllegalStateException(key + " is read by the parser's own code");
        }
    }

    private boolean inRange(double d) {
        return (minOpen ? d > min : d >= min) && (maxOpen ? d < max : d <= max);
    }

    private static String range(double min, double max, boolean minOpen, boolean maxOpen) {
        if (max == Double.POSITIVE_INFINITY) {
            return "a number " + (minOpen ? "> " : ">= ") + trim(min);
        }
        return "a number in " + (minOpen ? "(" : "[") + trim(min) + ", " + trim(max) + (maxOpen ? ")" : "]");
    }

    static String trim(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** The local names of {@code keys}, in order, for {@code Section.allowOnly}. */
    static java.util.Set<String> names(List<SpecKey> keys) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        keys.forEach(k -> names.add(k.name()));
        return names;
    }
}
