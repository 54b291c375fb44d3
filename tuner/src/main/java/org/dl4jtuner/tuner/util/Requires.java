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

    /** Requires {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        argument(value >= min, name + " >= " + min + " must hold, but got " + name + "=" + value);
        return value;
    }

    /** Requires {@code value >= min}. */
    public static long atLeast(String name, long value, long min) {
        argument(value >= min, name + " >= " + min + " must hold, but got " + name + "=" + value);
        return value;
    }

    /** Requires a finite {@code value}. */
    public static double finite(String name, double value) {
        argument(Double.isFinite(value), name + " must be finite, but got " + name + "=" + value);
        return value;
    }

    /** Requires {@code low <= value <= high}. */
    public static double inRange(String name, double value, double low, double high) {
        argument(value >= low && value <= high,
                low + " <= " + name + " <= " + high + " must hold, but got " + name + "=" + value);
        return value;
    }

    /** Requires a non-null, non-blank name. */
    public static String name(String what, String value) {
        argument(value != null && !value.isBlank(), what + " must be a non-empty string, but got " + quote(value));
        return value;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
