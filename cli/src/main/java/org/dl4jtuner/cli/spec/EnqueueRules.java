package org.dl4jtuner.cli.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * Reads {@code study.enqueue}: configurations to evaluate before any sampled one, each checked
 * against {@code model.space}. A configuration names searched parameters only, each with a value
 * its range holds; the parameters it leaves out are sampled. For a family's per-layer sizes
 * ({@code units} of an MLP or LSTM, {@code filters} of a CNN) {@code units: 64} sets every layer and
 * {@code units_2: 64} the second one.
 */
final class EnqueueRules {
    private static final Pattern PER_LAYER = Pattern.compile("([a-z_]+)_([0-9]+)");

    private EnqueueRules() {
    }

    /** The configurations under {@code key} of {@code s}, as trial parameters; empty when absent. */
    static List<Map<String, Object>> parse(Section s, String key, ModelSpec model) {
        Object v = s.raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw s.error(key, "expected a list of configurations such as [{learning_rate: 0.001}], but got "
                    + Section.show(v));
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = key + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> config) || config.isEmpty()) {
                throw s.error(where, "expected a map from parameter to value such as {learning_rate: 0.001}, but got "
                        + Section.show(list.get(i)));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : config.entrySet()) {
                String name = String.valueOf(e.getKey());
                expand(s, where + "." + name, name, e.getValue(), model, params);
            }
            result.add(params);
        }
        return result;
    }

    /** Checks one parameter of a configuration and adds the trial parameters it stands for. */
    private static void expand(Section s, String where, String name, Object value, ModelSpec model,
            Map<String, Object> params) {
        Map<String, ParameterSpace> space = model.space();
        String perLayer = perLayerKey(model);
        ParameterSpace range = space.get(name);
        if (range != null) {
            if (range.isFixed()) {
                Object fixed = ((ParameterSpace.Fixed) range).value();
                if (!sameValue(fixed, value)) {
                    throw s.error(where, Section.show(value) + " differs from the value model.space fixes, "
                            + Section.show(fixed) + "; enqueue searched parameters only, or search " + name
                            + " in model.space");
                }
                return;
            }
            check(s, where, value, range);
            if (name.equals(perLayer)) {
                for (int layer = 1; layer <= maxLayers(space); layer++) {
                    params.put(name + "_" + layer, value);
                }
            } else {
                params.put(name, value);
            }
            return;
        }
        Matcher m = PER_LAYER.matcher(name);
        if (m.matches() && m.group(1).equals(perLayer) && space.get(perLayer) != null && !space.get(perLayer).isFixed()) {
            int layer = Integer.parseInt(m.group(2));
            int max = maxLayers(space);
            if (layer < 1 || layer > max) {
                throw s.error(where, "layer " + layer + " does not exist: 1 <= layer <= " + max
                        + " must hold (model.space.layers)");
            }
            check(s, where, value, space.get(perLayer));
            params.put(name, value);
            return;
        }
        if (model.isCustom()) {
            params.put(name, value);   // a parameter the custom class suggests itself; its range is the class's
            return;
        }
        List<String> searched = space.entrySet().stream().filter(e -> !e.getValue().isFixed()).map(Map.Entry::getKey)
                .toList();
        String hint = Rules.suggestion(name, space.keySet());
        throw s.error(where, "'" + name + "' is not a parameter model.space searches"
                + (hint != null ? " (did you mean '" + hint + "'?)" : "") + "; it searches "
                + (searched.isEmpty() ? "none" : String.join(", ", searched)));
    }

    /** The family's per-layer size: filters for a CNN, units for an MLP or LSTM, none for a custom class. */
    private static String perLayerKey(ModelSpec model) {
        return model.isCustom() ? null : model.type().equals("cnn") ? "filters" : "units";
    }

    private static int maxLayers(Map<String, ParameterSpace> space) {
        ParameterSpace layers = space.get("layers");
        if (layers instanceof ParameterSpace.IntRange r) {
            return r.high();
        }
        if (layers instanceof ParameterSpace.Choice c) {
            return c.choices().stream().filter(Number.class::isInstance).mapToInt(o -> ((Number) o).intValue()).max()
                    .orElse(1);
        }
        if (layers instanceof ParameterSpace.Fixed f && f.value() instanceof Number n) {
            return n.intValue();
        }
        return 2;   // the families' default layer count
    }

    private static void check(Section s, String where, Object value, ParameterSpace range) {
        String rule;
        boolean ok;
        if (range instanceof ParameterSpace.Uniform u) {
            rule = "a number in [" + u.low() + ", " + u.high() + "] (uniform)";
            ok = value instanceof Number n && n.doubleValue() >= u.low() && n.doubleValue() <= u.high();
        } else if (range instanceof ParameterSpace.LogUniform u) {
            rule = "a number in [" + u.low() + ", " + u.high() + "] (log_uniform)";
            ok = value instanceof Number n && n.doubleValue() >= u.low() && n.doubleValue() <= u.high();
        } else if (range instanceof ParameterSpace.IntRange r) {
            rule = "an integer in [" + r.low() + ", " + r.high() + "] (int)";
            ok = value instanceof Integer i && i >= r.low() && i <= r.high();
        } else {
            List<Object> choices = ((ParameterSpace.Choice) range).choices();
            rule = "one of " + choices + " (choice)";
            ok = choices.stream().anyMatch(c -> sameValue(c, value));
        }
        if (!ok) {
            throw s.error(where, Section.show(value) + " breaks the rule: expected " + rule + " as model.space says");
        }
    }

    private static boolean sameValue(Object a, Object b) {
        return Objects.equals(a, b) || a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }
}
