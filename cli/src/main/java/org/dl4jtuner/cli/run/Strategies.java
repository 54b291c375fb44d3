package org.dl4jtuner.cli.run;

import java.util.List;
import java.util.Map;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.PrunerSpec;
import org.dl4jtuner.cli.spec.SamplerSpec;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.BohbSampler;
import org.dl4jtuner.tuner.sampler.CmaEsSampler;
import org.dl4jtuner.tuner.sampler.EvolutionSampler;
import org.dl4jtuner.tuner.sampler.GpSampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/** Maps a spec's sampler and pruner sections to the core's strategies. */
final class Strategies {
    static final String AVAILABLE_SAMPLERS = "random, sobol, tpe, gp, cmaes, evolution, bohb";
    private Strategies() {
    }

    static Sampler sampler(SamplerSpec spec, long studySeed, int parallel) {
        long seed = spec.seed() != null ? spec.seed() : studySeed;
        Map<String, Object> o = spec.options();
        return switch (spec.type()) {
            case "random" -> Samplers.random(seed);
            case "sobol" -> Samplers.sobol(seed);
            case "tpe" -> {
                allowOnly(spec, "startup_trials", "ei_candidates", "multivariate", "constant_liar");
                yield TpeSampler.builder(seed)
                        .startupTrials(integer(o, "startup_trials", 10))
                        .eiCandidates(integer(o, "ei_candidates", 24))
                        .multivariate(flag(o, "multivariate", false))
                        .constantLiar(flag(o, "constant_liar", parallel > 1))
                        .build();
            }
            case "gp" -> {
                allowOnly(spec, "startup_trials", "candidates", "deterministic");
                yield GpSampler.builder(seed)
                        .startupTrials(integer(o, "startup_trials", 10))
                        .candidates(integer(o, "candidates", 1024))
                        .deterministic(flag(o, "deterministic", false))
                        .build();
            }
            case "cmaes" -> {
                allowOnly(spec, "population", "sigma0", "restarts");
                CmaEsSampler.Builder b = CmaEsSampler.builder(seed).restarts(flag(o, "restarts", true));
                if (o.containsKey("population")) {
                    b.population(integer(o, "population", 0));
                }
                yield b.sigma0(number(o, "sigma0", 1.0 / 6)).build();
            }
            case "evolution" -> {
                allowOnly(spec, "population", "tournament", "crossover_rate", "mutation_rate", "mutation_scale");
                EvolutionSampler.Builder b = EvolutionSampler.builder(seed)
                        .populationSize(integer(o, "population", 20))
                        .tournamentSize(integer(o, "tournament", 3))
                        .crossoverRate(number(o, "crossover_rate", 0.9))
                        .mutationScale(number(o, "mutation_scale", 0.1));
                if (o.containsKey("mutation_rate")) {
                    b.mutationRate(number(o, "mutation_rate", 0));
                }
                yield b.build();
            }
            case "bohb" -> {
                allowOnly(spec, "top_fraction", "candidates", "random_fraction", "bandwidth_factor");
                yield BohbSampler.builder(seed)
                        .topFraction(number(o, "top_fraction", 0.15))
                        .candidates(integer(o, "candidates", 64))
                        .randomFraction(number(o, "random_fraction", 1.0 / 3))
                        .bandwidthFactor(number(o, "bandwidth_factor", 3))
                        .build();
            }
            default -> throw new UserError("sampler.type: '" + spec.type() + "' is not available in this version;"
                    + " available: " + AVAILABLE_SAMPLERS + " (grid needs explicit values: use the Java API)");
        };
    }

    private static void allowOnly(SamplerSpec spec, String... keys) {
        for (String key : spec.options().keySet()) {
            if (!List.of(keys).contains(key)) {
                throw new UserError("sampler." + key + ": not an option of " + spec.type() + "; its options: "
                        + String.join(", ", keys));
            }
        }
    }

    private static boolean flag(Map<String, Object> options, String key, boolean fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new UserError("sampler." + key + ": expected true or false, but got " + v);
    }

    /** BOHB is Hyperband's schedule with a model: without a Hyperband-style pruner it has no budgets to model. */
    static void checkCompatible(SamplerSpec sampler, PrunerSpec pruner) {
        if (sampler.type().equals("bohb") && !List.of("hyperband", "asha").contains(pruner.type())) {
            throw new UserError("sampler.type: 'bohb' needs pruner.type hyperband (or asha), but pruner.type is '"
                    + pruner.type() + "'; add 'pruner: {type: hyperband, min_epochs: 1, max_epochs: 27, eta: 3}'");
        }
    }

    static Pruner pruner(PrunerSpec spec) {
        Map<String, Object> o = spec.options();
        return switch (spec.type()) {
            case "none" -> Pruners.none();
            case "median" -> Pruners.median(integer(o, "warmup_trials", 5), integer(o, "warmup_steps", 0));
            case "percentile" -> Pruners.percentile(number(o, "percentile", 25), integer(o, "warmup_trials", 5),
                    integer(o, "warmup_steps", 0));
            case "patience" -> Pruners.patience(integer(o, "patience", 3), number(o, "min_delta", 0));
            case "asha" -> Pruners.successiveHalving(spec.minEpochs(), spec.maxEpochs(), spec.eta());
            case "hyperband" -> Pruners.hyperband(spec.minEpochs(), spec.maxEpochs(), spec.eta());
            default -> throw new UserError("pruner.type: '" + spec.type() + "' is not one of none, median, percentile,"
                    + " patience, asha, hyperband");
        };
    }

    private static int integer(Map<String, Object> options, String key, int fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer n && n >= 0) {
            return n;
        }
        throw new UserError(key + ": expected an integer >= 0, but got " + v);
    }

    private static double number(Map<String, Object> options, String key, double fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new UserError(key + ": expected a number, but got " + v);
    }
}
