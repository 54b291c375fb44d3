package org.dl4jtuner.cli.run;

import java.nio.file.Path;
import java.util.Locale;

import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * The folder of a study's trial networks, keyed by the study's name and its id in storage
 * ({@code NAME-ID}), so that two studies never share one: "run a" and "run_a" sanitise to the same
 * name but have different ids. {@link #check} tells whether a stored {@code model_file} is the
 * file this study's trial wrote.
 *
 * <pre>
 * ArtifactFolders.name(record)                                  // "run_a-2"
 * ArtifactFolders.check(record, 7, "/x/studies-artifacts/run_a-2/trial-7.zip")   // null: it is
 * </pre>
 */
public final class ArtifactFolders {
    private ArtifactFolders() {
    }

    /** The folder name of a study's networks: its name with characters other than {@code [A-Za-z0-9_.-]} as {@code _}, a dash and its id. */
    public static String name(StudyRecord study) {
        return study.folderName();
    }

    /**
     * The folder {@code run} puts a study's networks in by default when its storage is the SQLite
     * file {@code db} ({@code studies.db} gives {@code studies-artifacts/NAME-ID} next to it).
     */
    public static Path nextToSqlite(Path db, StudyRecord study) {
        Path file = db.toAbsolutePath();
        String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return file.resolveSibling(base + "-artifacts").resolve(name(study));
    }

    /** The file a trial's network is saved to, inside its study's folder. */
    public static String fileName(int trialNumber) {
        return "trial-" + trialNumber + ".zip";
    }

    /**
     * Null when {@code modelFile} lies in this study's folder and is named for {@code trialNumber};
     * otherwise why not, for a message.
     */
    public static String check(StudyRecord study, int trialNumber, String modelFile) {
        Path file = Path.of(modelFile);
        Path folder = file.getParent();
        String expected = name(study) + "/" + fileName(trialNumber);
        if (folder == null || folder.getFileName() == null || !folder.getFileName().toString().equals(name(study))
                || !file.getFileName().toString().equals(fileName(trialNumber))) {
            return String.format(Locale.ROOT, "%s is not %s, the file study '%s' (id %d) writes for trial %d",
                    modelFile, expected, study.name(), study.id(), trialNumber);
        }
        return null;
    }
}
