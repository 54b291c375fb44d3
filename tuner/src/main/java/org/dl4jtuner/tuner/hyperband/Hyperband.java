package org.dl4jtuner.tuner.hyperband;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.schedule.BudgetLedger;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.util.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous Hyperband, exactly Algorithm 1 of Li et al. (JMLR 2018): for each bracket s from
 * s_max down to 0, sample n configurations, train them for r_0, keep the top 1/eta, continue those
 * to r_1, and so on. A promoted configuration continues from where it stopped (its objective is a
 * {@link ResumableObjective}), so R=81, eta=3 costs 1,581 epochs per iteration instead of 1,902.
 *
 * <p>Each configuration is one trial of the study: RUNNING while it trains, PAUSED between rungs,
 * PRUNED at the rung where it is dropped, and COMPLETE if it reaches the bracket's last rung. Its
 * iteration, bracket and value at each rung are recorded as system attributes, which is all a
 * new process needs to continue a run that was killed (see {@link #run(Study, ResumableObjective)}).
 * With a model-based sampler in the study this is BOHB's schedule.
 *
 * <pre>{@code
 * Hyperband.plan(81, 3);   // the bracket table
 * Hyperband.builder().maxResource(81).eta(3).build().run(study, (trial, epochs) -> train(trial, epochs));
 * }</pre>
 */
public final class Hyperband {
    /** System attribute: the Hyperband iteration of a trial. */
    public static final String ITERATION_ATTR = "hyperband_iteration";
    /** System attribute: the bracket s of a trial. */
    public static final String BRACKET_ATTR = "hyperband_s";
    /** Prefix of the system attribute holding a trial's value at rung i. */
    public static final String RUNG_ATTR_PREFIX = "hyperband_rung_";
    /** Study attribute: the plan (min_resource, max_resource, eta) the study's Hyperband runs. */
    public static final String PLAN_ATTR = "hyperband_plan";

    private static final Logger LOG = LoggerFactory.getLogger(Hyperband.class);

    private final HyperbandPlan plan;
    private final int iterations;
    private final int parallelTrials;

    private Hyperband(Builder b) {
        this.plan = plan(b.minResource, b.maxResource, b.eta);
        this.iterations = b.iterations;
        this.parallelTrials = b.parallelTrials;
    }

    /** A builder (defaults: minResource 1, maxResource 81, eta 3, one iteration, one trial at a time). */
    public static Builder builder() {
        return new Builder();
    }

    /** The bracket table for resources from 1 to {@code maxResource}. */
    public static HyperbandPlan plan(int maxResource, int eta) {
        return plan(1, maxResource, eta);
    }

    /**
     * The bracket table. With R = maxResource / minResource and s_max = floor(log_eta R), bracket s
     * has n = ceil((s_max + 1) / (s + 1) * eta^s) configurations; rung i keeps floor(n / eta^i) of
     * them at resource maxResource * eta^(i - s).
     */
    public static HyperbandPlan plan(int minResource, int maxResource, int eta) {
        Requires.atLeast("minResource", minResource, 1);
        Requires.atLeast("eta", eta, 2);
        Requires.argument(maxResource >= minResource, () -> "maxResource >= minResource must hold, but got maxResource="
                + maxResource + ", minResource=" + minResource);
        int sMax = 0;
        for (long r = (long) minResource * eta; r <= maxResource; r *= eta) {
            sMax++;
        }
        List<Bracket> brackets = new ArrayList<>();
        for (int s = sMax; s >= 0; s--) {
            long etaS = pow(eta, s);
            long n = ((sMax + 1) * etaS + s) / (s + 1);
            List<Rung> rungs = new ArrayList<>();
            for (int i = 0; i <= s; i++) {
                int ni = (int) (n / pow(eta, i));
                int ri = (int) Math.max(minResource, Math.round(maxResource * Math.pow(eta, i - s)));
                rungs.add(new Rung(ni, ri));
            }
            brackets.add(new Bracket(s, rungs));
        }
        return new HyperbandPlan(minResource, maxResource, eta, brackets);
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    /** This scheduler's bracket table. */
    public HyperbandPlan plan() {
        return plan;
    }

    /**
     * Runs every bracket of every iteration on the study and returns the best trial. A study that
     * already holds trials of an earlier, interrupted run of the same plan continues it: brackets
     * whose trials are all finished are done, the bracket that was running is rebuilt from its
     * trials' attributes (iteration, bracket, value at each rung) and states, trials the dead
     * process left RUNNING are taken over ({@link Study#adoptOrphans}) and, like the PAUSED ones,
     * continue from their checkpoints, and the schedule goes on from there. A study run by another
     * plan (other resources or eta) is refused.
     */
    public FrozenTrial run(Study study, ResumableObjective objective) {
        run(study, objective, progress -> false);
        return study.bestTrial();
    }

    /**
     * As {@link #run(Study, ResumableObjective)}, starting a new bracket only while the budget holds
     * with all of it: its configurations within a trial budget, its epochs within an epoch budget
     * ({@link BudgetLedger}); the first bracket that does not fit ends the run. A bracket that has
     * started is finished, also after a restart. Does not return the best trial (there may be none).
     */
    public void run(Study study, ResumableObjective objective, Budget budget) {
        checkSamePlan(study);
        Map<Integer, Trial> held = new ConcurrentHashMap<>();
        for (Trial orphan : study.adoptOrphans(t -> t.systemAttrs().get(ITERATION_ATTR) instanceof Number)) {
            held.put(orphan.number(), orphan);
        }
        Map<List<Integer>, List<FrozenTrial>> stored = storedBrackets(study);
        BudgetLedger ledger = new BudgetLedger(budget, study.clock());
        ExecutorService pool = parallelTrials > 1 ? Executors.newFixedThreadPool(parallelTrials) : null;
        try {
            for (int iteration = 0; iteration < iterations; iteration++) {
                for (Bracket bracket : plan.brackets()) {
                    List<FrozenTrial> members = stored.getOrDefault(List.of(iteration, bracket.s()), List.of());
                    if (members.isEmpty()) {
                        int n = bracket.rungs().get(0).n();
                        if (study.isStopping() || !ledger.allows(n, bracket.resource()) || !fitsStudyLimit(study, ledger, n)) {
                            LOG.info("Hyperband stops before iteration {}, bracket s={}: {}", iteration, bracket.s(),
                                    study.isStopping() ? "the study was stopped" : "its " + n + " configurations and "
                                            + bracket.resource() + " epochs do not fit in what is left of the budget");
                            return;
                        }
                        ledger.reserve(n, bracket.resource());
                    } else {
                        LOG.info("Hyperband continues iteration {}, bracket s={} from its {} stored trials", iteration,
                                bracket.s(), members.size());
                    }
                    new BracketRun(study, objective, iteration, bracket, held, pool, ledger.studyTrialLimit()).run(members);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /** Whether n more trials fit in a study-wide trial limit, counting the trials that count. */
    private static boolean fitsStudyLimit(Study study, BudgetLedger ledger, int n) {
        if (ledger.studyTrialLimit().isEmpty()) {
            return true;
        }
        long counted = study.trials().stream().filter(t -> !t.systemAttrs().containsKey(Storage.DIED_ATTR)).count();
        return counted + n <= ledger.studyTrialLimit().getAsInt();
    }

    /** Records this plan with the study, or refuses a study an earlier run gave another plan. */
    private void checkSamePlan(Study study) {
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("min_resource", plan.minResource());
        mine.put("max_resource", plan.maxResource());
        mine.put("eta", plan.eta());
        Object stored = study.storage().studySystemAttrs(study.id()).get(PLAN_ATTR);
        if (stored instanceof Map<?, ?> earlier && !sameNumbers(earlier, mine)) {
            throw new IllegalArgumentException("study '" + study.name() + "' was run by Hyperband with " + earlier
                    + ", but this Hyperband has " + mine + "; resume it with the same plan, or use another study");
        }
        study.storage().setStudySystemAttr(study.id(), PLAN_ATTR, mine);
    }

    private static boolean sameNumbers(Map<?, ?> a, Map<String, Object> b) {
        for (Map.Entry<String, Object> e : b.entrySet()) {
            if (!(a.get(e.getKey()) instanceof Number n) || n.longValue() != ((Number) e.getValue()).longValue()) {
                return false;
            }
        }
        return true;
    }

    /** The study's stored Hyperband trials by (iteration, bracket s), trials whose process died left out. */
    private static Map<List<Integer>, List<FrozenTrial>> storedBrackets(Study study) {
        Map<List<Integer>, List<FrozenTrial>> brackets = new HashMap<>();
        for (FrozenTrial t : study.trials()) {
            if (t.systemAttrs().get(ITERATION_ATTR) instanceof Number i && t.systemAttrs().get(BRACKET_ATTR) instanceof Number s
                    && !(t.state() == TrialState.FAIL && t.systemAttrs().containsKey(Storage.DIED_ATTR))) {
                brackets.computeIfAbsent(List.of(i.intValue(), s.intValue()), k -> new ArrayList<>()).add(t);
            }
        }
        return brackets;
    }

    /** Builder of a {@link Hyperband} scheduler. */
    public static final class Builder {
        private int minResource = 1;
        private int maxResource = 81;
        private int eta = 3;
        private int iterations = 1;
        private int parallelTrials = 1;

        private Builder() {
        }

        /** The smallest resource (epochs), default 1. */
        public Builder minResource(int minResource) {
            this.minResource = minResource;
            return this;
        }

        /** The largest resource R (epochs), default 81. */
        public Builder maxResource(int maxResource) {
            this.maxResource = maxResource;
            return this;
        }

        /** The reduction factor, default 3. */
        public Builder eta(int eta) {
            this.eta = eta;
            return this;
        }

        /** How many times to run all brackets, default 1. */
        public Builder iterations(int iterations) {
            this.iterations = Requires.atLeast("iterations", iterations, 1);
            return this;
        }

        /** How many configurations of a rung train at once, default 1. */
        public Builder parallelTrials(int parallelTrials) {
            this.parallelTrials = Requires.atLeast("parallelTrials", parallelTrials, 1);
            return this;
        }

        /** Validates and builds. */
        public Hyperband build() {
            return new Hyperband(this);
        }
    }
}
