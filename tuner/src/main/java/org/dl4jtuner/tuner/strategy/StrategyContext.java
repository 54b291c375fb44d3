package org.dl4jtuner.tuner.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.util.Requires;

/**
 * What a strategy's factory needs beyond its options: the seed, how many trials run at once, the
 * most epochs a trial trains (for pruners with rungs) and, for the grid sampler, its points.
 *
 * <pre>{@code
 * StrategyContext.of(42).withParallel(4).withMaxEpochs(27);
 * }</pre>
 *
 * @param seed      the sampler's seed
 * @param parallel  trials trained at the same time, at least 1
 * @param maxEpochs epochs (steps) a trial trains at most, or null when unbounded
 * @param grid      the grid sampler's points in order, each mapping parameters to values; empty for others
 */
public record StrategyContext(long seed, int parallel, Integer maxEpochs, List<Map<String, Object>> grid) {
    /** Validates the counts and copies the grid. */
    public StrategyContext {
        Requires.atLeast("parallel", parallel, 1);
        if (maxEpochs != null) {
            Requires.atLeast("maxEpochs", maxEpochs, 1);
        }
        grid = List.copyOf(grid);
    }

    /** A context with this seed, one trial at a time, no epoch limit and no grid. */
    public static StrategyContext of(long seed) {
        return new StrategyContext(seed, 1, null, List.of());
    }

    /** This context with another seed. */
    public StrategyContext withSeed(long seed) {
        return new StrategyContext(seed, parallel, maxEpochs, grid);
    }

    /** This context with {@code parallel} trials at once. */
    public StrategyContext withParallel(int parallel) {
        return new StrategyContext(seed, parallel, maxEpochs, grid);
    }

    /** This context with an epoch limit (null: none). */
    public StrategyContext withMaxEpochs(Integer maxEpochs) {
        return new StrategyContext(seed, parallel, maxEpochs, grid);
    }

    /** This context with the grid sampler's points. */
    public StrategyContext withGrid(List<? extends Map<String, ?>> points) {
        return new StrategyContext(seed, parallel, maxEpochs, points.stream()
                .map(p -> Collections.unmodifiableMap(new LinkedHashMap<String, Object>(p))).toList());
    }
}
