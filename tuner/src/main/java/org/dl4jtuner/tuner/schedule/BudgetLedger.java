package org.dl4jtuner.tuner.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.dl4jtuner.tuner.Budget;

/**
 * A scheduler's account of one run against its {@link Budget}, kept exact: a job (start a trial,
 * or train a paused one to the next rung) is allowed only if the budget still holds once the job
 * is done, counting the epochs other jobs have reserved but not yet trained. So
 * {@code Budget.steps(100)} never trains a 101st epoch and {@code Budget.trials(20)} never starts
 * a 21st trial; a job that starts no trial is judged as if none had started, so a trial-count
 * budget does not refuse promotions. Time is checked when a job starts; a job is never cut short.
 *
 * <pre>{@code
 * BudgetLedger ledger = new BudgetLedger(Budget.steps(100), Clock.systemUTC());
 * if (ledger.allows(1, 3)) {          // one new trial, 3 epochs
 *     long reserved = ledger.reserve(1, 3);
 *     ... train ...
 *     ledger.settle(reserved, epochsTrained, true);
 * }
 * }</pre>
 */
public final class BudgetLedger {
    private final Budget budget;
    private final Clock clock;
    private final Instant start;
    private int started;
    private int finished;
    private long epochs;

    /** A ledger for a run that starts now, by {@code clock}. */
    public BudgetLedger(Budget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
        this.start = clock.instant();
    }

    /** Whether a job that starts {@code newTrials} trials and trains {@code epochs} epochs fits in the budget. */
    public synchronized boolean allows(int newTrials, long epochs) {
        int trials = newTrials == 0 ? 0 : started + newTrials - 1;
        long steps = this.epochs + Math.max(1, epochs) - 1;
        return !budget.isExhausted(new Budget.Progress(trials, finished, steps,
                Duration.between(start, clock.instant())));
    }

    /** Books a job's trials and epochs before it runs; returns the epochs reserved, for {@link #settle}. */
    public synchronized long reserve(int newTrials, long epochs) {
        started += newTrials;
        this.epochs += epochs;
        return epochs;
    }

    /** Replaces a job's reservation by the epochs it trained; counts a trial it finished. */
    public synchronized void settle(long reserved, long trained, boolean finishedTrial) {
        epochs += trained - reserved;
        if (finishedTrial) {
            finished++;
        }
    }

    /** The study-wide trial limit of the budget ({@link Budget#studyTrials(int)}), enforced when a trial is asked. */
    public java.util.OptionalInt studyTrialLimit() {
        return budget.studyTrialLimit();
    }

    /** Epochs trained or reserved so far. */
    public synchronized long epochs() {
        return epochs;
    }

    /** Trials started so far. */
    public synchronized int trialsStarted() {
        return started;
    }
}
