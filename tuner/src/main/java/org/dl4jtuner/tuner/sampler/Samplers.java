package org.dl4jtuner.tuner.sampler;

import java.util.List;
import java.util.Map;

/**
 * Factories for the built-in samplers. To build one by name from a map of options (as the YAML
 * spec does), use {@link org.dl4jtuner.tuner.strategy.StrategyRegistry#sampler}.
 *
 * <pre>{@code
 * Study.builder().sampler(Samplers.random(42)).build();
 * Study.builder().sampler(Samplers.grid(Map.of("lr", List.of(0.1, 0.01), "units", List.of(32, 64)))).build();
 * }</pre>
 */
public final class Samplers {
    private Samplers() {
    }

    /** Uniform random search. */
    public static Sampler random(long seed) {
        return new RandomSampler(seed);
    }

    /** Exhaustive search over the given values; the study stops when the grid is done. */
    public static Sampler grid(Map<String, ? extends List<?>> grid) {
        return new GridSampler(grid);
    }

    /**
     * Exhaustive search over the given points, in order; each point maps the parameters its trial
     * suggests to values, so a conditional space lists only the parameters each point uses.
     */
    public static Sampler grid(List<? extends Map<String, ?>> points) {
        return GridSampler.ofPoints(points);
    }

    /**
     * Tree-structured Parzen Estimator with Optuna's defaults (univariate, 10 random startup trials);
     * for one or more objectives (with several, multi-objective TPE: see {@link TpeSampler}).
     */
    public static Sampler tpe(long seed) {
        return TpeSampler.builder(seed).build();
    }

    /** Quasi-random (Sobol) search. */
    public static Sampler sobol(long seed) {
        return new SobolSampler(seed);
    }

    /** Gaussian-process Bayesian optimisation (Matern 5/2, log expected improvement; 10 random startup trials). */
    public static Sampler gp(long seed) {
        return GpSampler.builder(seed).build();
    }

    /** CMA-ES with IPOP restarts over the numeric parameters; categorical ones are drawn at random. */
    public static Sampler cmaEs(long seed) {
        return CmaEsSampler.builder(seed).build();
    }

    /** Genetic search: tournament selection, uniform crossover and mutation over a population of 20. */
    public static Sampler evolution(long seed) {
        return EvolutionSampler.builder(seed).build();
    }

    /**
     * Our samplers picked per trial by the space and the progress ({@link AutoSampler}: random
     * start-up, TPE for categorical or conditional spaces, the GP for numeric ones, TPE once the
     * GP's cost grows); each trial records the choice and why.
     */
    public static Sampler auto(long seed) {
        return new AutoSampler(seed, false);
    }

    /**
     * NSGA-II for one or more objectives, with constraint domination: a population of 20, simulated
     * binary crossover and polynomial mutation ({@link Nsga2Sampler#builder(long)} sets them). Its
     * generations are trial attributes, so a resumed study continues them.
     */
    public static Sampler nsga2(long seed) {
        return Nsga2Sampler.builder(seed).build();
    }

    /**
     * BOHB's model: a multivariate KDE fitted at the largest budget with enough reports. Pair it with
     * {@code Pruners.hyperband(min, max, eta)} or the synchronous {@code Hyperband}.
     */
    public static Sampler bohb(long seed) {
        return BohbSampler.builder(seed).build();
    }
}
