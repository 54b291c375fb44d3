package org.dl4jtuner.tuner.pruner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.util.Requires;

/**
 * The rule behind {@link Pruners#auto}, which returns it wrapped in
 * {@link org.dl4jtuner.tuner.schedule.AdaptiveScheduler} (this rule in {@code Study.optimize}; the
 * same rule pausing trials at rungs in {@code Study.optimizeResumable}): it measures, as trials
 * finish, how well each rung's values rank the final values, and prunes by successive halving only
 * at the rungs that have shown they do; everywhere else, and always as well, a trial stops when a
 * curve bound says it cannot win.
 *
 * <ul>
 *   <li><b>Curve bound</b> ({@link CurveBoundPruner} with 5 warm-up trials, the 0.9 quantile of the
 *       gains and a 20% envelope): once 5 trials are complete, a trial stops when its best value so
 *       far plus the gain 90% of the complete trials stayed within from that epoch to their end
 *       cannot beat the best complete trial, and every one of the study's best complete trials (the
 *       top max(3, 20%)) was ahead of it at that epoch.</li>
 *   <li><b>Halving where early epochs have proven predictive</b>: rungs sit at
 *       {@code minResource * eta^k} below {@code maxResource}. At a rung, the pruner takes Kendall's
 *       tau (tau-b) between the values the complete trials reported at the rung and their final
 *       values, and its lower confidence bound tau - 1.5 x SE(n), with SE(n) = sqrt(2(2n + 5) / (9n(n - 1)))
 *       the standard error of tau for n independent pairs. When that bound is at least {@code minTau}
 *       (with at least 5 pairs), the rung ranks final values well enough to halve there: the trial
 *       continues only if its value at the rung is in the top 1/eta of all values reported at that
 *       step (ASHA's rule). This is the measurement Hyper-Tune (Li et al., VLDB 2022) uses to choose
 *       Hyperband's brackets, turned into a per-rung switch.</li>
 * </ul>
 *
 * <p>Why a confidence bound and {@code minTau = 0.5} by default: on the digits-mlp-lc table the
 * configurations that end best are average at epochs 1 to 27 (while Kendall's tau between epoch 27
 * and the end is 0.66 over the whole table), so a rung can rank most trials well and still stop the
 * winners. With a bar of 0.3 instead, TPE reached the best accuracy there in 53 of 80 seeds against
 * 65 with the curve bound alone (see docs/benchmarks.md); the switch therefore needs strong, not
 * merely positive, evidence, and the curve bound does the work on curves whose early epochs mislead.
 *
 * <p>It keeps no state of its own: every rung value is a reported intermediate value, and the
 * consistency, the bound and the envelope are recomputed from the trials in storage at each
 * decision, so a study resumed over the same storage decides the same way.
 *
 * <pre>{@code
 * Study.builder().pruner(Pruners.auto(1, 81)).build();
 * }</pre>
 */
public final class AdaptivePruner implements Pruner {
    /** Complete trials the curve bound waits for before it stops anything. */
    static final int WARMUP_TRIALS = 5;
    /** The quantile of the complete trials' gains the curve bound allows for. */
    static final double GAIN_QUANTILE = 0.9;
    /** The curve bound's envelope: the top max(3, 20%) complete trials must all have been ahead. */
    static final double ENVELOPE = 0.2;
    /** Complete trials with a value at the rung needed before its consistency is judged. */
    static final int MIN_PAIRS = 5;
    /** Standard errors subtracted from the measured tau (a one-sided bound of about 93%). */
    static final double STANDARD_ERRORS = 1.5;

    private final int minResource;
    private final int maxResource;
    private final int eta;
    private final double minTau;
    private final CurveBoundPruner curveBound;

