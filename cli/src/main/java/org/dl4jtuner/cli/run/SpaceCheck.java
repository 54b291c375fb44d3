package org.dl4jtuner.cli.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.dl4jtuner.cli.spec.StudySpec;

/**
 * The part of a spec that a resumed study must keep: the model family and its search space,
 * stored with the study (study attribute {@value #ATTR}) and compared key by key on resume.
 */
final class SpaceCheck {
    static final String ATTR = "search_space";

    private SpaceCheck() {
    }

    /** The spec's search space as plain data. */
    static Map<String, Object> of(StudySpec spec) {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("model.type", spec.model().type());
        if (spec.model().isCustom()) {
            space.put("model.class", spec.model().className());
        }
        spec.model().space().forEach((key, value) -> space.put("model.space." + key, describe(value)));
        return space;
    }

    private static String describe(org.dl4jtuner.tuner.space.ParameterSpace value) {
        return String.valueOf(value);
    }

    /** The differences between the stored space and the spec's, one line each; empty when they match. */
    static List<String> differences(Object stored, Map<String, Object> current) {
        List<String> lines = new ArrayList<>();
        if (!(stored instanceof Map<?, ?> before)) {
            return lines;
        }
        TreeSet<String> keys = new TreeSet<>();
        before.keySet().forEach(k -> keys.add(String.valueOf(k)));
        keys.addAll(current.keySet());
        for (String key : keys) {
            Object was = before.get(key);
            Object now = current.get(key);
            if (!Objects.equals(String.valueOf(was), String.valueOf(now))) {
                if (was == null) {
                    lines.add(key + ": added (" + now + ")");
                } else if (now == null) {
                    lines.add(key + ": removed (was " + was + ")");
                } else {
                    lines.add(key + ": was " + was + ", now " + now);
                }
            }
        }
        return lines;
    }
}
