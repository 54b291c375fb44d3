package org.dl4jtuner.tuner.util;

/**
 * Argument checks whose messages name the field, the value and the rule, e.g.
 * {@code "eta >= 2 must hold, but got eta=1"}.
 */
public final class Requires {
    private Requires() {
    }

    /** Throws IllegalArgumentException with {@code message} unless {@code condition} holds. */
    public static void argument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** As {@link #argument(boolean, String)}, building the message only when the check fails. */
    public static void argument(boolean condition, java.util.function.Supplier<String> message) {
        if (!condition) {
            throw new IllegalArgumentException(message.get());
        }
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " >= " + min + " must hold, but got " + name + "=" + value);
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " >= " + min + " must hold, but got " + name + "=" + value);
        }
        return value;
    }

    /** Requires a finite {@code value}. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, but got " + name + "=" + value);
        }
        return value;
    }

    /** Requires {@code low <= value <= high}. */
    public static double inRange(String name, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(low + " <= " + name + " <= " + high + " must hold, but got " + name + "="
                    + value);
        }
        return value;
    }

    /** Requires a non-null, non-blank name. */
    public static String name(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string, but got " + quote(value));
        }
        return value;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
