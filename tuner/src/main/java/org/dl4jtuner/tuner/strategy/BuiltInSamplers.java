package org.dl4jtuner.tuner.strategy;

import static org.dl4jtuner.tuner.strategy.Option.bool;
import static org.dl4jtuner.tuner.strategy.Option.integer;
import static org.dl4jtuner.tuner.strategy.Option.number;

import java.util.List;

import org.dl4jtuner.tuner.sampler.AutoSampler;
import org.dl4jtuner.tuner.sampler.BohbSampler;
import org.dl4jtuner.tuner.sampler.CmaEsSampler;
import org.dl4jtuner.tuner.sampler.EvolutionSampler;
import org.dl4jtuner.tuner.sampler.GpSampler;
import org.dl4jtuner.tuner.sampler.Nsga2Sampler;
import org.dl4jtuner.tuner.sampler.RandomSampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;
import org.dl4jtuner.tuner.util.Requires;

/** The built-in samplers' descriptions, in the order messages list them. */
final class BuiltInSamplers {
    private BuiltInSamplers() {
    }

    private static final String SAMPLER = "sampler";

    private static final Option AVOID_REPEATS = bool("avoid_repeats", true,
            "on a finite space (integer ranges and choices only), never propose a configuration a trial already"
                    + " holds while an unseen one is left");

