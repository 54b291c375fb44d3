package org.dl4jtuner.tuner;

/**
 * Thrown by {@link Study#optimize} when more trials in a row failed than the study allows
 * ({@link Study.Builder#maxConsecutiveFailures(int)}): something is wrong with every trial (the
 * data, the space, the machine), and running more would only repeat it. The failed trials stay in
 * storage with their messages and stack traces.
 */
public class TooManyFailuresException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int failures;

    /** The exception after {@code failures} failed trials in a row, the last being {@code last}. */
    public TooManyFailuresException(int failures, FrozenTrial last) {
        super("stopped after " + failures + " failed trials in a row; the last, trial " + last.number()
                + ", failed with: " + last.systemAttrs().get(Study.FAIL_REASON_ATTR));
        this.failures = failures;
    }

    /** How many trials failed in a row. */
    public int failures() {
        return failures;
    }
}
