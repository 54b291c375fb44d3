package org.dl4jtuner.cli.run;

import java.util.List;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.PrunerSpec;
import org.dl4jtuner.cli.spec.SamplerSpec;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.strategy.Option;
import org.dl4jtuner.tuner.strategy.StrategyContext;
import org.dl4jtuner.tuner.strategy.StrategyDescription;
import org.dl4jtuner.tuner.strategy.StrategyRegistry;

/**
 * Builds a spec's sampler and pruner through the core's {@link StrategyRegistry}, which declares
 * their options, rules and defaults. The parser has checked the options; an option missing here (a
 * spec built in code) takes its declared default, and a bad one is a {@link UserError}.
 */
public final class Strategies {
    static final String AVAILABLE_SAMPLERS = String.join(", ", StrategyRegistry.samplerNames());

    private Strategies() {
    }

    static Sampler sampler(SamplerSpec spec, long studySeed, int parallel) {
        if (spec.type().equals("grid") && spec.grid().isEmpty()) {
            throw new UserError("sampler.type: grid needs model.space keys searched as {choice: [...]}");
        }
        long seed = spec.seed() != null ? spec.seed() : studySeed;
        try {
            return StrategyRegistry.sampler(spec.type(), spec.options(),
                    StrategyContext.of(seed).withParallel(parallel).withGrid(spec.grid()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The spec's pruner, its options checked by the registry. */
    public static Pruner pruner(PrunerSpec spec) {
        try {
            return spec.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * Refuses a sampler without a pruner it needs (the registry declares them): BOHB is Hyperband's
     * schedule with a model, so without a Hyperband-style pruner it has no budgets to model.
     */
    static void checkCompatible(SamplerSpec sampler, PrunerSpec pruner) {
        List<String> needed;
        String prunerType;
        try {
            needed = StrategyRegistry.samplerDescription(sampler.type()).needsPrunerOf();
            prunerType = StrategyRegistry.prunerDescription(pruner.type()).name();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (needed.isEmpty() || needed.contains(prunerType)) {
            return;
        }
        StringBuilder example = new StringBuilder("pruner: {type: " + needed.get(0));
        for (Option o : StrategyRegistry.prunerDescription(needed.get(0)).options()) {
            // the flags that switch to a scheduler, and the options only a scheduler reads, are left out
            boolean schedulerOnly = o.type() == org.dl4jtuner.tuner.strategy.OptionType.BOOLEAN || o.name().equals("iterations");
            if (o.defaultValue() != null && !schedulerOnly) {
                example.append(", ").append(o.name()).append(": ").append(o.defaultValue());
            }
        }
        example.append(", max_epochs: 27}");
        throw new UserError("sampler.type: '" + sampler.type() + "' needs pruner.type " + needed.get(0)
                + (needed.size() > 1 ? " (or " + String.join(" or ", needed.subList(1, needed.size())) + ")" : "")
                + ", but pruner.type is '" + pruner.type() + "'; add '" + example + "'");
    }
}