    static final List<StrategyDescription<Sampler>> ALL = List.of(
            StrategyDescription.<Sampler>of(SAMPLER, "random", "uniform random search",
                    (o, c) -> new RandomSampler(c.seed(), o.flag("avoid_repeats")))
                    .withOptions(AVOID_REPEATS),
            StrategyDescription.<Sampler>of(SAMPLER, "grid", "every point of a grid, in order",
                    (o, c) -> {
                        Requires.argument(!c.grid().isEmpty(),
                                "sampler grid needs its points in the context (StrategyContext.withGrid), but got none");
                        return Samplers.grid(c.grid());
                    }),
            StrategyDescription.<Sampler>of(SAMPLER, "sobol", "quasi-random (Sobol) search",
                    (o, c) -> Samplers.sobol(c.seed())),
            StrategyDescription.<Sampler>of(SAMPLER, "tpe", "Tree-structured Parzen Estimator, for one or more objectives", (o, c) ->
                    TpeSampler.builder(c.seed())
                            .startupTrials(o.integer("startup_trials"))
                            .eiCandidates(o.integer("ei_candidates"))
                            .multivariate(o.flag("multivariate"))
                            .constantLiar(o.has("constant_liar") ? o.flag("constant_liar") : c.parallel() > 1)
                            .avoidRepeats(o.flag("avoid_repeats"))
                            .transfer(o.flag("transfer"))
                            .build())
                    .withOptions(
                            integer("startup_trials", 10, 0, "random trials before the model is used"),
                            integer("ei_candidates", 24, 1, "candidates drawn to maximize expected improvement"),
                            bool("multivariate", false, "one joint density over all parameters"),
                            bool("constant_liar", "true when parallel > 1, else false",
                                    "running trials count as bad results, so parallel workers propose different points"),
                            AVOID_REPEATS,
                            bool("transfer", true, "with a warm start, let the past studies lead (CMA-ES from their best"
                                    + " points, or meta-learned TPE) until a rank test finds their trials no better than"
                                    + " random probes, then drop them")),
            StrategyDescription.<Sampler>of(SAMPLER, "gp", "Gaussian-process Bayesian optimisation", (o, c) ->
                    GpSampler.builder(c.seed())
                            .startupTrials(o.integer("startup_trials"))
                            .candidates(o.integer("candidates"))
                            .deterministic(o.flag("deterministic"))
                            .build())
                    .withOptions(
                            integer("startup_trials", 10, 2, "random trials before the Gaussian process is used"),
                            integer("candidates", 1024, 1, "random candidates scored before the best is refined"),
                            bool("deterministic", false, "fit the process without noise")),
            StrategyDescription.<Sampler>of(SAMPLER, "cmaes", "CMA-ES with IPOP restarts", (o, c) -> {
                CmaEsSampler.Builder b = CmaEsSampler.builder(c.seed()).restarts(o.flag("restarts"))
                        .sigma0(o.number("sigma0"));
                if (o.has("population")) {
                    b.population(o.integer("population"));
                }
                return b.build();
            }).withOptions(
                    integer("population", "4 + 3 ln d (d: numeric parameters)", 4, "trials per generation"),
                    number("sigma0", 1.0 / 6, "1/6", 0, 1, true, false,
                            "the initial step size, in the unit cube every parameter maps to"),
                    bool("restarts", true, "IPOP: a stalled search restarts with twice the population")),
            StrategyDescription.<Sampler>of(SAMPLER, "evolution", "genetic search", (o, c) -> {
                EvolutionSampler.Builder b = EvolutionSampler.builder(c.seed())
                        .populationSize(o.integer("population"))
                        .tournamentSize(o.integer("tournament"))
                        .crossoverRate(o.number("crossover_rate"))
                        .mutationScale(o.number("mutation_scale"));
                if (o.has("mutation_rate")) {
                    b.mutationRate(o.number("mutation_rate"));
                }
                return b.build();
            }).withOptions(
                    integer("population", 20, 2, "trials in the population, and random trials before evolution starts"),
                    integer("tournament", 3, 1, "members drawn per tournament; the best is a parent"),
                    number("crossover_rate", 0.9, "0.9", 0, 1, false, false, "chance of uniform crossover of two parents"),
                    number("mutation_rate", "1/d (d: parameters)", 0, 1, "chance each parameter mutates"),
                    number("mutation_scale", 0.1, "0.1", 1e-6, 1, false, false, "a mutation's step, in the unit cube")),
            StrategyDescription.<Sampler>of(SAMPLER, "bohb", "BOHB's model: a KDE at the largest budget with enough reports",
                    (o, c) -> BohbSampler.builder(c.seed())
                            .topFraction(o.number("top_fraction"))
                            .candidates(o.integer("candidates"))
                            .randomFraction(o.number("random_fraction"))
                            .bandwidthFactor(o.number("bandwidth_factor"))
                            .build())
                    .withOptions(
                            number("top_fraction", 0.15, "0.15", 0, 1, true, true,
                                    "share of trials at a budget that make the good density"),
                            integer("candidates", 64, 1, "candidates drawn from the good density"),
                            number("random_fraction", 1.0 / 3, "1/3", 0, 1, false, false, "share of trials drawn at random"),
                            number("bandwidth_factor", 3.0, "3", 0, Double.POSITIVE_INFINITY, true, false,
                                    "widens the kernels of the candidates' density"))
                    .needingPruner("hyperband", "asha"),
            StrategyDescription.<Sampler>of(SAMPLER, "auto",
                    "picks random, TPE or the GP per trial by the space and the progress, recording why",
                    (o, c) -> new AutoSampler(c.seed(), o.has("constant_liar") ? o.flag("constant_liar") : c.parallel() > 1))
                    .withOptions(bool("constant_liar", "true when parallel > 1, else false",
                            "its TPE counts running trials as bad results, so parallel workers propose different points")),
            StrategyDescription.<Sampler>of(SAMPLER, "nsga2", "NSGA-II: non-dominated sorting and crowding, for one or"
                    + " more objectives, with constraints", (o, c) -> {
                        Nsga2Sampler.Builder b = Nsga2Sampler.builder(c.seed())
                                .populationSize(o.integer("population_size"))
                                .crossoverProbability(o.number("crossover_prob"))
                                .sbxShare(o.number("sbx_share"))
                                .crossoverEta(o.number("crossover_eta"))
                                .mutationEta(o.number("mutation_eta"))
                                .uniformMutation(o.number("uniform_mutation"));
                        if (o.has("mutation_prob")) {
                            b.mutationProbability(o.number("mutation_prob"));
                        }
                        return b.build();
                    }).withOptions(
                    integer("population_size", 20, 2, "trials per generation, and random trials before the first children"),
                    number("crossover_prob", 0.9, "0.9", 0, 1, false, false,
                            "chance that a child crosses its two parents"),
                    number("mutation_prob", "1/d (d: parameters)", 0, 1, "chance each parameter of a child mutates"),
                    number("sbx_share", 0.5, "0.5", 0, 1, false, false,
                            "share of a crossover's numeric parameters blended by SBX; the others come from either parent"),
                    number("crossover_eta", 20.0, "20", 0, 1000, false, false,
                            "crossover's distribution index: larger keeps children nearer their parents"),
                    number("mutation_eta", 20.0, "20", 0, 1000, false, false,
                            "polynomial mutation's distribution index: larger makes smaller steps"),
                    number("uniform_mutation", 0.0, "0", 0, 1, false, false,
                            "share of a numeric parameter's mutations that redraw it uniformly in its range"
                                    + " (Optuna's mutation) instead of a polynomial step")));
}
