package org.dl4jtuner.cli.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One map of the YAML document with its key path, offering typed reads whose errors name the
 * file, the key path, the value and the rule.
 */
final class Section {
    private final String file;
    private final String path;
    private final Map<String, Object> values;

    Section(String file, String path, Map<String, Object> values) {
        this.file = file;
        this.path = path;
        this.values = values;
    }

    /** A section from a YAML value that must be a map (null gives an empty section). */
    static Section of(String file, String path, Object value) {
        if (value == null) {
            return new Section(file, path, Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new SpecException(prefix(file) + (path.isEmpty() ? "the spec" : path)   // "" is the document itself
                    + ": expected a map of keys, but got " + show(value));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return new Section(file, path, copy);
    }

    static String prefix(String file) {
        return file == null ? "" : file + ": ";
    }

    String where(String key) {
        return prefix(file) + (path.isEmpty() ? key : path + "." + key);
    }

    SpecException error(String key, String message) {
        return new SpecException(where(key) + ": " + message);
    }

    /** An error whose message names its key path itself, e.g. "data.folds: ..." from a validating record. */
    SpecException error(String messageWithKeyPath) {
        return new SpecException(prefix(file) + messageWithKeyPath);
    }

    Map<String, Object> values() {
        return values;
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    void allowOnly(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                String hint = Rules.suggestion(key, known);
                throw new SpecException(prefix(file) + "unknown key '" + key + "' "
                        + (path.isEmpty() ? "at the top level" : "in " + path)
                        + (hint != null ? " (did you mean '" + hint + "'?)" : "") + "; known keys: "
                        + String.join(", ", known instanceof java.util.LinkedHashSet<?> ? known : new TreeSet<>(known)));
            }
        }
    }

    void require(String key) {
        if (!has(key)) {
            throw error(key, "is required");
        }
    }

    Section section(String key) {
        return of(file, path.isEmpty() ? key : path + "." + key, values.get(key));
    }

    String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw error(key, "expected a non-empty string, but got " + show(v));
    }

    String oneOf(String key, List<String> allowed, String fallback) {
        String v = string(key, fallback);
        if (v != null && !allowed.contains(v)) {
            String hint = Rules.suggestion(v, allowed);
            throw error(key, "'" + v + "' is not one of " + String.join(", ", allowed)
                    + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
        }
        return v;
    }

    int integer(String key, int fallback, int min) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer i) || i < min) {
            throw error(key, "expected an integer >= " + min + ", but got " + show(v));
        }
        return i;
    }

    long longValue(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw error(key, "expected an integer, but got " + show(v));
    }

    double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw error(key, "expected a number, but got " + show(v));
    }

    double fraction(String key, double fallback, boolean zeroAllowed, boolean oneAllowed) {
        double v = number(key, fallback);
        boolean ok = (zeroAllowed ? v >= 0 : v > 0) && (oneAllowed ? v <= 1 : v < 1);
        if (!ok) {
            throw error(key, v + " is outside " + (zeroAllowed ? "[0" : "(0") + ", 1" + (oneAllowed ? "]" : ")"));
        }
        return v;
    }

    boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(key, "expected true or false, but got " + show(v));
    }

    /** A value as messages show it, cut after about {@value #SHOWN} characters however large the value is. */
    static String show(Object v) {
        StringBuilder b = new StringBuilder();
        if (v instanceof Map<?, ?>) {
            b.append("a map ");
        } else if (v instanceof List<?>) {
            b.append("a list ");
        }
        render(v, b, b.length() + SHOWN);
        return b.toString();
    }

    private static final int SHOWN = 200;

    /** Appends {@code v} to {@code b} until {@code end} characters, then "..."; never builds the whole text. */
    private static void render(Object v, StringBuilder b, int end) {
        if (b.length() >= end) {
            return;
        }
        if (v instanceof Map<?, ?> map) {
            b.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(sep);
                render(e.getKey(), b, end);
                b.append('=');
                render(e.getValue(), b, end);
                sep = ", ";
                if (b.length() >= end) {
                    break;
                }
            }
            b.append('}');
        } else if (v instanceof List<?> list) {
            b.append('[');
            String sep = "";
            for (Object o : list) {
                b.append(sep);
                render(o, b, end);
                sep = ", ";
                if (b.length() >= end) {
                    break;
                }
            }
            b.append(']');
        } else {
            String text = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
            b.append(text, 0, Math.min(text.length(), Math.max(0, end - b.length())));
        }
        if (b.length() >= end && !b.toString().endsWith("...")) {
            b.setLength(Math.min(b.length(), end));
            b.append("...");
        }
    }
}
