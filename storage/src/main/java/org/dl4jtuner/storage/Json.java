package org.dl4jtuner.storage;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.DistributionJson;

/**
 * The JSON forms storage keeps: attribute and parameter values (plain data; NaN and infinities
 * allowed) and distributions, in the one form {@link DistributionJson} gives them.
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
        return write(DistributionJson.toJson(d));
    }

    static Distribution readDistribution(String json) {
        if (!(read(json) instanceof Map<?, ?> m)) {
            throw new IllegalStateException("storage holds a distribution that is not a JSON object: " + json);
        }
        try {
            return DistributionJson.fromJson(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("storage holds a distribution it cannot read, " + json + ": "
                    + e.getMessage(), e);
        }
    }
}
