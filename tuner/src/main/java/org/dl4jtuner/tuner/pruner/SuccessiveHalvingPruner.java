package org.dl4jtuner.tuner.pruner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020), stop-only. Rung k sits at step
 * {@code minResource * eta^(minEarlyStoppingRate + k)}. When a trial reaches a rung it records its
 * value there (a trial system attribute) and continues only if that value is in the top
 * {@code 1/eta} of all values recorded at the rung so far, itself included. While fewer than
 * {@code eta} values are recorded, only a value at least as good as all of them continues. A rung
 * at or beyond {@code maxResource} is never judged: a trial that got there has finished training.
 */
public final class SuccessiveHalvingPruner implements Pruner {
    /** Prefix of the system attribute that records a trial's value at rung k. */
    public static final String RUNG_ATTR_PREFIX = "completed_rung_";

    private final int minResource;
    private final long maxResource;
    private final int eta;
    private final int minEarlyStoppingRate;
    private final int bootstrapCount;

    /**
     * @param minResource          steps before the first rung, at least 1
     * @param maxResource          steps a trial trains at most; rungs there or beyond are not judged
     * @param eta                  reduction factor, at least 2
     * @param minEarlyStoppingRate skips the first rungs (Hyperband's bracket index), at least 0
     * @param bootstrapCount       values a rung needs before it promotes anyone, at least 0
     */
    public SuccessiveHalvingPruner(int minResource, long maxResource, int eta, int minEarlyStoppingRate,
            int bootstrapCount) {
        this.minResource = Requires.atLeast("minResource", minResource, 1);
        Requires.argument(maxResource >= minResource, () -> "maxResource >= minResource must hold, but got maxResource="
                + maxResource + ", minResource=" + minResource);
        this.maxResource = maxResource;
        this.eta = Requires.atLeast("eta", eta, 2);
        this.minEarlyStoppingRate = Requires.atLeast("minEarlyStoppingRate", minEarlyStoppingRate, 0);
        this.bootstrapCount = Requires.atLeast("bootstrapCount", bootstrapCount, 0);
    }

    /** The step at which rung {@code k} is judged. */
    public long rungStep(int k) {
        long step = minResource;
        for (int i = 0; i < minEarlyStoppingRate + k; i++) {
            step *= eta;
        }
        return step;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return prune(study, trial, t -> true);
    }

    /** As {@link #prune(Study, FrozenTrial)}, competing only with trials that pass {@code sameBracket}. */
    boolean prune(Study study, FrozenTrial trial, Predicate<FrozenTrial> sameBracket) {
        int step = trial.lastStep();
        if (step < 0) {
            return false;
        }
        double value = trial.intermediateValues().get(step);
        List<FrozenTrial> others = null;
        for (int rung = completedRungs(trial); ; rung++) {
            long rungStep = rungStep(rung);
            if (step < rungStep || rungStep >= maxResource) {
                return false;
            }
            if (Double.isNaN(value)) {
                return true;
            }
            if (others == null) {
                others = new ArrayList<>();
                for (FrozenTrial t : study.trials()) {
                    if (t.id() != trial.id() && sameBracket.test(t)) {
                        others.add(t);
                    }
                }
            }
            String key = RUNG_ATTR_PREFIX + rung;
            study.storage().setTrialSystemAttr(trial.id(), key, value);
            List<Double> losses = new ArrayList<>();
            losses.add(study.direction().toLoss(value));
            for (FrozenTrial t : others) {
                if (t.systemAttrs().get(key) instanceof Number n) {
                    losses.add(study.direction().toLoss(n.doubleValue()));
                }
            }
            if (losses.size() <= bootstrapCount || !isPromotable(study.direction().toLoss(value), losses)) {
                return true;
            }
        }
    }

    private boolean isPromotable(double loss, List<Double> losses) {
        int promotable = Math.max(0, losses.size() / eta - 1);
        Collections.sort(losses);
        return loss <= losses.get(promotable);
    }

    private static int completedRungs(FrozenTrial trial) {
        return completedRungs(trial, RUNG_ATTR_PREFIX);
    }

    /** The rungs a trial has passed: how many of {@code prefix}0, {@code prefix}1, ... it holds in a row. */
    static int completedRungs(FrozenTrial trial, String prefix) {
        int rung = 0;
        while (trial.systemAttrs().containsKey(prefix + rung)) {
            rung++;
        }
        return rung;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "successive_halving");
        settings.put("min_resource", minResource);
        if (maxResource < Long.MAX_VALUE) {
            settings.put("max_resource", maxResource);
        }
        settings.put("eta", eta);
        settings.put("min_early_stopping_rate", minEarlyStoppingRate);
        if (bootstrapCount > 0) {
            settings.put("bootstrap_count", bootstrapCount);
        }
        return settings;
    }

    @Override
    public String name() {
        return "successiveHalving(minResource=" + minResource
                + (maxResource < Long.MAX_VALUE ? ", maxResource=" + maxResource : "") + ", eta=" + eta
                + (minEarlyStoppingRate > 0 ? ", minEarlyStoppingRate=" + minEarlyStoppingRate : "") + ")";
    }

    /**
     * Every trial trains to the first rung; with each rung passing 1/eta of its trials on, a trial
     * reaches rung k with probability eta^-k and the end with eta^-K (K rungs before the end).
     */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        long end = Math.min(maxResource, maxEpochs);
        double perTrial = expectedEpochs(end);
        long first = Math.min(rungStep(0), end);
        return new EpochPlan(trials * first, Math.round(trials * perTrial), trials * end);
    }

    /** One trial's expected epochs when every rung passes 1/eta on. */
    double expectedEpochs(long end) {
        double expected = 0;
        double reach = 1;
        long from = 0;
        for (int k = 0; rungStep(k) < end; k++) {
            expected += reach * (rungStep(k) - from);
            from = rungStep(k);
            reach /= eta;
        }
        return expected + reach * (end - from);
    }
}
