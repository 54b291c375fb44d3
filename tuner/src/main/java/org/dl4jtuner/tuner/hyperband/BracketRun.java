package org.dl4jtuner.tuner.hyperband;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bracket of synchronous Hyperband, run from what storage holds: its configurations are asked
 * (those not asked yet), then rung by rung the ones without a value at the rung train to its
 * resource, the rung is ranked by the stored values, its top n_(i+1) go on (PAUSED until the next
 * rung resumes them) and the rest are PRUNED; at the last rung the survivors are COMPLETE. Every
 * step reads its facts from storage, so the same code starts a bracket and finishes one a killed
 * process left half done, training nothing twice.
 */
final class BracketRun {
    private static final Logger LOG = LoggerFactory.getLogger(BracketRun.class);

    private final Study study;
    private final ResumableObjective objective;
    private final int iteration;
    private final Bracket bracket;
    /** Trials this process runs (asked or taken over, RUNNING), by number. */
    private final Map<Integer, Trial> held;
    private final ExecutorService pool;
    private final OptionalInt studyTrialLimit;

    BracketRun(Study study, ResumableObjective objective, int iteration, Bracket bracket, Map<Integer, Trial> held,
            ExecutorService pool, OptionalInt studyTrialLimit) {
        this.study = study;
        this.objective = objective;
        this.iteration = iteration;
        this.bracket = bracket;
        this.held = held;
        this.pool = pool;
        this.studyTrialLimit = studyTrialLimit;
    }

    /** Runs the bracket, whose stored trials (empty for a new bracket) are {@code members}. */
    void run(List<FrozenTrial> members) {
        List<Integer> candidates = new ArrayList<>(members.stream().map(FrozenTrial::number).sorted().toList());
        int n = bracket.rungs().get(0).n();
        if (candidates.size() < n) {
            LOG.info("Hyperband iteration {}, bracket s={}: {} configurations, rungs {}", iteration, bracket.s(), n,
                    bracket.rungs());
        }
        while (candidates.size() < n) {
            Trial trial = studyTrialLimit.isPresent() ? study.askWithin(studyTrialLimit.getAsInt()) : study.ask();
            if (trial == null) {
                throw new IllegalStateException("the study's trial limit left no room for configuration "
                        + (candidates.size() + 1) + " of " + n + " of bracket s=" + bracket.s());
            }
            trial.setSystemAttr(Hyperband.ITERATION_ATTR, iteration);
            trial.setSystemAttr(Hyperband.BRACKET_ATTR, bracket.s());
            held.put(trial.number(), trial);
            candidates.add(trial.number());
        }
        for (int i = 0; i < bracket.rungs().size() && !candidates.isEmpty(); i++) {
            String key = Hyperband.RUNG_ATTR_PREFIX + i;
            boolean last = i == bracket.rungs().size() - 1;
            List<FrozenTrial> toTrain = new ArrayList<>();
            for (FrozenTrial t : latest(candidates)) {
                if (!t.systemAttrs().containsKey(key) && !t.isFinished()) {
                    toTrain.add(t);
                }
            }
            evaluate(toTrain, bracket.rungs().get(i).r(), i, last);
            List<FrozenTrial> scored = new ArrayList<>();
            for (FrozenTrial t : latest(candidates)) {
                if (t.systemAttrs().get(key) instanceof Number) {
                    scored.add(t);
                }
            }
            scored.sort(Comparator.comparingDouble((FrozenTrial t) -> study.direction().toLoss(valueAt(t, key)))
                    .thenComparingInt(FrozenTrial::number));
            int keep = last ? scored.size() : Math.min(scored.size(), bracket.rungs().get(i + 1).n());
            candidates = new ArrayList<>();
            for (int k = 0; k < scored.size(); k++) {
                FrozenTrial t = scored.get(k);
                if (k >= keep) {
                    finish(t, TrialState.PRUNED, null);
                } else if (last) {
                    finish(t, TrialState.COMPLETE, valueAt(t, key));
                } else {
                    candidates.add(t.number());
                }
            }
        }
    }

    private static double valueAt(FrozenTrial t, String key) {
        return ((Number) t.systemAttrs().get(key)).doubleValue();
    }

    /** The stored snapshots of these trials, in the order given. */
    private List<FrozenTrial> latest(List<Integer> numbers) {
        Map<Integer, FrozenTrial> byNumber = new HashMap<>();
        for (FrozenTrial t : study.trials()) {
            byNumber.put(t.number(), t);
        }
        return numbers.stream().map(byNumber::get).toList();
    }

    /** Ends a trial that is not finished yet (a trial an earlier run already ended is left as it is). */
    private void finish(FrozenTrial t, TrialState state, Double value) {
        if (t.isFinished()) {
            return;
        }
        Trial trial = live(t);
        held.remove(t.number());
        if (state == TrialState.COMPLETE) {
            study.tell(trial, value);
        } else {
            study.tell(trial, state);
        }
    }

    /** The trial object to train or tell: the one this process holds, or a PAUSED trial resumed. */
    private Trial live(FrozenTrial t) {
        Trial trial = held.get(t.number());
        if (trial != null && t.state() == TrialState.RUNNING) {
            return trial;
        }
        if (t.state() == TrialState.PAUSED) {
            Trial resumed = study.resume(t);
            if (resumed != null) {
                held.put(t.number(), resumed);
                return resumed;
            }
        }
        throw new IllegalStateException("trial " + t.number() + " of Hyperband iteration " + iteration + ", bracket s="
                + bracket.s() + " is " + study.storage().getTrial(t.id()).state() + " and run by "
                + t.systemAttrs().get(Study.WORKER_ATTR) + ", not by this process: another process runs this study's"
                + " Hyperband; run one at a time");
    }

    private void evaluate(List<FrozenTrial> trials, int resource, int rung, boolean last) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (FrozenTrial t : trials) {
            tasks.add(() -> {
                evaluateOne(live(t), resource, rung, last);
                return null;
            });
        }
        try {
            if (pool == null) {
                for (Callable<Void> task : tasks) {
                    task.call();
                }
            } else {
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a Hyperband rung", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trains one configuration to {@code resource}; records its value at the rung and pauses it, or ends it. */
    private void evaluateOne(Trial trial, int resource, int rung, boolean last) {
        double value;
        try {
            value = objective.evaluate(trial, resource);
        } catch (TrialPrunedException e) {
            held.remove(trial.number());
            study.tell(trial, TrialState.PRUNED);
            return;
        } catch (Exception e) {
            held.remove(trial.number());
            study.tellFailure(trial, e);
            return;
        } catch (Error e) {
            held.remove(trial.number());
            study.tellFailure(trial, e);
            throw e;
        }
        if (Double.isNaN(value)) {
            held.remove(trial.number());
            study.tell(trial, value);
            return;
        }
        if (!trial.frozen().intermediateValues().containsKey(resource)) {
            trial.report(resource, value);   // an objective that reports no epochs still leaves its rung value
        }
        trial.setSystemAttr(Hyperband.RUNG_ATTR_PREFIX + rung, value);
        if (!last) {
            held.remove(trial.number());
            study.pause(trial);
        }
    }
}
