package org.dl4jtuner.tuner.util;

/** Rethrowing what a worker thread failed with, from the thread that waited for it. */
public final class Unchecked {
    private Unchecked() {
    }

    /**
     * Throws {@code failure} as it is when it is an Error or a RuntimeException, wrapped in an
     * IllegalStateException when it is checked; does nothing when it is null.
     */
    public static void rethrow(Throwable failure) {
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
