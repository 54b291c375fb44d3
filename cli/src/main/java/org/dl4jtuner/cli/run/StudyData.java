package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.datasets.DataPreparation;
import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.Family;

/**
 * The data a spec's {@code data} section describes, prepared once per process by
 * {@link DataPreparation}; a problem with it becomes a {@link UserError} starting with "data".
 */
final class StudyData {
    private StudyData() {
    }

    /** The prepared folds and test set; recurrent families read images as row sequences. */
    static PreparedData load(DataSource data, Family family, long seed) {
        try {
            return DataPreparation.prepare(data, family == Family.LSTM, seed);
        } catch (IOException | IllegalArgumentException e) {
            throw userError(e.getMessage());
        } catch (UncheckedIOException e) {
            throw userError(e.getCause().getMessage());
        }
    }

    private static UserError userError(String message) {
        return new UserError(message != null && message.startsWith("data.") ? message : "data: " + message);
    }
}
