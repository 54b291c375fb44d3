package org.dl4jtuner.cli.run;

import java.util.Map;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.PrunerSpec;
import org.dl4jtuner.cli.spec.SamplerSpec;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.GpSampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/** Maps a spec's sampler and pruner sections to the core's strategies. */
final class Strategies {
    static final String AVAILABLE_SAMPLERS = "random, sobol, tpe, gp";
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
            default -> throw new UserError("sampler.type: '" + spec.type() + "' is not available in this version;"
                    + " available: " + AVAILABLE_SAMPLERS + " (grid needs explicit values: use the Java API)");
        };
    }

    private static void allowOnly(SamplerSpec spec, String... keys) {
        for (String key : spec.options().keySet()) {
            if (!java.util.List.of(keys).contains(key)) {
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
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
