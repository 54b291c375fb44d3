package org.dl4jtuner.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;

/**
 * The JSON forms storage keeps: attribute and parameter values (plain data; NaN and infinities
 * allowed) and distributions ({@code {"type":"float","low":..,"high":..,"log":..,"step":..}},
 * {@code {"type":"int",...}}, {@code {"type":"categorical","choices":[...]}}).
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("storage holds malformed JSON '" + json + "': " + e.getOriginalMessage(), e);
        }
    }

    static String writeDistribution(Distribution d) {
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
        return write(m);
    }

    static Distribution readDistribution(String json) {
        if (!(read(json) instanceof Map<?, ?> m)) {
            throw new IllegalStateException("storage holds a distribution that is not a JSON object: " + json);
        }
        return switch (String.valueOf(m.get("type"))) {
            case "float" -> new FloatDistribution(number(m, "low"), number(m, "high"), Boolean.TRUE.equals(m.get("log")),
                    m.get("step") == null ? null : number(m, "step"));
            case "int" -> new IntDistribution((int) number(m, "low"), (int) number(m, "high"),
                    Boolean.TRUE.equals(m.get("log")), (int) number(m, "step"));
            case "categorical" -> new CategoricalDistribution(new ArrayList<>((List<?>) m.get("choices")));
            default -> throw new IllegalStateException("storage holds a distribution of unknown type: " + json);
        };
    }

    private static double number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
