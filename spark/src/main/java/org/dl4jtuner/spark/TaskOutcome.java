package org.dl4jtuner.spark;

import java.io.Serializable;

/**
 * How one Spark task's worker loop ended, sent back to the driver.
 *
 * @param where   the task
 * @param end     why it ended
 * @param message the reason of a refusal or a stop, null when done
 * @param data    the executor's copy of a data URL the task trained on (made by this task or reused), or
 *                null when the data is a local path
 */
record TaskOutcome(TaskPlacement where, End end, String message, DataCache.Copy data) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Why a task's worker loop ended. */
    enum End {
        /** The study holds its trials (or its time is up, or its sampler has nothing left). */
        DONE,
        /** The worker refused its plan (e.g. the data path does not exist on this executor). */
        REFUSED,
        /** Too many trials failed in a row on this task. */
        TOO_MANY_FAILURES
    }
}
