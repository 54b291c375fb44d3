package org.dl4jtuner.cli.spec;

import java.util.List;

import org.dl4jtuner.tuner.strategy.Option;
import org.dl4jtuner.tuner.strategy.OptionType;

/**
 * One key a study spec accepts: its qualified name, type, default and rule, declared once in
 * {@link SpecKeys}; a sampler's or pruner's options come from the core's
 * {@link org.dl4jtuner.tuner.strategy.StrategyRegistry} through {@link #of}. The parser's lists of
 * allowed keys, the options' defaults and checks, and the test that holds {@code docs/spec.md} to
 * the parser all read these.
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

    /** The key {@code section.name} of a sampler's or pruner's option, as the core's registry declares it. */
    public static SpecKey of(String section, Option option) {
        Kind kind = switch (option.type()) {
            case INTEGER -> Kind.INT;
            case NUMBER -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOL;
            case TEXT -> Kind.TEXT;
        };
        return new SpecKey(section + "." + option.name(), kind, option.min(), option.max(), option.minOpen(),
                option.maxOpen(), option.defaultValue(), option.defaultText(), option.rule(), option.help());
    }

    /** An integer key with a fixed default and a lower bound. */
    static SpecKey integer(String key, Integer defaultValue, int min, String description) {
        return new SpecKey(key, Kind.INT, min, Double.POSITIVE_INFINITY, false, false, defaultValue,
                defaultValue == null ? "-" : defaultValue.toString(), rule(Kind.INT, min, Double.POSITIVE_INFINITY, false,
                        false), description);
    }

    /** An integer key whose default depends on other keys, shown as {@code defaultText}. */
    static SpecKey integer(String key, String defaultText, int min, String description) {
        return new SpecKey(key, Kind.INT, min, Double.POSITIVE_INFINITY, false, false, null, defaultText,
                rule(Kind.INT, min, Double.POSITIVE_INFINITY, false, false), description);
    }

    /** A number key in [min, max] with a fixed default. */
    static SpecKey number(String key, double defaultValue, String defaultText, double min, double max, String description) {
        return number(key, defaultValue, defaultText, min, max, false, false, description);
    }

    /** A number key between min and max, each excluded where minOpen or maxOpen says so, with a fixed default. */
    static SpecKey number(String key, double defaultValue, String defaultText, double min, double max, boolean minOpen,
            boolean maxOpen, String description) {
        return new SpecKey(key, Kind.NUMBER, min, max, minOpen, maxOpen, defaultValue, defaultText,
                rule(Kind.NUMBER, min, max, minOpen, maxOpen), description);
    }

    /** A number key between min and max whose default depends on other things, shown as {@code defaultText}. */
    static SpecKey number(String key, String defaultText, double min, double max, boolean minOpen, boolean maxOpen,
            String description) {
        return new SpecKey(key, Kind.NUMBER, min, max, minOpen, maxOpen, null, defaultText,
                rule(Kind.NUMBER, min, max, minOpen, maxOpen), description);
    }

    /** A true/false key. */
    static SpecKey bool(String key, Boolean defaultValue, String defaultText, String description) {
        return new SpecKey(key, Kind.BOOL, 0, 0, false, false, defaultValue, defaultText, rule(Kind.BOOL, 0, 0, false,
                false), description);
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
     * wrong type or outside the rule is a {@link SpecException} naming the key, the value and the
     * rule, checked by the same code as the core's strategy options ({@link Option#problem}).
     */
    Object read(Section s) {
        String name = name();
        if (!s.has(name)) {
            return defaultValue;
        }
        OptionType type = type();
        if (type == OptionType.TEXT && !rule.equals(Option.rule(type, min, max, minOpen, maxOpen))) {
            throw new IllegalStateException(key + " is read by the parser's own code");
        }
        Object v = s.raw(name);
        String problem = Option.problem(type, min, max, minOpen, maxOpen, v, Section::show);
        if (problem != null) {
            throw s.error(name, problem);
        }
        return type == OptionType.INTEGER ? (Object) ((Number) v).intValue()
                : type == OptionType.NUMBER ? (Object) ((Number) v).doubleValue() : v;
    }

    private OptionType type() {
        return switch (kind) {
            case INT -> OptionType.INTEGER;
            case NUMBER -> OptionType.NUMBER;
            case BOOL -> OptionType.BOOLEAN;
            case TEXT -> OptionType.TEXT;
        };
    }

    private static String rule(Kind kind, double min, double max, boolean minOpen, boolean maxOpen) {
        OptionType type = kind == Kind.INT ? OptionType.INTEGER : kind == Kind.NUMBER ? OptionType.NUMBER
                : OptionType.BOOLEAN;
        return Option.rule(type, min, max, minOpen, maxOpen);
    }

    /** The local names of {@code keys}, in order, for {@code Section.allowOnly}. */
    static java.util.Set<String> names(List<SpecKey> keys) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        keys.forEach(k -> names.add(k.name()));
        return names;
    }
}