    /**
     * @param minResource epochs every trial trains before it can be pruned; the first rung
     * @param maxResource epochs a trial trains at most (no trial is judged at its last epoch)
     * @param eta         rungs at minResource * eta^k, and 1/eta of a trusted rung's trials go on
     * @param minTau      in (-1, 1]: the lower confidence bound of a rung's Kendall tau needed to halve there
     */
    public AdaptivePruner(int minResource, int maxResource, int eta, double minTau) {
        this.minResource = Requires.atLeast("minResource", minResource, 1);
        this.maxResource = Requires.atLeast("maxResource", maxResource, minResource);
        this.eta = Requires.atLeast("eta", eta, 2);
        Requires.argument(minTau > -1 && minTau <= 1, () -> "-1 < minTau <= 1 must hold, but got minTau=" + minTau);
        this.minTau = minTau;
        this.curveBound = new CurveBoundPruner(minResource, maxResource, WARMUP_TRIALS, GAIN_QUANTILE, ENVELOPE);
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        int step = trial.lastStep();
        if (step < minResource || step >= maxResource) {
            return false;
        }
        if (curveBound.prune(study, trial)) {
            return true;
        }
        if (!isRung(step)) {
            return false;
        }
        List<FrozenTrial> trials = study.trials();
        return rungPredicts(trials, step) && !inTopFraction(study.direction(), trials, trial, step);
    }

    /** Whether {@code step} is minResource * eta^k for some k. */
    boolean isRung(int step) {
        for (long rung = minResource; rung < maxResource; rung *= eta) {
            if (rung == step) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lower confidence bound of Kendall's tau between the values complete trials reported at
     * {@code step} and their final values, or NaN with fewer than {@link #MIN_PAIRS} such trials.
     */
    static double consistency(List<FrozenTrial> trials, int step) {
        List<double[]> pairs = new ArrayList<>();
        for (FrozenTrial t : trials) {
            Double atStep = t.intermediateValues().get(step);
            if (t.state() == TrialState.COMPLETE && t.value() != null && !Double.isNaN(t.value()) && atStep != null
                    && !Double.isNaN(atStep)) {
                pairs.add(new double[] {atStep, t.value()});
            }
        }
        int n = pairs.size();
        if (n < MIN_PAIRS) {
            return Double.NaN;
        }
        double[] early = new double[n];
        double[] late = new double[n];
        for (int i = 0; i < n; i++) {
            early[i] = pairs.get(i)[0];
            late[i] = pairs.get(i)[1];
        }
        double tau = new KendallsCorrelation().correlation(early, late);
        if (Double.isNaN(tau)) {
            return Double.NaN; // every value tied at the rung or at the end: no ranking to trust
        }
        double standardError = Math.sqrt(2.0 * (2 * n + 5) / (9.0 * n * (n - 1)));
        return tau - STANDARD_ERRORS * standardError;
    }

    private boolean rungPredicts(List<FrozenTrial> trials, int step) {
        double bound = consistency(trials, step);
        return !Double.isNaN(bound) && bound >= minTau;
    }

    /** ASHA's rule: the trial's value at {@code step} is in the top 1/eta of every value reported there. */
    private boolean inTopFraction(Direction direction, List<FrozenTrial> trials, FrozenTrial trial, int step) {
        double mine = direction.toLoss(trial.intermediateValues().get(step));
        if (Double.isNaN(mine)) {
            return false;
        }
        List<Double> losses = new ArrayList<>();
        losses.add(mine);
        for (FrozenTrial t : trials) {
            Double value = t.id() == trial.id() ? null : t.intermediateValues().get(step);
            if (value != null && !Double.isNaN(value)) {
                losses.add(direction.toLoss(value));
            }
        }
        Collections.sort(losses);
        return mine <= losses.get(Math.max(0, losses.size() / eta - 1));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "auto");
        settings.put("min_resource", minResource);
        settings.put("max_resource", maxResource);
        settings.put("eta", eta);
        settings.put("min_tau", minTau);
        settings.put("warmup_trials", WARMUP_TRIALS);
        settings.put("quantile", GAIN_QUANTILE);
        settings.put("envelope", ENVELOPE);
        return settings;
    }

    @Override
    public String name() {
        return "auto(min=" + minResource + ", max=" + maxResource + ")";
    }

    /**
     * Nothing is pruned before {@link #WARMUP_TRIALS} trials are complete (halving needs even more:
     * {@link #MIN_PAIRS} complete trials and a strong tau), nor before {@code minResource}; how many
     * epochs the rest train depends on the values they report.
     */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        return EpochPlan.earliest(trials, maxEpochs, WARMUP_TRIALS, minResource);
    }
}
