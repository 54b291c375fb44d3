package org.dl4jtuner.tuner.strategy;

import static org.dl4jtuner.tuner.strategy.Option.bool;
import static org.dl4jtuner.tuner.strategy.Option.integer;
import static org.dl4jtuner.tuner.strategy.Option.number;

import java.util.List;

import org.dl4jtuner.tuner.pruner.CurveBoundPruner;
import org.dl4jtuner.tuner.pruner.ParetoRungPruner;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.util.Requires;

/** The built-in pruners' descriptions, in the order messages list them. */
final class BuiltInPruners {
    private BuiltInPruners() {
    }

    private static final String PRUNER = "pruner";

    static final List<StrategyDescription<Pruner>> ALL = List.of(
            StrategyDescription.<Pruner>of(PRUNER, "none", "never prunes", (o, c) -> Pruners.none()),
            StrategyDescription.<Pruner>of(PRUNER, "median", "prunes below the median of complete trials at the same epoch",
                    (o, c) -> Pruners.median(o.integer("warmup_trials"), o.integer("warmup_steps")))
                    .withOptions(warmupTrials(), warmupSteps()),
            StrategyDescription.<Pruner>of(PRUNER, "percentile", "prunes below a percentile of complete trials at the same"
                    + " epoch", (o, c) -> Pruners.percentile(o.number("percentile"), o.integer("warmup_trials"),
                            o.integer("warmup_steps")))
                    .withOptions(
                            number("percentile", 25.0, "25", 0, 100, false, false,
                                    "a trial worse than this percentile of the complete trials at the same epoch is pruned"
                                            + " (25 keeps the top quarter)"),
                            warmupTrials(), warmupSteps()),
            StrategyDescription.<Pruner>of(PRUNER, "patience", "prunes a trial that stopped improving",
                    (o, c) -> Pruners.patience(o.integer("patience"), o.number("min_delta")))
                    .withOptions(
                            integer("patience", 3, 1, "epochs without improvement before the trial is pruned"),
                            number("min_delta", 0.0, "0", 0, Double.POSITIVE_INFINITY, false, false,
                                    "the least change that counts as an improvement")),
            StrategyDescription.<Pruner>of(PRUNER, "asha", "asynchronous successive halving; with promotion: true, trials"
                    + " pause at rungs and the best resume from their checkpoints", (o, c) -> {
                        int min = minEpochs(o, c);
                        if (o.flag("promotion")) {
                            Requires.argument(c.maxEpochs() != null,
                                    "pruner asha with promotion needs max epochs in its context (StrategyContext.withMaxEpochs)");
                            return Pruners.promotionAsha(min, c.maxEpochs(), o.integer("eta"));
                        }
                        return c.maxEpochs() == null ? Pruners.successiveHalving(min, o.integer("eta"))
                                : Pruners.successiveHalving(min, c.maxEpochs(), o.integer("eta"));
                    }).withAliases("successive_halving").withOptions(minEpochs(), eta(),
                            bool("promotion", false, "pause trials at rungs and resume the top 1/eta of each rung"
                                    + " from their checkpoints (ASHA's Algorithm 2) instead of stopping the rest")),
            StrategyDescription.<Pruner>of(PRUNER, "hyperband", "asynchronous Hyperband: brackets of successive halving;"
                    + " with synchronous: true, Hyperband's brackets one after another, resumable after a crash",
                    (o, c) -> {
                        Requires.argument(c.maxEpochs() != null,
                                "pruner hyperband needs max epochs in its context (StrategyContext.withMaxEpochs)");
                        if (o.flag("synchronous")) {
                            return Pruners.synchronousHyperband(minEpochs(o, c), c.maxEpochs(), o.integer("eta"),
                                    o.integer("iterations"));
                        }
                        Requires.argument(o.integer("iterations") == 1, () -> "pruner.hyperband.iterations applies to"
                                + " synchronous: true only, but got iterations=" + o.integer("iterations")
                                + " without it");
                        return Pruners.hyperband(minEpochs(o, c), c.maxEpochs(), o.integer("eta"));
                    })
                    .withOptions(minEpochs(), eta(),
                            bool("synchronous", false, "run Hyperband's brackets one after another (Algorithm 1), each"
                                    + " promoted configuration continuing from its checkpoint; resumes after a crash"),
                            integer("iterations", 1, 1, "with synchronous: true, how many times all brackets run")),
            StrategyDescription.<Pruner>of(PRUNER, "auto", "measures how well each rung's values rank the final ones;"
                    + " halves (as ASHA) only at rungs proven predictive, and sets aside a trial whose best so far, plus the"
                    + " gain most complete trials made from that epoch on, cannot beat the best complete trial; where"
                    + " trials checkpoint (trained in this process, not reproducible) it pauses them at rungs 1, 3, 9, ..."
                    + " and resumes one when the rule, asked again, lets it go on; elsewhere it stops them", (o, c) -> {
                        Requires.argument(c.maxEpochs() != null,
                                "pruner auto needs max epochs in its context (StrategyContext.withMaxEpochs)");
                        return Pruners.auto(minEpochs(o, c), c.maxEpochs());
                    })
                    .withOptions(minEpochs()),
            StrategyDescription.<Pruner>of(PRUNER, "curve_bound", "stops a trial whose best so far, plus the gain most"
                    + " complete trials made from that epoch on, cannot beat the best complete trial (auto's bound alone)",
                    (o, c) -> {
                        Requires.argument(c.maxEpochs() != null,
                                "pruner curve_bound needs max epochs in its context (StrategyContext.withMaxEpochs)");
                        return new CurveBoundPruner(minEpochs(o, c), c.maxEpochs(), o.integer("warmup_trials"),
                                o.number("quantile"), o.number("envelope"));
                    })
                    .withOptions(minEpochs(),
                            integer("warmup_trials", 10, 1, "complete trials before any trial is pruned"),
                            number("quantile", 0.8, "0.8", 0, 1, true, false, "the quantile of the complete trials'"
                                    + " gains from an epoch to their end that bounds what a trial can still gain"),
                            number("envelope", 0.2, "0.2", 0, 1, false, true, "0 judges by the gain alone; f > 0 also"
                                    + " needs the top max(3, f x complete) trials all to have been ahead at that epoch")),
            StrategyDescription.<Pruner>of(PRUNER, "pareto_asha", "successive halving for one or more objectives: at"
                    + " rungs min_epochs * eta^k, a trial goes on if it is among the first non-dominated fronts holding"
                    + " the top 1/eta of the trials there", (o, c) -> new ParetoRungPruner(minEpochs(o, c),
                            c.maxEpochs() == null ? Long.MAX_VALUE : c.maxEpochs(), o.integer("eta")))
                    .withOptions(minEpochs(), eta()));

    private static Option warmupTrials() {
        return integer("warmup_trials", 5, 0, "complete trials before any trial is pruned");
    }

    private static Option warmupSteps() {
        return integer("warmup_steps", 0, 0, "epochs each trial trains before it can be pruned");
    }

    private static Option minEpochs() {
        return integer("min_epochs", 1, 1, "epochs before the first rung; min_epochs <= max_epochs")
                .recordedAs("min_resource");
    }

    private static Option eta() {
        return integer("eta", 3, 2, "reduction factor: 1/eta of the trials reaching a rung go on");
    }

    /** min_epochs, checked against the context's max epochs. */
    private static int minEpochs(OptionValues o, StrategyContext c) {
        int min = o.integer("min_epochs");
        Requires.argument(c.maxEpochs() == null || min <= c.maxEpochs(), () -> "min_epochs <= max_epochs must hold, but got"
                + " min_epochs=" + min + ", max_epochs=" + c.maxEpochs());
        return min;
    }
}
