package org.dl4jtuner.tuner.hyperband;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.util.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous Hyperband, exactly Algorithm 1 of Li et al. (JMLR 2018): for each bracket s from
 * s_max down to 0, sample n configurations, train them for r_0, keep the top 1/eta, continue those
 * to r_1, and so on. A promoted configuration continues from where it stopped (its objective is a
 * {@link ResumableObjective}), so R=81, eta=3 costs 1,581 epochs per iteration instead of 1,902.
 *
 * <p>Each configuration is one trial of the study: it stays RUNNING across rungs, ends PRUNED at
 * the rung where it is dropped, and COMPLETE if it reaches the bracket's last rung. Its iteration,
 * bracket and value at each rung are recorded as system attributes. With a model-based sampler in
 * the study this is BOHB's schedule.
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

    /** Runs every bracket of every iteration on the study; returns the best trial. */
    public FrozenTrial run(Study study, ResumableObjective objective) {
        ExecutorService pool = parallelTrials > 1 ? Executors.newFixedThreadPool(parallelTrials) : null;
        try {
            for (int iteration = 0; iteration < iterations; iteration++) {
                for (Bracket bracket : plan.brackets()) {
                    runBracket(study, objective, iteration, bracket, pool);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        return study.bestTrial();
    }

    private void runBracket(Study study, ResumableObjective objective, int iteration, Bracket bracket,
            ExecutorService pool) {
        LOG.info("Hyperband iteration {}, bracket s={}: {} configurations, rungs {}", iteration, bracket.s(),
                bracket.rungs().get(0).n(), bracket.rungs());
        List<Trial> alive = new ArrayList<>();
        for (int i = 0; i < bracket.rungs().get(0).n(); i++) {
            Trial trial = study.ask();
            trial.setSystemAttr(ITERATION_ATTR, iteration);
            trial.setSystemAttr(BRACKET_ATTR, bracket.s());
            alive.add(trial);
        }
        for (int i = 0; i < bracket.rungs().size() && !alive.isEmpty(); i++) {
            int resource = bracket.rungs().get(i).r();
            List<Scored> scored = evaluate(study, objective, alive, resource, i, pool);
            scored.sort(Comparator.comparingDouble((Scored s) -> study.direction().toLoss(s.value))
                    .thenComparingInt(s -> s.trial.number()));
            boolean last = i == bracket.rungs().size() - 1;
            int keep = last ? scored.size() : Math.min(scored.size(), bracket.rungs().get(i + 1).n());
            alive = new ArrayList<>();
            for (int k = 0; k < scored.size(); k++) {
                Scored s = scored.get(k);
                if (k >= keep) {
                    study.tell(s.trial, TrialState.PRUNED);
                } else if (last) {
                    study.tell(s.trial, s.value);
                } else {
                    alive.add(s.trial);
                }
            }
        }
    }

    private record Scored(Trial trial, double value) {
    }

    private List<Scored> evaluate(Study study, ResumableObjective objective, List<Trial> trials, int resource,
            int rung, ExecutorService pool) {
        List<Callable<Scored>> tasks = new ArrayList<>();
        for (Trial trial : trials) {
            tasks.add(() -> evaluateOne(study, objective, trial, resource, rung));
        }
        List<Scored> results = new ArrayList<>();
        try {
            if (pool == null) {
                for (Callable<Scored> task : tasks) {
                    add(results, task.call());
                }
            } else {
                for (Future<Scored> f : pool.invokeAll(tasks)) {
                    add(results, f.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a Hyperband rung", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return results;
    }

    private static void add(List<Scored> results, Scored scored) {
        if (scored != null) {
            results.add(scored);
        }
    }

    /** Trains one configuration to {@code resource}; null if it failed or pruned itself. */
    private static Scored evaluateOne(Study study, ResumableObjective objective, Trial trial, int resource,
            int rung) {
        double value;
        try {
            value = objective.evaluate(trial, resource);
        } catch (TrialPrunedException e) {
            study.tell(trial, TrialState.PRUNED);
            return null;
        } catch (Exception e) {
            study.tellFailure(trial, e);
            return null;
        } catch (Error e) {
            study.tellFailure(trial, e);
            throw e;
        }
        if (Double.isNaN(value)) {
            study.tell(trial, value);
            return null;
        }
        trial.report(resource, value);
        trial.setSystemAttr(RUNG_ATTR_PREFIX + rung, value);
        return new Scored(trial, value);
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
