package org.dl4jtuner.tuner;

import java.time.Duration;

import org.dl4jtuner.tuner.util.Requires;

/**
 * When {@link Study#optimize(Objective, Budget)} stops starting new trials. Budgets are plain
 * predicates over the progress of one optimize call, so they compose and are testable without a
 * real clock (the study's clock, injectable through its builder, measures elapsed time).
 *
 * <pre>{@code
 * study.optimize(objective, Budget.trials(200).or(Budget.time(Duration.ofHours(8))));
 * }</pre>
 *
 * <p>A budget is checked before each new trial starts; a running trial is never cut short by it.
 */
@FunctionalInterface
public interface Budget {

    /** Whether no more trials should start. */
    boolean isExhausted(Progress progress);

    /**
     * The progress of one optimize call.
     *
     * @param trialsStarted  trials started by this call
     * @param trialsFinished trials of this call that have finished
     * @param stepsReported  intermediate values (epochs) reported by this call's trials
     * @param elapsed        wall time since the call began, by the study's clock
     */
    record Progress(int trialsStarted, int trialsFinished, long stepsReported, Duration elapsed) {
    }

    /** Stops after {@code n} trials have started. */
    static Budget trials(int n) {
        Requires.atLeast("n", n, 0);
        return new Trials(n);
    }

    /** Stops starting trials once {@code limit} has elapsed. */
    static Budget time(Duration limit) {
        Requires.argument(limit != null && !limit.isNegative(), () -> "time limit must be >= 0, but got " + limit);
        return new Time(limit);
    }

    /**
     * Stops once the study holds {@code n} trials, counting every run and every worker that shares
     * its storage (trials whose process died do not count: they are replaced). Enforced when a
     * trial is created, atomically in storage, so several workers together run exactly {@code n}.
     */
    static Budget studyTrials(int n) {
        Requires.atLeast("n", n, 0);
        return new StudyTrials(n);
    }

    /** The study-wide trial limit this budget sets, if any (see {@link #studyTrials(int)}). */
    default java.util.OptionalInt studyTrialLimit() {
        return java.util.OptionalInt.empty();
    }

    /** Stops once {@code n} steps (epochs) in total have been reported. */
    static Budget steps(long n) {
        Requires.atLeast("n", n, 0L);
        return new Steps(n);
    }

    /** Exhausted when either budget is. */
    default Budget or(Budget other) {
        Budget self = this;
        return new Either(self, other);
    }

    /** Exhausted only when both budgets are. */
    default Budget and(Budget other) {
        Budget self = this;
        return new Both(self, other);
    }

    /** A trial-count budget. */
    record Trials(int n) implements Budget {
        @Override
        public boolean isExhausted(Progress p) {
            return p.trialsStarted() >= n;
        }
    }

    /** A study-wide trial-count budget: never exhausted by progress; the limit applies when trials are created. */
    record StudyTrials(int n) implements Budget {
        @Override
        public boolean isExhausted(Progress p) {
            return false;
        }

        @Override
        public java.util.OptionalInt studyTrialLimit() {
            return java.util.OptionalInt.of(n);
        }
    }

    /** A wall-time budget. */
    record Time(Duration limit) implements Budget {
        @Override
        public boolean isExhausted(Progress p) {
            return p.elapsed().compareTo(limit) >= 0;
        }
    }

    /** A total-steps budget. */
    record Steps(long n) implements Budget {
        @Override
        public boolean isExhausted(Progress p) {
            return p.stepsReported() >= n;
        }
    }

    /** Disjunction of two budgets. */
    record Either(Budget first, Budget second) implements Budget {
        @Override
        public boolean isExhausted(Progress p) {
            return first.isExhausted(p) || second.isExhausted(p);
        }

        @Override
        public java.util.OptionalInt studyTrialLimit() {
            java.util.OptionalInt a = first.studyTrialLimit();
            java.util.OptionalInt b = second.studyTrialLimit();
            return a.isEmpty() ? b : b.isEmpty() ? a : java.util.OptionalInt.of(Math.min(a.getAsInt(), b.getAsInt()));
        }
    }

    /** Conjunction of two budgets. */
    record Both(Budget first, Budget second) implements Budget {
        @Override
        public boolean isExhausted(Progress p) {
            return first.isExhausted(p) && second.isExhausted(p);
        }
    }
}
