package org.dl4jtuner.tuner.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strategy's option values after {@link StrategyDescription#validate}: every given value obeys its
 * option's rule, and every omitted option holds its fixed default or, for a described default,
 * nothing ({@link #has} is false and the factory works the default out from the context).
 */
public final class OptionValues {
    private final String owner;
    private final Map<String, Object> values;

    OptionValues(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the option has a value, given or a fixed default. */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** An INTEGER option's value. */
    public int integer(String name) {
        return (Integer) get(name);
    }

    /** A NUMBER option's value. */
    public double number(String name) {
        return (Double) get(name);
    }

    /** A BOOLEAN option's value. */
    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    /** A TEXT option's value. */
    public String text(String name) {
        return (String) get(name);
    }

    /** The values by option name, in declaration order; options without a value are left out. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(owner + "." + name + " has no value and no fixed default");
        }
        return v;
    }

    @Override
    public String toString() {
        return owner + values;
    }
}
