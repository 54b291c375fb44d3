package org.dl4jtuner.tuner.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;
import org.dl4jtuner.tuner.util.Unchecked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a promoting scheduler ({@link PromotionAsha}, {@link AdaptiveScheduler}): workers that
 * each take the next job (a promotion from the top rung down, as the scheduler's {@link RungRule}
 * says, else a new trial), train it, record its rung value and pause or complete it, until no job
 * is left; then the trials still paused are pruned.
 */
final class AshaRun {
    private static final Logger LOG = LoggerFactory.getLogger(AshaRun.class);

    private final RungRule asha;
    private final Study study;
    private final ResumableObjective objective;
    private final BudgetLedger ledger;
    private final Object lock = new Object();
    private final Deque<Job> adopted = new ArrayDeque<>();
    private int inFlight;
    private boolean failed;
    private boolean noMoreNewTrials;

    /** A trial to train to rung {@code rung}, with the epochs reserved for it. */
    private record Job(Trial trial, int rung, long reserved, boolean newTrial) {
    }

    AshaRun(RungRule asha, Study study, ResumableObjective objective, BudgetLedger ledger) {
        this.asha = asha;
        this.study = study;
        this.objective = objective;
        this.ledger = ledger;
    }

    void run(int parallelTrials) {
        for (Trial orphan : study.adoptOrphans(t -> true)) {
            int rung = Math.min(completedRungs(orphan.frozen()), asha.rungResources().size() - 1);
            adopted.add(new Job(orphan, rung, 0, false));
        }
        if (parallelTrials == 1) {
            work();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(parallelTrials, r -> {
                Thread t = new Thread(r, "asha-" + study.name());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int i = 0; i < parallelTrials; i++) {
                    workers.add(pool.submit(this::work));
                }
                Throwable failure = null;
                for (Future<?> w : workers) {
                    try {
                        w.get();
                    } catch (ExecutionException e) {
                        failure = failure == null ? e.getCause() : failure;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        study.stop();
                        throw new IllegalStateException("interrupted while ASHA's workers ran", e);
                    }
                }
                Unchecked.rethrow(failure);
            } finally {
                pool.shutdown();
            }
        }
        if (!study.isStopping()) {
            pruneStillPaused();
        }
    }

    private void work() {
        while (true) {
            Job job;
            synchronized (lock) {
                while ((job = nextJob()) == null) {
                    if (inFlight == 0 || failed || study.isStopping()) {
                        lock.notifyAll();
                        return;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        study.stop();
                        return;
                    }
                }
                inFlight++;
            }
            long trained = 0;
            boolean finished = false;
            try {
                int before = job.trial().frozen().intermediateValues().size();
                finished = train(job);
                trained = job.trial().frozen().intermediateValues().size() - before;
            } catch (RuntimeException | Error e) {
                synchronized (lock) {
                    failed = true;
                }
                throw e;
            } finally {
                synchronized (lock) {
                    inFlight--;
                    ledger.settle(job.reserved(), trained, finished);
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * The next job, called under the lock: a trial taken over from a dead process, else the first
     * promotable paused trial from the top rung down, else a new trial at rung 0; null for none now.
     */
    private Job nextJob() {
        if (failed || study.isStopping()) {
            return null;
        }
        List<Integer> rungs = asha.rungResources();
        while (!adopted.isEmpty()) {
            Job orphan = adopted.poll();
            long cost = Math.max(0, rungs.get(orphan.rung()) - orphan.trial().frozen().lastStep());
            if (ledger.allows(0, cost)) {
                return new Job(orphan.trial(), orphan.rung(), ledger.reserve(0, cost), false);
            }
            study.pause(orphan.trial());
        }
        List<FrozenTrial> trials = study.trials();
        for (int k = rungs.size() - 2; k >= 0; k--) {
            for (FrozenTrial t : asha.promotable(study, trials, k)) {
                long cost = rungs.get(k + 1) - Math.max(0, t.lastStep());
                if (!ledger.allows(0, cost)) {
                    continue;
                }
                Trial trial = study.resume(t);
                if (trial != null) {
                    LOG.debug("Trial {} promoted from rung {} to rung {} ({} epochs)", t.number(), k, k + 1, rungs.get(k + 1));
                    return new Job(trial, k + 1, ledger.reserve(0, cost), false);
                }
            }
        }
        if (noMoreNewTrials || !ledger.allows(1, rungs.get(0)) || study.sampler().isExhausted(study)) {
            return null;
        }
        OptionalInt limit = ledger.studyTrialLimit();
        Trial trial = limit.isPresent() ? study.askWithin(limit.getAsInt()) : study.ask();
        if (trial == null) {
            noMoreNewTrials = true;
            return null;
        }
        asha.started(trial);
        return new Job(trial, 0, ledger.reserve(1, rungs.get(0)), true);
    }

    /** How many rungs a trial has a value at (rungs are reached in order). */
    static int completedRungs(FrozenTrial trial) {
        int k = 0;
        while (trial.systemAttrs().containsKey(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + k)) {
            k++;
        }
        return k;
    }

    /** Trains a job's trial to its rung; records the value there and pauses or completes it. True if it finished. */
    private boolean train(Job job) {
        Trial trial = job.trial();
        int resource = asha.rungResources().get(job.rung());
        double value;
        try {
            value = objective.evaluate(trial, resource);
        } catch (TrialPrunedException e) {
            study.tell(trial, TrialState.PRUNED);
            return true;
        } catch (Exception e) {
            study.tellFailure(trial, e);
            return true;
        } catch (Error e) {
            study.tellFailure(trial, e);
            throw e;
        }
        if (Double.isNaN(value)) {
            study.tell(trial, value);
            return true;
        }
        if (!trial.frozen().intermediateValues().containsKey(resource)) {
            trial.report(resource, value);   // an objective that reports no epochs still leaves its rung value
        }
        trial.setSystemAttr(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + job.rung(), value);
        if (job.rung() == asha.rungResources().size() - 1) {
            study.tell(trial, value);
            return true;
        }
        study.pause(trial);
        return false;
    }

    /** The run is over: paused trials become PRUNED at their rung, unless another process still trains trials. */
    private void pruneStillPaused() {
        if (!study.trials(TrialState.RUNNING).isEmpty()) {
            LOG.info("Trials of study '{}' still run in another process; its paused trials stay paused for it",
                    study.name());
            return;
        }
        for (FrozenTrial t : study.trials(TrialState.PAUSED)) {
            Trial trial = study.resume(t);
            if (trial != null) {
                study.tell(trial, TrialState.PRUNED);
            }
        }
    }
}
