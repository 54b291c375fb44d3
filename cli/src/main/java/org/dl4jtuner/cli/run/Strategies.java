package org.dl4jtuner.cli.run;

import java.util.List;
import java.util.Map;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.PrunerSpec;
import org.dl4jtuner.cli.spec.SamplerSpec;
import org.dl4jtuner.cli.spec.SpecKey;
import org.dl4jtuner.cli.spec.SpecKeys;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.BohbSampler;
import org.dl4jtuner.tuner.sampler.CmaEsSampler;
import org.dl4jtuner.tuner.sampler.EvolutionSampler;
import org.dl4jtuner.tuner.sampler.GpSampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/**
 * Maps a spec's sampler and pruner sections to the core's strategies. The options, their rules and
 * defaults are declared in {@link SpecKeys}; the parser has checked them, and an option missing
 * here (a spec built in code) takes its declared default.
 */
final class Strategies {
    static final String AVAILABLE_SAMPLERS = String.join(", ", SpecKeys.SAMPLERS);

    private Strategies() {
    }

    static Sampler sampler(SamplerSpec spec, long studySeed, int parallel) {
        long seed = spec.seed() != null ? spec.seed() : studySeed;
        Options o = new Options(spec.options(), SpecKeys.SAMPLER_OPTIONS.getOrDefault(spec.type(), List.of()));
        return switch (spec.type()) {
            case "random" -> Samplers.random(seed);
            case "grid" -> {
                if (spec.grid().isEmpty()) {
                    throw new UserError("sampler.type: grid needs model.space keys searched as {choice: [...]}");
                }
                yield Samplers.grid(spec.grid());
            }
            case "sobol" -> Samplers.sobol(seed);
            case "tpe" -> TpeSampler.builder(seed)
                    .startupTrials(o.integer("startup_trials"))
                    .eiCandidates(o.integer("ei_candidates"))
                    .multivariate(o.flag("multivariate"))
                    .constantLiar(o.has("constant_liar") ? o.flag("constant_liar") : parallel > 1)
                    .build();
            case "gp" -> GpSampler.builder(seed)
                    .startupTrials(o.integer("startup_trials"))
                    .candidates(o.integer("candidates"))
                    .deterministic(o.flag("deterministic"))
                    .build();
            case "cmaes" -> {
                CmaEsSampler.Builder b = CmaEsSampler.builder(seed).restarts(o.flag("restarts")).sigma0(o.number("sigma0"));
                if (o.has("population")) {
                    b.population(o.integer("population"));
                }
                yield b.build();
            }
            case "evolution" -> {
                EvolutionSampler.Builder b = EvolutionSampler.builder(seed)
                        .populationSize(o.integer("population"))
                        .tournamentSize(o.integer("tournament"))
                        .crossoverRate(o.number("crossover_rate"))
                        .mutationScale(o.number("mutation_scale"));
                if (o.has("mutation_rate")) {
                    b.mutationRate(o.number("mutation_rate"));
                }
                yield b.build();
            }
            case "bohb" -> BohbSampler.builder(seed)
                    .topFraction(o.number("top_fraction"))
                    .candidates(o.integer("candidates"))
                    .randomFraction(o.number("random_fraction"))
                    .bandwidthFactor(o.number("bandwidth_factor"))
                    .build();
            default -> throw new UserError("sampler.type: '" + spec.type() + "' is not one of " + AVAILABLE_SAMPLERS);
        };
    }

    /** A type's option values as parsed, falling back to the declared defaults. */
    private record Options(Map<String, Object> values, List<SpecKey> declared) {
        boolean has(String name) {
            return values.get(name) != null;
        }

        Object get(String name) {
            Object v = values.get(name);
            if (v != null) {
                return v;
            }
            for (SpecKey k : declared) {
                if (k.name().equals(name) && k.defaultValue() != null) {
                    return k.defaultValue();
                }
            }
            throw new IllegalStateException(name + " has no value and no declared default");
        }

        int integer(String name) {
            if (get(name) instanceof Integer n) {
                return n;
            }
            throw new UserError(name + ": expected an integer, but got " + get(name));
        }

        double number(String name) {
            if (get(name) instanceof Number n) {
                return n.doubleValue();
            }
            throw new UserError(name + ": expected a number, but got " + get(name));
        }

        boolean flag(String name) {
            if (get(name) instanceof Boolean b) {
                return b;
            }
            throw new UserError(name + ": expected true or false, but got " + get(name));
        }
    }

    /** BOHB is Hyperband's schedule with a model: without a Hyperband-style pruner it has no budgets to model. */
    static void checkCompatible(SamplerSpec sampler, PrunerSpec pruner) {
        if (sampler.type().equals("bohb") && !List.of("hyperband", "asha").contains(pruner.type())) {
            throw new UserError("sampler.type: 'bohb' needs pruner.type hyperband (or asha), but pruner.type is '"
                    + pruner.type() + "'; add 'pruner: {type: hyperband, min_epochs: 1, max_epochs: 27, eta: 3}'");
        }
    }

    static Pruner pruner(PrunerSpec spec) {
        Options o = new Options(spec.options(), SpecKeys.PRUNER_OPTIONS.getOrDefault(spec.type(), List.of()));
        return switch (spec.type()) {
            case "none" -> Pruners.none();
            case "median" -> Pruners.median(o.integer("warmup_trials"), o.integer("warmup_steps"));
            case "percentile" -> Pruners.percentile(o.number("percentile"), o.integer("warmup_trials"),
                    o.integer("warmup_steps"));
            case "patience" -> Pruners.patience(o.integer("patience"), o.number("min_delta"));
            case "asha" -> Pruners.successiveHalving(spec.minEpochs(), spec.maxEpochs(), spec.eta());
            case "hyperband" -> Pruners.hyperband(spec.minEpochs(), spec.maxEpochs(), spec.eta());
            default -> throw new UserError("pruner.type: '" + spec.type() + "' is not one of "
                    + String.join(", ", SpecKeys.PRUNER_OPTIONS.keySet()));
        };
    }
}
