package org.dl4jtuner.cli;

/** A mistake in what the user asked for; printed as "error: message" with exit code 2. */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
