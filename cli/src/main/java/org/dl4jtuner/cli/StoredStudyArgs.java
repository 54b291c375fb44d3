package org.dl4jtuner.cli;

import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code [STUDY] --storage URL} pair of the commands that read one stored study. */
final class StoredStudyArgs {
    @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY", description = "The study (optional when the storage holds one).")
    String study;

    @Option(names = "--storage", required = true, paramLabel = "URL", description = "sqlite:PATH or postgresql://...")
    String storage;

    /** Opens the storage for reading only, with the errors of {@link StoredStudies#openReadOnly}. */
    Storage open() {
        return StoredStudies.openReadOnly(storage);
    }

    /** The study named, or the only one in {@code opened}. */
    StudyRecord find(Storage opened) {
        return StoredStudies.find(opened, storage, study, "STUDY");
    }
}
