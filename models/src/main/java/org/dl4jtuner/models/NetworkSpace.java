package org.dl4jtuner.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.models.updater.AdamHd;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.dl4jtuner.tuner.util.Requires;

/**
 * An Arbiter-style declarative search space for a network family: each hyperparameter is a
 * fixed value or a {@link ParameterSpace}, and {@link #sample(Trial)} compiles them to
 * {@code trial.suggest*} calls. Per-layer sizes are conditional on the layer count: with
 * {@code layers} searched in 1..3 and {@code units} searched, a trial with two layers suggests
 * {@code units_1} and {@code units_2} only; likewise {@code hypergradient_lr} is suggested only by
 * trials whose updater is {@code adam-hd}. Omitted hyperparameters take the family's defaults.
 *
 * <pre>{@code
 * NetworkSpace space = NetworkSpace.builder(Family.MLP)
 *         .set("learning_rate", ParameterSpace.logUniform(1e-4, 1e-2))
 *         .set("layers", ParameterSpace.intRange(1, 3))
 *         .set("units", ParameterSpace.choice(64, 128, 256))
 *         .set("dropout", ParameterSpace.uniform(0.0, 0.5))
 *         .build();
 * HyperParameters hp = space.sample(trial);
 * }</pre>
 */
public final class NetworkSpace {
    /** Hyperparameters every family understands. */
    public static final Set<String> COMMON_KEYS = Set.of("learning_rate", "batch_size", "layers", "units", "dropout",
            "updater", "l2", "activation", "hypergradient_lr");
    /** Hyperparameters only CNNs understand. */
    public static final Set<String> CNN_KEYS = Set.of("filters", "kernel");

    private final Family family;
    private final Map<String, ParameterSpace> space;

    private NetworkSpace(Family family, Map<String, ParameterSpace> space) {
        this.family = family;
        this.space = space;
    }

    /** A builder for a family, starting from its defaults. */
    public static Builder builder(Family family) {
        return new Builder(family);
    }

    /** The family. */
    public Family family() {
        return family;
    }

    /** The hyperparameters with their spaces, defaults included. */
    public Map<String, ParameterSpace> space() {
        return Map.copyOf(space);
    }

    /** The family's default for each hyperparameter (the "untuned default network"). */
    public static Map<String, Object> defaults(Family family) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("learning_rate", 1e-3);
        d.put("batch_size", 64);
        d.put("layers", family == Family.LSTM ? 1 : 2);
        d.put("units", family == Family.MLP ? 128 : 64);
        d.put("dropout", 0.0);
        d.put("updater", "adam");
        d.put("l2", 0.0);
        d.put("activation", family == Family.LSTM ? "tanh" : "relu");
        d.put("hypergradient_lr", AdamHd.DEFAULT_HYPERGRADIENT_LEARNING_RATE);
        if (family == Family.CNN) {
            d.put("filters", 16);
            d.put("kernel", 3);
        }
        return d;
    }

    /** The hyperparameters of one trial: searched ones drawn through the trial, fixed ones as given. */
    public HyperParameters sample(Trial trial) {
        double lr = number(trial, "learning_rate").doubleValue();
        int batch = number(trial, "batch_size").intValue();
        int layers = number(trial, "layers").intValue();
        Requires.atLeast("layers", layers, 1);
        List<Integer> units = new ArrayList<>();
        List<Integer> filters = new ArrayList<>();
        if (family == Family.CNN) {
            for (int i = 1; i <= layers; i++) {
                filters.add(perLayer(trial, "filters", i).intValue());
            }
            units.add(number(trial, "units").intValue());
        } else {
            for (int i = 1; i <= layers; i++) {
                units.add(perLayer(trial, "units", i).intValue());
            }
        }
        int kernel = family == Family.CNN ? number(trial, "kernel").intValue() : 0;
        double dropout = number(trial, "dropout").doubleValue();
        String updater = String.valueOf(space.get("updater").suggest(trial, "updater"));
        double l2 = number(trial, "l2").doubleValue();
        String activation = String.valueOf(space.get("activation").suggest(trial, "activation"));
        // only adam-hd has a hypergradient learning rate: searched for its trials alone
        double hypergradientLr = NetworkFactory.ADAM_HD.equalsIgnoreCase(updater) ? number(trial, "hypergradient_lr").doubleValue()
                : AdamHd.DEFAULT_HYPERGRADIENT_LEARNING_RATE;
        return new HyperParameters(lr, batch, units, filters, kernel, dropout, updater, l2, activation, hypergradientLr);
    }

    private Number number(Trial trial, String key) {
        Object v = space.get(key).suggest(trial, key);
        Requires.argument(v instanceof Number, key + " must be a number, but got " + v);
        return (Number) v;
    }

    private Number perLayer(Trial trial, String key, int layer) {
        ParameterSpace s = space.get(key);
        Object v = s.isFixed() ? s.suggest(trial, key) : s.suggest(trial, key + "_" + layer);
        Requires.argument(v instanceof Number, key + " must be a number, but got " + v);
        return (Number) v;
    }

    /** Builder of a {@link NetworkSpace}. */
    public static final class Builder {
        private final Family family;
        private final Map<String, ParameterSpace> space = new LinkedHashMap<>();

        private Builder(Family family) {
            this.family = family;
            defaults(family).forEach((k, v) -> space.put(k, ParameterSpace.fixed(v)));
        }

        /** Sets a hyperparameter to a space; the key must be one the family understands. */
        public Builder set(String key, ParameterSpace value) {
            boolean known = COMMON_KEYS.contains(key) || family == Family.CNN && CNN_KEYS.contains(key);
            Requires.argument(known, "'" + key + "' is not a hyperparameter of a " + family.id() + " network; known: "
                    + new java.util.TreeSet<>(family == Family.CNN ? union() : COMMON_KEYS));
            space.put(key, value);
            return this;
        }

        /** Sets a hyperparameter to a fixed value. */
        public Builder fix(String key, Object value) {
            return set(key, ParameterSpace.fixed(value));
        }

        private static Set<String> union() {
            Set<String> all = new java.util.HashSet<>(COMMON_KEYS);
            all.addAll(CNN_KEYS);
            return all;
        }

        /** The space. */
        public NetworkSpace build() {
            return new NetworkSpace(family, new LinkedHashMap<>(space));
        }
    }
}
