package org.dl4jtuner.tuner.pruner;

import org.dl4jtuner.tuner.hyperband.SynchronousHyperband;
import org.dl4jtuner.tuner.schedule.AdaptiveScheduler;
import org.dl4jtuner.tuner.schedule.PromotionAsha;

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

    /**
     * ASHA with promotions (Li et al. 2020, Algorithm 2), a scheduler for
     * {@link org.dl4jtuner.tuner.Study#optimizeResumable}: trials pause at rungs
     * {@code minResource * eta^k} (the top rung is {@code maxResource}) and the top 1/eta of a rung
     * are resumed from their checkpoints to the next one.
     */
    public static PromotionAsha promotionAsha(int minResource, int maxResource, int eta) {
        return new PromotionAsha(minResource, maxResource, eta);
    }

    /**
     * Synchronous Hyperband (Li et al. 2018, Algorithm 1) as a scheduler for
     * {@link org.dl4jtuner.tuner.Study#optimizeResumable}: whole brackets, {@code iterations} times,
     * resumed from storage after a crash.
     */
    public static SynchronousHyperband synchronousHyperband(int minResource, int maxResource, int eta,
            int iterations) {
        return new SynchronousHyperband(minResource, maxResource, eta, iterations);
    }

    /**
     * Successive halving for one or more objectives ({@link ParetoRungPruner}): at rungs
     * {@code minResource * eta^k} below {@code maxResource}, a trial goes on only if it is among the
     * first non-dominated fronts, of the values reported at that rung, that hold the top 1/eta; a
     * trial no other dominates there always goes on. Trials report one value per objective with
     * {@link org.dl4jtuner.tuner.Trial#report(int, double[])}.
     */
    public static Pruner paretoRung(int minResource, int maxResource, int eta) {
        return new ParetoRungPruner(minResource, maxResource, eta);
    }

    /**
     * A pruner that adapts to how well early epochs predict the end ({@link AdaptivePruner}): a curve
     * bound stops a trial that its best value so far, plus the gain 90% of the complete trials made
     * from that epoch on, cannot bring to the best complete trial while the study's best trials were
     * all ahead of it (from 5 complete trials on); at rungs {@code minResource * 3^k} whose values
     * rank the complete trials' final values with a Kendall tau proven above 0.5 (a lower confidence
     * bound), it also halves as ASHA does. Nothing is kept outside storage.
     *
     * <p>It is also a scheduler ({@link AdaptiveScheduler}): given to
     * {@link org.dl4jtuner.tuner.Study#optimizeResumable}, the same rule is asked at rungs
     * {@code minResource * 3^k} only, and a trial it would stop is paused there instead, and resumed
     * from its checkpoint if the rule, asked again later, lets it go on. {@link org.dl4jtuner.tuner.Study#optimize}
     * stops trials as {@link AdaptivePruner} does.
     */
    public static Pruner auto(int minResource, int maxResource) {
        return new AdaptiveScheduler(minResource, maxResource, 3, 0.5);
    }

    /**
     * The curve bound alone ({@link CurveBoundPruner}), as {@code auto} was before it measured rung
     * consistency: from 10 complete trials on, a trial stops when its best so far plus the gain 80%
     * of the complete trials made from that epoch cannot beat the best complete trial and the top
     * max(3, 20%) complete trials were all ahead of it at that epoch.
     */
    public static Pruner curveBound(int minResource, int maxResource) {
        return new CurveBoundPruner(minResource, maxResource, 10, 0.8, 0.2);
    }
}
