package org.dl4jtuner.tuner.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of a distribution, as plain data (maps, lists, numbers, strings) that any
 * JSON writer can print: storage keeps it, the dashboard serves it, benchmarks export it.
 * <pre>{@code
 * {"type":"float","low":0.0,"high":1.0,"log":false,"step":null}
 * {"type":"int","low":1,"high":9,"log":false,"step":2}
 * {"type":"categorical","choices":["relu","tanh"]}
 * }</pre>
 * Keys keep this order, so the printed text is the same byte for byte on every write; databases
 * already hold it in this form.
 * <pre>{@code
 * Map<String, Object> json = DistributionJson.toJson(IntDistribution.of(1, 9));
 * Distribution back = DistributionJson.fromJson(json);   // equals IntDistribution.of(1, 9)
 * }</pre>
 */
public final class DistributionJson {
    private DistributionJson() {
    }

    /** The JSON form of {@code d}: a new, ordered, mutable map. */
    public static Map<String, Object> toJson(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d instanceof FloatDistribution f) {
            m.put("type", "float");
            m.put("low", f.low());
            m.put("high", f.high());
            m.put("log", f.log());
            m.put("step", f.step());
        } else if (d instanceof IntDistribution i) {
            m.put("type", "int");
            m.put("low", i.low());
            m.put("high", i.high());
            m.put("log", i.log());
            m.put("step", i.step());
        } else {
            m.put("type", "categorical");
            m.put("choices", ((CategoricalDistribution) d).choices());
        }
        return m;
    }

    /**
     * The distribution a JSON form describes. A missing {@code log} is false, a missing
     * {@code step} is none (float) or 1 (int).
     *
     * @throws IllegalArgumentException when the form is not one of the three above
     */
    public static Distribution fromJson(Map<?, ?> m) {
        Object type = m.get("type");
        if ("float".equals(type)) {
            return new FloatDistribution(number(m, "low"), number(m, "high"), Boolean.TRUE.equals(m.get("log")),
                    m.get("step") == null ? null : number(m, "step"));
        }
        if ("int".equals(type)) {
            return new IntDistribution(whole(m, "low"), whole(m, "high"), Boolean.TRUE.equals(m.get("log")),
                    m.get("step") == null ? 1 : whole(m, "step"));
        }
        if ("categorical".equals(type)) {
            if (!(m.get("choices") instanceof List<?> choices)) {
                throw new IllegalArgumentException("a categorical distribution needs a list 'choices', but got " + m);
            }
            return new CategoricalDistribution(new ArrayList<>(choices));
        }
        throw new IllegalArgumentException("type must be float, int or categorical, but got " + m);
    }

    private static double number(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' must be a number, but got " + m);
        }
        return n.doubleValue();
    }

    private static int whole(Map<?, ?> m, String key) {
        double v = number(m, key);
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, but got " + m);
        }
        return (int) v;
    }
}
