package org.dl4jtuner.tuner.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.AdaptivePruner;
import org.dl4jtuner.tuner.pruner.EpochPlan;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;

/**
 * What {@link org.dl4jtuner.tuner.pruner.Pruners#auto} returns: {@link AdaptivePruner}'s rule, as a
 * pruner that stops trials in {@link Study#optimize} and as a scheduler that pauses them instead in
 * {@link Study#optimizeResumable}, so that a trial the rule set aside is resumed from its checkpoint
 * when the evidence changes.
 *
 * <p>As a scheduler it trains trials rung by rung, rungs at {@code minResource * 3^k} below
 * {@code maxResource} and the last at {@code maxResource}, with the machinery of promotion ASHA
 * ({@link PromotionAsha}): a trial pauses at each rung, and a free worker resumes, from the top rung
 * down, the first paused trial that {@link AdaptivePruner}'s rule, asked again at that rung with
 * the study as it is now, would let go on; only when none would does it start a new trial. So a
 * trial goes on at once while the rule says so, exactly as it would without pausing, and a trial
 * the rule would stop waits instead of being lost:
 * <ul>
 *   <li>paused by the curve bound, it goes on when the complete trials' gains from its epoch grow
 *       (a late bloomer completes), so the bound no longer excludes it;</li>
 *   <li>paused by halving at a rung that ranked the complete trials' final values well, it goes
 *       on when that rung stops ranking well as more trials complete, or when it is in the top
 *       1/3 of the values reported there (ASHA's promotion rule).</li>
 * </ul>
 * TPE ranks a paused trial as a pruned one (by how far it got) and the multi-fidelity GP sees it at
 * its last epoch, so a trial set aside early teaches them as a stopped one would. When no
 * new trial may start and no paused one goes on, the run ends and the trials still paused are
 * PRUNED at their rung, as in promotion ASHA.
 *
 * <p>Measured on the learning-curve tables (docs/benchmarks.md, TPE, 100 trials, seeds 0-39): on
 * digits-mlp-lc it reaches the best final accuracy in 35 of 40 seeds after a median of 1,671 epochs,
 * against 35/40 after 2,069 when it stops trials in {@code optimize} and 36/40 after 2,511 without
 * pruning; on fashion-cnn-lc 40/40 after 659 (stopping: 702, no pruning: 756). What gains is asking
 * the rule at rungs only: trials set aside go further first, and TPE, which ranks them by how far
 * they got, proposes a winning configuration sooner; a stop-only pruner asked at the same rungs
 * does as well. Resumed trials were few (39 over 40 seeds on digits) and none was the first to
 * reach the target: the curve bound rarely changes its mind.
 *
 * <p>Its decisions one job at a time ({@link #jobs}) are what {@code optimizeResumable}'s workers
 * take, and what the benchmark's wall-clock simulator replays in simulated time.
 *
 * <p>Its state is storage: rung values are the system attributes
 * {@value SuccessiveHalvingPruner#RUNG_ATTR_PREFIX}{@code k}, paused trials are PAUSED, every
 * decision is recomputed from the trials, and trials it started carry {@value #SCHEDULED_ATTR} (its
 * {@link #prune} leaves them alone: they are paused at rungs, not stopped between them). A study
 * resumed on the same storage decides the same way.
 *
 * <pre>{@code
 * Study study = Study.builder().storage(storage).pruner(Pruners.auto(1, 27)).build();
 * study.optimizeResumable(objective, Budget.trials(100), 2);   // pauses and resumes
 * study.optimize(plainObjective, Budget.trials(100));         // or stops, as AdaptivePruner
 * }</pre>
 */
public final class AdaptiveScheduler implements Scheduler, RungRule {
    /** System attribute marking the trials this scheduler started. */
    public static final String SCHEDULED_ATTR = "auto_scheduled";

    private final AdaptivePruner rule;
    private final int minResource;
    private final int maxResource;
    private final List<Integer> rungs;

    /**
     * @param minResource epochs of the first rung, at least 1
     * @param maxResource epochs a trial trains at most, at least minResource
     * @param eta         rungs at minResource * eta^k; at a trusted rung 1/eta of the trials go on
     * @param minTau      the lower confidence bound of a rung's Kendall tau needed to halve there
     */
    public AdaptiveScheduler(int minResource, int maxResource, int eta, double minTau) {
        this.rule = new AdaptivePruner(minResource, maxResource, eta, minTau);
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.rungs = RungRule.geometric(minResource, maxResource, eta);
    }

    /** The stop-only rule of {@link Study#optimize}; trials this scheduler started are never stopped. */
    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return !trial.systemAttrs().containsKey(SCHEDULED_ATTR) && rule.prune(study, trial);
    }

    @Override
    public List<Integer> rungResources() {
        return rungs;
    }

    /**
     * The paused trials at rung k that the rule, asked now at the rung's epoch, lets go on; best
     * rung value first.
     */
    @Override
    public List<FrozenTrial> promotable(Study study, List<FrozenTrial> trials, int k) {
        String key = SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + k;
        List<FrozenTrial> result = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.PAUSED && RungJobs.completedRungs(t) == k + 1 && goesOn(study, t)) {
                result.add(t);
            }
        }
        result.sort(PromotionAsha.byRungValue(study, key));
        return result;
    }

    /** Whether the rule lets a trial paused at a rung go on, as of the study's trials now. */
    boolean goesOn(Study study, FrozenTrial paused) {
        return !rule.prune(study, paused);
    }

    @Override
    public void started(Trial trial) {
        trial.setSystemAttr(SCHEDULED_ATTR, true);
    }

    @Override
    public Map<String, Object> settings() {
        return new LinkedHashMap<>(rule.settings());
    }

    @Override
    public String name() {
        return "auto(min=" + minResource + ", max=" + maxResource + ")";
    }

    /** As {@link AdaptivePruner#plan}: the rule's bounds, paused or stopped alike. */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        return rule.plan(trials, maxEpochs);
    }
}
