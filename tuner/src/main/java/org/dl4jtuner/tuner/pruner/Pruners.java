package org.dl4jtuner.tuner.pruner;

/**
 * Factories for the built-in pruners. To build one by name from a map of options (as the YAML
 * spec does), use {@link org.dl4jtuner.tuner.strategy.StrategyRegistry#pruner}.
 *
 * <pre>{@code
 * Study.builder().pruner(Pruners.hyperband(1, 81, 3)).build();
 * }</pre>
 */
public final class Pruners {
    private Pruners() {
    }

    /** Never prunes. */
    public static Pruner none() {
        return new NopPruner();
    }

    /** Prunes below the median of completed trials at the same step. */
    public static Pruner median(int warmupTrials, int warmupSteps) {
        return percentile(50, warmupTrials, warmupSteps);
    }

    /** Prunes below the given percentile of completed trials at the same step. */
    public static Pruner percentile(double percentile, int warmupTrials, int warmupSteps) {
        return new PercentilePruner(percentile, warmupTrials, warmupSteps, 1, 1);
    }

    /** Prunes a trial that has not improved by more than {@code minDelta} for {@code patience} steps. */
    public static Pruner patience(int patience, double minDelta) {
        return new PatiencePruner(patience, minDelta);
    }

    /** Asynchronous successive halving (ASHA) with rungs at minResource * eta^k. */
    public static Pruner successiveHalving(int minResource, int eta) {
        return new SuccessiveHalvingPruner(minResource, Long.MAX_VALUE, eta, 0, 0);
    }

    /** ASHA for trials that train {@code maxResource} steps at most: no rung is judged at the last step. */
    public static Pruner successiveHalving(int minResource, int maxResource, int eta) {
        return new SuccessiveHalvingPruner(minResource, maxResource, eta, 0, 0);
    }

    /** Asynchronous Hyperband: brackets of ASHA, each trial's bracket fixed by seed and number. */
    public static Pruner hyperband(int minResource, int maxResource, int eta) {
        return new HyperbandPruner(minResource, maxResource, eta);
    }
}
