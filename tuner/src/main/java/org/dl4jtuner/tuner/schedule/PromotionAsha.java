package org.dl4jtuner.tuner.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.EpochPlan;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;
import org.dl4jtuner.tuner.util.Requires;

/**
 * ASHA with promotions, Algorithm 2 of Li et al. (MLSys 2020, "A System for Massively Parallel
 * Hyperparameter Tuning"). Rung k trains a trial to {@code minResource * eta^k} epochs; the top rung
 * is {@code maxResource}. When a worker is free it looks, from the top rung down, for a trial that
 * is in the top {@code 1/eta} of everything that reached its rung and has not been promoted yet, and
 * resumes it from its checkpoint to the next rung; otherwise it starts a new trial at rung 0. A
 * trial that reaches a rung is {@link org.dl4jtuner.tuner.TrialState#PAUSED PAUSED}, not stopped: it
 * may become promotable later, when more trials have reached its rung. A trial that reaches the top
 * rung is COMPLETE.
 *
 * <p>Its state is storage: a trial's value at rung k is the system attribute
 * {@value SuccessiveHalvingPruner#RUNG_ATTR_PREFIX}{@code k} (the stop-only pruner's), and paused
 * trials are PAUSED, so workers in other processes, or this study after a restart, see them and
 * promote them; moving PAUSED to RUNNING is atomic, so no trial is promoted twice. Trials the last
 * process left RUNNING are taken over and finish their rung from their checkpoints.
 *
 * <p>Budgets stay exact ({@link BudgetLedger}): a trial-count budget bounds new trials, and once it
 * is spent the workers go on promoting until nothing is promotable; an epoch budget bounds every
 * epoch trained. When the run ends (not when it is stopped), the trials still paused are PRUNED at
 * their rung, unless trials of another process are still running.
 *
 * <pre>{@code
 * Study study = Study.builder().storage(storage).pruner(Pruners.promotionAsha(1, 27, 3)).build();
 * study.optimizeResumable(objective, Budget.trials(81), 4);   // rungs at 1, 3, 9 and 27 epochs
 * }</pre>
 */
public final class PromotionAsha implements Scheduler, RungRule {
    private final int minResource;
    private final int maxResource;
    private final int eta;
    private final List<Integer> rungs;

    /**
     * @param minResource epochs of rung 0, at least 1
     * @param maxResource epochs of the top rung, at least minResource
     * @param eta         reduction factor, at least 2: the top 1/eta of a rung is promoted
     */
    public PromotionAsha(int minResource, int maxResource, int eta) {
        this.minResource = Requires.atLeast("minResource", minResource, 1);
        Requires.argument(maxResource >= minResource, () -> "maxResource >= minResource must hold, but got maxResource="
                + maxResource + ", minResource=" + minResource);
        this.maxResource = maxResource;
        this.eta = Requires.atLeast("eta", eta, 2);
        this.rungs = RungRule.geometric(minResource, maxResource, eta);
    }

    /** The epochs of each rung, rung 0 first; the last is maxResource. */
    public List<Integer> rungResources() {
        return rungs;
    }

    /** The reduction factor. */
    public int eta() {
        return eta;
    }

    /**
     * The paused trials of rung k that Algorithm 2 promotes: those among the best floor(n/eta) of
     * the n trials that reached rung k (whatever they became since) that have not gone past it.
     */
    @Override
    public List<FrozenTrial> promotable(Study study, List<FrozenTrial> trials, int k) {
        String key = SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + k;
        List<FrozenTrial> reached = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.systemAttrs().get(key) instanceof Number) {
                reached.add(t);
            }
        }
        reached.sort(byRungValue(study, key));
        List<FrozenTrial> result = new ArrayList<>();
        for (FrozenTrial t : reached.subList(0, reached.size() / eta)) {
            if (t.state() == TrialState.PAUSED && RungJobs.completedRungs(t) == k + 1) {
                result.add(t);
            }
        }
        return result;
    }

    /** Best value at the rung whose attribute is {@code key} first, then by trial number. */
    static Comparator<FrozenTrial> byRungValue(Study study, String key) {
        return Comparator.comparingDouble((FrozenTrial t) -> study.direction().toLoss(rungValue(t, key)))
                .thenComparingInt(FrozenTrial::number);
    }

    /** A trial's value at the rung whose attribute is {@code key}; NaN ranks last. */
    static double rungValue(FrozenTrial t, String key) {
        double v = ((Number) t.systemAttrs().get(key)).doubleValue();
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "successive_halving");
        settings.put("min_resource", minResource);
        settings.put("max_resource", maxResource);
        settings.put("eta", eta);
        settings.put("promotion", true);
        return settings;
    }

    @Override
    public String name() {
        return "promotionAsha(minResource=" + minResource + ", maxResource=" + maxResource + ", eta=" + eta + ")";
    }

    /**
     * Every trial trains to rung 0; expected: rung k+1 gets floor(n_k / eta) of the n_k trials of
     * rung k, each continuing from its checkpoint. Algorithm 2 promotes somewhat more than that: early
     * on, a trial in the top 1/eta of the few that have reached a rung goes on (16 trials at rungs 1, 3,
     * 9 and eta 3: 32 epochs planned, 38 spent on a table of crossing curves). Fewest: nobody promoted;
     * most: every trial to the top rung.
     */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        int top = Math.min(maxResource, maxEpochs);
        long expected = 0;
        long reaching = trials;
        int previous = 0;
        for (int r : rungs) {
            int upTo = Math.min(r, top);
            expected += reaching * (upTo - previous);
            previous = upTo;
            reaching /= eta;
            if (upTo == top) {
                break;
            }
        }
        return new EpochPlan((long) trials * Math.min(rungs.get(0), top), expected, (long) trials * top);
    }
}
