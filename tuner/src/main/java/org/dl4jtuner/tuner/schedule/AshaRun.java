package org.dl4jtuner.tuner.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.util.Unchecked;

/**
 * One run of a promoting scheduler ({@link PromotionAsha}, {@link AdaptiveScheduler}) in threads of
 * this JVM: workers that each take the next job from {@link RungJobs} (a promotion from the top rung
 * down, as the scheduler's {@link RungRule} says, else a new trial), train it, record its rung value
 * and pause or complete it, until no job is left; then the trials still paused are pruned.
 */
final class AshaRun {
    private final Study study;
    private final ResumableObjective objective;
    private final RungJobs jobs;
    private final Object lock = new Object();
    private int inFlight;
    private boolean failed;

    AshaRun(RungJobs jobs, Study study, ResumableObjective objective) {
        this.jobs = jobs;
        this.study = study;
        this.objective = objective;
    }

    void run(int parallelTrials) {
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
            jobs.end();
        }
    }

    private void work() {
        while (true) {
            RungJobs.Job job;
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
            boolean finished = false;
            Throwable failure = null;
            try {
                finished = train(job);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            synchronized (lock) {
                inFlight--;
                try {
                    jobs.settle(job, finished);   // reads the trial from storage, which may fail too
                } catch (RuntimeException | Error e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                } finally {
                    // a failure ends the run; either way the workers waiting for this job must look again
                    failed |= failure != null;
                    lock.notifyAll();
                }
            }
            Unchecked.rethrow(failure);
        }
    }

    /** The next job, called under the lock; null for none now. */
    private RungJobs.Job nextJob() {
        if (failed) {
            return null;
        }
        Optional<RungJobs.Job> job = jobs.next();
        return job.orElse(null);
    }

    /** Trains a job's trial to its rung; records the value there and pauses or completes it. True if it finished. */
    private boolean train(RungJobs.Job job) {
        Trial trial = job.trial();
        double value;
        try {
            value = objective.evaluate(trial, job.resource());
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
        return jobs.record(job, value);
    }
}
