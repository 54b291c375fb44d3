package org.dl4jtuner.tuner.strategy;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * One option of a sampler or pruner: its name, type, default, rule and a one-line help. The rule
 * is checked by {@link #problem(Object)}, whose message names the rule and the value; the YAML
 * parser and {@link StrategyRegistry} both report through it.
 *
 * <pre>{@code
 * Option o = Option.integer("startup_trials", 10, 0, "random trials before the model is used");
 * o.rule();          // "an integer >= 0"
 * o.problem(-1);     // "expected an integer >= 0, but got -1"
 * o.problem(5);      // null
 * }</pre>
 *
 * @param name         the option's name, as written in YAML and in a Java options map
 * @param type         the value's type
 * @param defaultValue the value an omitted option takes, or null when it is described instead
 *                     (it then depends on the context or the search space)
 * @param defaultText  the default as documented, e.g. {@code "10"} or {@code "4 + 3 ln d"}
 * @param min          the smallest value allowed (INTEGER, NUMBER)
 * @param max          the largest value allowed (INTEGER, NUMBER; +inf for none)
 * @param minOpen      whether min itself is excluded (NUMBER)
 * @param maxOpen      whether max itself is excluded (NUMBER)
 * @param help         what the option does, in one line
 * @param recordedAs   the key under which the strategy's {@code settings()} records the value
 */
public record Option(String name, OptionType type, Object defaultValue, String defaultText, double min, double max,
        boolean minOpen, boolean maxOpen, String help, String recordedAs) {

    private static final int SHOWN = 200;

    /** Validates that the description is complete and that a fixed default obeys the rule. */
    public Option {
        if (name == null || name.isBlank() || type == null || defaultText == null || defaultText.isBlank() || help == null
                || help.isBlank() || recordedAs == null || recordedAs.isBlank() || !(min <= max)) {
            throw new IllegalArgumentException("an option needs a name, type, default text, help, settings key and"
                    + " min <= max, but got " + name + ", " + type + ", " + defaultText + ", " + help + ", " + recordedAs
                    + ", min=" + min + ", max=" + max);
        }
        if (defaultValue != null) {
            String problem = problem(type, min, max, minOpen, maxOpen, defaultValue);
            if (problem != null) {
                throw new IllegalArgumentException(name + ": the default " + problem);
            }
            defaultValue = normalize(type, defaultValue);
        }
    }

    /** An integer option {@code >= min} with a fixed default. */
    public static Option integer(String name, int defaultValue, int min, String help) {
        return new Option(name, OptionType.INTEGER, defaultValue, Integer.toString(defaultValue), min,
                Double.POSITIVE_INFINITY, false, false, help, name);
    }

    /** An integer option {@code >= min} whose default is described, e.g. {@code "4 + 3 ln d"}. */
    public static Option integer(String name, String describedDefault, int min, String help) {
        return new Option(name, OptionType.INTEGER, null, describedDefault, min, Double.POSITIVE_INFINITY, false, false,
                help, name);
    }

    /** A number option between min and max (each excluded where minOpen or maxOpen says so) with a fixed default. */
    public static Option number(String name, double defaultValue, String defaultText, double min, double max,
            boolean minOpen, boolean maxOpen, String help) {
        return new Option(name, OptionType.NUMBER, defaultValue, defaultText, min, max, minOpen, maxOpen, help, name);
    }

    /** A number option in [min, max] whose default is described. */
    public static Option number(String name, String describedDefault, double min, double max, String help) {
        return new Option(name, OptionType.NUMBER, null, describedDefault, min, max, false, false, help, name);
    }

    /** A true/false option with a fixed default. */
    public static Option bool(String name, boolean defaultValue, String help) {
        return new Option(name, OptionType.BOOLEAN, defaultValue, Boolean.toString(defaultValue), 0, 0, false, false,
                help, name);
    }

    /** A true/false option whose default is described, e.g. {@code "true when parallel > 1"}. */
    public static Option bool(String name, String describedDefault, String help) {
        return new Option(name, OptionType.BOOLEAN, null, describedDefault, 0, 0, false, false, help, name);
    }

    /** A text option with a fixed default. */
    public static Option text(String name, String defaultValue, String help) {
        return new Option(name, OptionType.TEXT, defaultValue, defaultValue, 0, 0, false, false, help, name);
    }

    /** This option, recorded in the strategy's settings under {@code key} instead of its name. */
    public Option recordedAs(String key) {
        return new Option(name, type, defaultValue, defaultText, min, max, minOpen, maxOpen, help, key);
    }

    /** What a value must be, e.g. {@code "an integer >= 0"} or {@code "a number in (0, 1]"}. */
    public String rule() {
        return rule(type, min, max, minOpen, maxOpen);
    }

    /** Why {@code value} breaks the rule ({@code "expected RULE, but got VALUE"}), or null when it obeys it. */
    public String problem(Object value) {
        return problem(type, min, max, minOpen, maxOpen, value);
    }

    /** {@code value}, which obeys the rule, as the factory reads it: Integer, Double, Boolean or String. */
    public Object normalize(Object value) {
        return normalize(type, value);
    }

    /** The rule text for a type and bounds; integers and numbers state their bounds. */
    public static String rule(OptionType type, double min, double max, boolean minOpen, boolean maxOpen) {
        return switch (type) {
            case INTEGER -> max == Double.POSITIVE_INFINITY ? "an integer >= " + show(Math.ceil(min))
                    : "an integer in [" + show(Math.ceil(min)) + ", " + show(Math.floor(max)) + "]";
            case NUMBER -> max == Double.POSITIVE_INFINITY ? "a number " + (minOpen ? "> " : ">= ") + show(min)
                    : "a number in " + (minOpen ? "(" : "[") + show(min) + ", " + show(max) + (maxOpen ? ")" : "]");
            case BOOLEAN -> "true or false";
            case TEXT -> "a non-empty string";
        };
    }

    /**
     * Why {@code value} breaks the rule of a type and bounds ({@code "expected RULE, but got VALUE"}),
     * or null when it obeys it. Integers must be whole numbers that fit an int; numbers must be finite.
     */
    public static String problem(OptionType type, double min, double max, boolean minOpen, boolean maxOpen,
            Object value) {
        return problem(type, min, max, minOpen, maxOpen, value, Option::showValue);
    }

    /** As {@link #problem(OptionType, double, double, boolean, boolean, Object)}, showing the value with {@code show}. */
    public static String problem(OptionType type, double min, double max, boolean minOpen, boolean maxOpen,
            Object value, Function<Object, String> show) {
        boolean ok = switch (type) {
            case INTEGER -> isInt(value) && ((Number) value).intValue() >= min && ((Number) value).intValue() <= max;
            case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue())
                    && (minOpen ? n.doubleValue() > min : n.doubleValue() >= min)
                    && (maxOpen ? n.doubleValue() < max : n.doubleValue() <= max);
            case BOOLEAN -> value instanceof Boolean;
            case TEXT -> value instanceof String s && !s.isBlank();
        };
        return ok ? null : "expected " + rule(type, min, max, minOpen, maxOpen) + ", but got " + show.apply(value);
    }

    /** A number without trailing zeros: 1, 0.25, 0.000001. */
    public static String show(double d) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static boolean isInt(Object v) {
        return (v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE);
    }

    private static Object normalize(OptionType type, Object value) {
        return switch (type) {
            case INTEGER -> ((Number) value).intValue();
            case NUMBER -> ((Number) value).doubleValue();
            case BOOLEAN, TEXT -> value;
        };
    }

    /** Strings quoted, maps and lists by their size only (a message never prints a whole data set). */
    private static String showValue(Object v) {
        if (v instanceof java.util.Map<?, ?> m) {
            return "a map of " + m.size() + " entries";
        }
        if (v instanceof java.util.Collection<?> c) {
            return "a list of " + c.size() + " values";
        }
        String s = v instanceof String str ? "\"" + str + "\"" : String.valueOf(v);
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "..." : s;
    }
}
