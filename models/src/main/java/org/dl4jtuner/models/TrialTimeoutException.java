package org.dl4jtuner.models;

/**
 * A trial ran longer than its time limit; checked after every epoch, so the trial ends as FAIL at
 * the first epoch boundary past the limit, with this message kept in storage.
 */
public class TrialTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exception with its message. */
    public TrialTimeoutException(String message) {
        super(message);
    }
}
