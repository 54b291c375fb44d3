package org.dl4jtuner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/** Opening a storage for reading and finding a study in it, with the errors the commands that read studies share. */
final class StoredStudies {
    private StoredStudies() {
    }

    /** Opens the storage that {@code --storage} names for reading only; nothing in it is created or written. */
    static Storage openReadOnly(String url) {
        if (url.equals("memory")) {
            throw new UserError("--storage: 'memory' holds nothing between runs; give sqlite:PATH or postgresql://...");
        }
        Path file = sqliteFile(url);
        if (file != null && !Files.isRegularFile(file)) {
            throw new UserError("--storage: " + url + " names no file (" + file.toAbsolutePath()
                    + "); `run` with --storage creates it");
        }
        try {
            return Storages.openReadOnly(url);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("--storage: " + e.getMessage());
        }
    }

    /**
     * Opens an existing storage for writing (to delete a study); a SQLite file that does not exist
     * is an error, not created.
     */
    static Storage openExisting(String url) {
        openReadOnly(url).close();
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("--storage: " + e.getMessage());
        }
    }

    /**
     * The file a SQLite storage URL names, or null for other storages, as {@link Storages} reads the
     * URL: a mistyped scheme ({@code sqlit:x.db}) names no file to create with {@code run}.
     */
    static Path sqliteFile(String url) {
        try {
            return Storages.sqliteFile(url);
        } catch (IllegalArgumentException e) {
            throw new UserError("--storage: " + e.getMessage());
        }
    }

    /** The study named by {@code --study}, or the only one; a UserError listing the studies otherwise. */
    static StudyRecord find(Storage storage, String url, String name) {
        return find(storage, url, name, "--study");
    }

    /**
     * The named study, or the only one; a UserError listing the studies otherwise.
     *
     * @param field how the command line names the study (an option or a parameter), for the message
     */
    static StudyRecord find(Storage storage, String url, String name, String field) {
        List<StudyRecord> studies = storage.studies();
        if (name == null) {
            if (studies.size() == 1) {
                return studies.get(0);
            }
            throw new UserError(field + ": " + url + " holds " + (studies.isEmpty() ? "no studies"
                    : studies.size() + " studies (" + names(studies) + "); name one with " + field));
        }
        return storage.findStudy(name).orElseThrow(() -> new UserError(field + ": no study named '" + name + "' in "
                + url + (studies.isEmpty() ? "; it holds none" : "; it holds " + names(studies))));
    }

    private static String names(List<StudyRecord> studies) {
        return studies.stream().map(StudyRecord::name).collect(Collectors.joining(", "));
    }
}
