package org.dl4jtuner.models;

/**
 * A trial ran out of memory (heap or ND4J's off-heap buffers) while it built or trained its
 * network: the engine frees the trial's networks and turns the {@link OutOfMemoryError} into this
 * exception, so the study records the trial as FAIL with the message and runs the next one.
 */
public final class TrialOutOfMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrialOutOfMemoryException(String message, OutOfMemoryError cause) {
        super(message, cause);
    }
}
