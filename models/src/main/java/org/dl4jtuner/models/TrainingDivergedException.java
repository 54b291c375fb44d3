package org.dl4jtuner.models;

/** The training loss became NaN or infinite; the trial ends as FAIL with this message. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
