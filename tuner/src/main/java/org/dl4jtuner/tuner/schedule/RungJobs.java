package org.dl4jtuner.tuner.schedule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of one run of a promoting scheduler ({@link PromotionAsha}, {@link AdaptiveScheduler}),
 * one job at a time, for a caller that trains the trials itself: {@link Study#optimizeResumable}'s
 * workers, or a simulator that replays recorded learning curves in simulated time. A free worker
 * asks {@link #next()} for a job (a trial taken over from a dead process, else a paused trial to
 * resume from its checkpoint, from the top rung down, else a new trial), trains its trial to
 * {@link Job#resource()} epochs, reporting each epoch, and hands the value there to {@link #record};
 * then {@link #settle} books the epochs it trained. When {@code next()} is empty and no job is in
 * flight the run is over, and {@link #end()} prunes the trials still paused. A job whose training
 * stops its trial skips {@code record}: the caller tells the trial (PRUNED, or a failure) and
 * settles the job as finished, as {@code optimizeResumable} does.
 *
 * <p>Not thread-safe: a caller with several workers serializes {@code next} and {@code settle}
 * (training and {@code record} may run concurrently).
 *
 * <pre>{@code
 * RungJobs jobs = scheduler.jobs(study, Budget.trials(100)).orElseThrow();
 * for (Optional<RungJobs.Job> job = jobs.next(); job.isPresent(); job = jobs.next()) {
 *     double value = trainTo(job.get().trial(), job.get().resource());   // reports epochs, continues a checkpoint
 *     jobs.settle(job.get(), jobs.record(job.get(), value));
 * }
 * jobs.end();
 * }</pre>
 */
public final class RungJobs {
    private static final Logger LOG = LoggerFactory.getLogger(RungJobs.class);

    private final RungRule rule;
    private final Study study;
    private final BudgetLedger ledger;
    private final Deque<Job> adopted = new ArrayDeque<>();
    private boolean noMoreNewTrials;

    /** A trial to train to rung {@link #rung()}, i.e. to {@link #resource()} epochs in all. */
    public static final class Job {
        private final Trial trial;
        private final int rung;
        private final int resource;
        private final boolean newTrial;
        private final long reserved;
        private final int epochsBefore;

        private Job(Trial trial, int rung, int resource, boolean newTrial, long reserved) {
            this.trial = trial;
            this.rung = rung;
            this.resource = resource;
            this.newTrial = newTrial;
            this.reserved = reserved;
            this.epochsBefore = trial.frozen().intermediateValues().size();
        }

        /** The trial to train, RUNNING. */
        public Trial trial() {
            return trial;
        }

        /** The rung it trains to, 0 first. */
        public int rung() {
            return rung;
        }

        /** The epochs it has trained in all once the job is done. */
        public int resource() {
            return resource;
        }

        /** Whether the job starts a new trial (else it resumes or takes over one). */
        public boolean newTrial() {
            return newTrial;
        }

        @Override
        public String toString() {
            return "Job[trial=" + trial.number() + ", rung=" + rung + ", resource=" + resource + "]";
        }
    }

    /** A run of {@code rule} on {@code study}; takes over the trials a dead process left RUNNING. */
    RungJobs(RungRule rule, Study study, BudgetLedger ledger) {
        this.rule = rule;
        this.study = study;
        this.ledger = ledger;
        for (Trial orphan : study.adoptOrphans(t -> true)) {
            int rung = Math.min(completedRungs(orphan.frozen()), rule.rungResources().size() - 1);
            adopted.add(new Job(orphan, rung, rule.rungResources().get(rung), false, 0));
        }
    }

    /** The epochs of each rung, rung 0 first; the last is the most a trial trains. */
    public List<Integer> rungResources() {
        return rule.rungResources();
    }

    /**
     * The next job a free worker takes, its epochs booked against the budget: a trial taken over
     * from a dead process, else the first paused trial the scheduler resumes, from the top rung
     * down, else a new trial at rung 0. Empty when there is none now: later, once a job in flight
     * is recorded, there may be one; with no job in flight the run is over.
     */
    public Optional<Job> next() {
        if (study.isStopping()) {
            return Optional.empty();
        }
        List<Integer> rungs = rule.rungResources();
        while (!adopted.isEmpty()) {
            Job orphan = adopted.poll();
            long cost = Math.max(0, rungs.get(orphan.rung()) - orphan.trial().frozen().lastStep());
            if (ledger.allows(0, cost)) {
                return Optional.of(new Job(orphan.trial(), orphan.rung(), orphan.resource(), false,
                        ledger.reserve(0, cost)));
            }
            study.pause(orphan.trial());
        }
        List<FrozenTrial> trials = study.trials();
        for (int k = rungs.size() - 2; k >= 0; k--) {
            for (FrozenTrial t : rule.promotable(study, trials, k)) {
                long cost = rungs.get(k + 1) - Math.max(0, t.lastStep());
                if (!ledger.allows(0, cost)) {
                    continue;
                }
                Trial trial = study.resume(t);
                if (trial != null) {
                    LOG.debug("Trial {} promoted from rung {} to rung {} ({} epochs)", t.number(), k, k + 1, rungs.get(k + 1));
                    return Optional.of(new Job(trial, k + 1, rungs.get(k + 1), false, ledger.reserve(0, cost)));
                }
            }
        }
        if (noMoreNewTrials || !ledger.allows(1, rungs.get(0)) || study.sampler().isExhausted(study)) {
            return Optional.empty();
        }
        OptionalInt limit = ledger.studyTrialLimit();
        Trial trial = limit.isPresent() ? study.askWithin(limit.getAsInt()) : study.ask();
        if (trial == null) {
            noMoreNewTrials = true;
            return Optional.empty();
        }
        rule.started(trial);
        return Optional.of(new Job(trial, 0, rungs.get(0), true, ledger.reserve(1, rungs.get(0))));
    }

    /**
     * Records a job's value at its rung (reporting it at {@link Job#resource()} if the trial has not);
     * completes the trial at the top rung or with a NaN value, else pauses it. Returns whether the
     * trial finished.
     */
    public boolean record(Job job, double value) {
        Trial trial = job.trial();
        if (Double.isNaN(value)) {
            study.tell(trial, value);
            return true;
        }
        if (!trial.frozen().intermediateValues().containsKey(job.resource())) {
            trial.report(job.resource(), value);   // an objective that reports no epochs still leaves its rung value
        }
        trial.setSystemAttr(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + job.rung(), value);
        if (job.rung() == rule.rungResources().size() - 1) {
            study.tell(trial, value);
            return true;
        }
        study.pause(trial);
        return false;
    }

    /**
     * Books the epochs a job trained (the epochs its trial reported since the job began) in place
     * of those reserved for it, and a trial it finished (completed, pruned or failed).
     */
    public void settle(Job job, boolean finishedTrial) {
        long trained = job.trial().frozen().intermediateValues().size() - job.epochsBefore;
        ledger.settle(job.reserved, trained, finishedTrial);
    }

    /** The run is over: paused trials become PRUNED at their rung, unless another process still trains trials. */
    public void end() {
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

    /** How many rungs a trial has a value at (rungs are reached in order). */
    static int completedRungs(FrozenTrial trial) {
        int k = 0;
        while (trial.systemAttrs().containsKey(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + k)) {
            k++;
        }
        return k;
    }
}
