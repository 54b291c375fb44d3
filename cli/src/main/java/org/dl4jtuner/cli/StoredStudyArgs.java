package org.dl4jtuner.cli;

import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code --storage URL --study NAME} pair of every command that reads a stored study
 * ({@code trials}, {@code best}, {@code report}, {@code dashboard}, {@code delete-study}). The study
 * may also be given as the first argument ({@code best NAME --storage URL}), as before.
 */
final class StoredStudyArgs {
    @Option(names = "--storage", required = true, paramLabel = "URL", description = "sqlite:PATH or postgresql://...")
    String storage;

    @Option(names = "--study", paramLabel = "NAME", description = "The study (optional when the storage holds one).")
    String study;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY", description = "Same as --study NAME.")
    String positional;

    /** The study named by --study or the STUDY argument, or null; a UserError when both name different ones. */
    String name() {
        if (study != null && positional != null && !study.equals(positional)) {
            throw new UserError("--study: '" + study + "' and the STUDY argument '" + positional
                    + "' name different studies; give one of them");
        }
        return study != null ? study : positional;
    }

    /** Opens the storage for reading only, with the errors of {@link StoredStudies#openReadOnly}. */
    Storage open() {
        return StoredStudies.openReadOnly(storage);
    }

    /** The study named, or the only one in {@code opened}; a message names the study as the user gave it. */
    StudyRecord find(Storage opened) {
        return StoredStudies.find(opened, storage, name(), study == null && positional != null ? "STUDY" : "--study");
    }
}
