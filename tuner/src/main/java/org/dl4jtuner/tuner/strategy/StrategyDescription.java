package org.dl4jtuner.tuner.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a sampler or pruner is named, configured and built, described once: its name and other
 * names, its options, the pruners it needs (BOHB needs Hyperband's budgets) and a factory from
 * validated options plus a {@link StrategyContext}.
 *
 * <pre>{@code
 * StrategyDescription<Sampler> tpe = StrategyRegistry.samplerDescription("tpe");
 * tpe.options();                                         // startup_trials, ei_candidates, ...
 * tpe.build(Map.of("startup_trials", 5), StrategyContext.of(42));
 * }</pre>
 *
 * @param <T>            Sampler or Pruner
 * @param kind           {@code "sampler"} or {@code "pruner"}, for messages
 * @param name           the type's name, e.g. {@code tpe}
 * @param aliases        other names of the same type, e.g. {@code successive_halving} for {@code asha}
 * @param help           what the strategy does, in one line
 * @param options        its options, in the order messages and docs list them
 * @param needsPrunerOf  for a sampler, the pruner types it works with (empty: any)
 * @param factory        builds the strategy
 */
public record StrategyDescription<T>(String kind, String name, List<String> aliases, String help, List<Option> options,
        List<String> needsPrunerOf, Factory<T> factory) {

    /** Builds a strategy from validated options and the context. */
    @FunctionalInterface
    public interface Factory<T> {
        /** The strategy; may throw IllegalArgumentException for a rule across options or the context. */
        T build(OptionValues options, StrategyContext context);
    }

    /** Validates the description and copies its lists. */
    public StrategyDescription {
        if (kind == null || name == null || name.isBlank() || help == null || help.isBlank() || factory == null) {
            throw new IllegalArgumentException("a strategy needs a kind, name, help and factory, but got " + kind + ", "
                    + name + ", " + help + ", " + factory);
        }
        aliases = List.copyOf(aliases);
        options = List.copyOf(options);
        needsPrunerOf = List.copyOf(needsPrunerOf);
        List<String> names = new ArrayList<>();
        for (Option o : options) {
            if (names.contains(o.name())) {
                throw new IllegalArgumentException(kind + " " + name + " declares the option " + o.name() + " twice");
            }
            names.add(o.name());
        }
    }

    /** A description without aliases, options or pruner needs; add them with the {@code with} methods. */
    public static <T> StrategyDescription<T> of(String kind, String name, String help, Factory<T> factory) {
        return new StrategyDescription<>(kind, name, List.of(), help, List.of(), List.of(), factory);
    }

    /** This description with these options. */
    public StrategyDescription<T> withOptions(Option... options) {
        return new StrategyDescription<>(kind, name, aliases, help, Arrays.asList(options), needsPrunerOf, factory);
    }

    /** This description with other names. */
    public StrategyDescription<T> withAliases(String... aliases) {
        return new StrategyDescription<>(kind, name, Arrays.asList(aliases), help, options, needsPrunerOf, factory);
    }

    /** This description needing one of these pruner types. */
    public StrategyDescription<T> needingPruner(String... pruners) {
        return new StrategyDescription<>(kind, name, aliases, help, options, Arrays.asList(pruners), factory);
    }

    /** The name, then the aliases. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(name);
        names.addAll(aliases);
        return names;
    }

    /** The options' names, in order. */
    public List<String> optionNames() {
        return options.stream().map(Option::name).toList();
    }

    /** The option called {@code name}, or null. */
    public Option option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Checks {@code values} against the options: an unknown name is refused with the known ones, a
     * value against its rule ({@code "sampler.tpe.startup_trials: expected an integer >= 0, but got -1"}).
     * A null value counts as omitted. Omitted options take their fixed defaults.
     */
    public OptionValues validate(Map<String, ?> values) {
        Map<String, Object> checked = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            if (option(key) == null) {
                throw new IllegalArgumentException(kind + "." + name + ": '" + key + "' is not an option of " + name
                        + "; its options: " + (options.isEmpty() ? "none" : String.join(", ", optionNames())));
            }
        }
        for (Option o : options) {
            Object v = values.get(o.name());
            if (v == null) {
                if (o.defaultValue() != null) {
                    checked.put(o.name(), o.defaultValue());
                }
                continue;
            }
            String problem = o.problem(v);
            if (problem != null) {
                throw new IllegalArgumentException(kind + "." + name + "." + o.name() + ": " + problem);
            }
            checked.put(o.name(), o.normalize(v));
        }
        return new OptionValues(kind + "." + name, checked);
    }

    /** Validates {@code values} and builds the strategy. */
    public T build(Map<String, ?> values, StrategyContext context) {
        return factory.build(validate(values), context);
    }

    @Override
    public String toString() {
        return kind + " " + name + optionNames();
    }
}
