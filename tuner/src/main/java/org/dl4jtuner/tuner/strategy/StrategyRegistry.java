package org.dl4jtuner.tuner.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.sampler.Sampler;

/**
 * The built-in samplers and pruners by name: builds one from an options map, checked against each
 * option's rule, exactly as the YAML spec does; lists them for messages and docs; and rebuilds a
 * strategy from the {@code settings()} a study recorded.
 *
 * <pre>{@code
 * Sampler tpe = StrategyRegistry.sampler("tpe", Map.of("startup_trials", 5), StrategyContext.of(42));
 * Pruner asha = StrategyRegistry.pruner("asha", Map.of("eta", 3), StrategyContext.of(42).withMaxEpochs(27));
 * StrategyRegistry.checkCompatible("bohb", "median");   // refused: bohb needs hyperband or asha
 * StrategyRegistry.samplerFromSettings(tpe.settings(), StrategyContext.of(0));   // the same TPE again
 * }</pre>
 */
public final class StrategyRegistry {
    /** The key of a strategy's type in its settings. */
    public static final String TYPE = "type";
    /** The key of a sampler's seed in its settings. */
    public static final String SEED = "seed";
    /** The key of a pruner's max epochs (steps) in its settings. */
    public static final String MAX_RESOURCE = "max_resource";

    private StrategyRegistry() {
    }

    /** The sampler descriptions, in registration order. */
    public static List<StrategyDescription<Sampler>> samplers() {
        return BuiltInSamplers.ALL;
    }

    /** The pruner descriptions, in registration order. */
    public static List<StrategyDescription<Pruner>> pruners() {
        return BuiltInPruners.ALL;
    }

    /** Every sampler name, each followed by its aliases. */
    public static List<String> samplerNames() {
        return names(samplers());
    }

    /** Every pruner name, each followed by its aliases ({@code asha, successive_halving}). */
    public static List<String> prunerNames() {
        return names(pruners());
    }

    /** The sampler called {@code type} (a name or an alias); an unknown one is refused with the known names. */
    public static StrategyDescription<Sampler> samplerDescription(String type) {
        return find(samplers(), "sampler", type);
    }

    /** The pruner called {@code type} (a name or an alias); an unknown one is refused with the known names. */
    public static StrategyDescription<Pruner> prunerDescription(String type) {
        return find(pruners(), "pruner", type);
    }

    /** The sampler {@code type} built from {@code options} (omitted ones at their defaults) and the context. */
    public static Sampler sampler(String type, Map<String, ?> options, StrategyContext context) {
        return samplerDescription(type).build(options, context);
    }

    /** The pruner {@code type} built from {@code options} (omitted ones at their defaults) and the context. */
    public static Pruner pruner(String type, Map<String, ?> options, StrategyContext context) {
        return prunerDescription(type).build(options, context);
    }

    /**
     * Refuses a sampler that needs other pruners than {@code prunerType}: BOHB models the budgets
     * of Hyperband or ASHA, so without one of them it has nothing to model.
     */
    public static void checkCompatible(String samplerType, String prunerType) {
        List<String> needed = samplerDescription(samplerType).needsPrunerOf();
        String pruner = prunerDescription(prunerType).name();
        if (!needed.isEmpty() && !needed.contains(pruner)) {
            throw new IllegalArgumentException("sampler " + samplerType + " needs pruner " + String.join(" or ", needed)
                    + ", but the pruner is " + prunerType);
        }
    }

    /**
     * The sampler a study recorded as {@code settings} ({@link Sampler#settings()}), rebuilt with its
     * recorded seed; {@code context} gives the rest (the grid's points). Settings that the registry
     * cannot reproduce exactly (a sampler configured beyond its registered options) are refused.
     */
    public static Sampler samplerFromSettings(Map<String, ?> settings, StrategyContext context) {
        StrategyContext c = settings.get(SEED) instanceof Number seed ? context.withSeed(seed.longValue()) : context;
        return fromSettings(samplerDescription(type(settings, "sampler")), settings, c, Sampler::settings);
    }

    /**
     * The pruner a study recorded as {@code settings} ({@link Pruner#settings()}), rebuilt; its max
     * epochs come from {@value #MAX_RESOURCE}. Settings the registry cannot reproduce are refused.
     */
    public static Pruner prunerFromSettings(Map<String, ?> settings) {
        StrategyContext c = StrategyContext.of(0).withMaxEpochs(
                settings.get(MAX_RESOURCE) instanceof Number max ? max.intValue() : null);
        return fromSettings(prunerDescription(type(settings, "pruner")), settings, c, Pruner::settings);
    }

    private static <T> T fromSettings(StrategyDescription<T> d, Map<String, ?> settings, StrategyContext context,
            Function<T, Map<String, Object>> settingsOf) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (Option o : d.options()) {
            if (settings.get(o.recordedAs()) != null) {
                options.put(o.name(), settings.get(o.recordedAs()));
            }
        }
        T built = d.build(options, context);
        Map<String, Object> rebuilt = settingsOf.apply(built);
        if (!sameSettings(settings, rebuilt)) {
            throw new IllegalArgumentException(d.kind() + " settings " + settings + " cannot be rebuilt from the"
                    + " registry's options " + d.optionNames() + ": they give " + rebuilt);
        }
        return built;
    }

    /** Equal keys and values, numbers compared by value (storage may turn an int into a long). */
    static boolean sameSettings(Map<String, ?> a, Map<String, ?> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            Object x = a.get(k);
            Object y = b.get(k);
            boolean same = x instanceof Number m && y instanceof Number n ? m.doubleValue() == n.doubleValue()
                    : Objects.equals(x, y);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static String type(Map<String, ?> settings, String kind) {
        if (!(settings.get(TYPE) instanceof String type)) {
            throw new IllegalArgumentException(kind + " settings need a '" + TYPE + "', but got " + settings);
        }
        return type;
    }

    private static <T> List<String> names(List<StrategyDescription<T>> all) {
        List<String> names = new ArrayList<>();
        all.forEach(d -> names.addAll(d.names()));
        return List.copyOf(names);
    }

    private static <T> StrategyDescription<T> find(List<StrategyDescription<T>> all, String kind, String type) {
        for (StrategyDescription<T> d : all) {
            if (d.names().contains(type)) {
                return d;
            }
        }
        throw new IllegalArgumentException(kind + ".type: '" + type + "' is not one of " + String.join(", ", names(all)));
    }
}
