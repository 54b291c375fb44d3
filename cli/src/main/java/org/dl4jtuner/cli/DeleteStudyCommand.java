package org.dl4jtuner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.dl4jtuner.cli.run.ArtifactFolders;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl4j-tuner delete-study --storage URL --study NAME --yes}: deletes a study, its trials and
 * its networks in the default folder next to a SQLite file. Without {@code --yes} it only says
 * what it would delete, and exits 2.
 */
@Command(name = "delete-study", mixinStandardHelpOptions = true,
        description = {"Delete a stored study with its trials, and its networks when they are in the default folder"
                + " next to the SQLite file.", "Without --yes, only says what would be deleted."})
final class DeleteStudyCommand implements Callable<Integer> {
    /** A RUNNING trial with a heartbeat this recent belongs to a run that is still going. */
    static final Duration LIVE = Duration.ofMinutes(1);

    @Mixin
    StoredStudyArgs stored;

    @Option(names = "--yes", description = "Really delete; without it nothing is deleted.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String name = stored.name();
        if (name == null) {
            throw new UserError("--study: name the study to delete (dl4j-tuner studies --storage " + stored.storage
                    + " lists them)");
        }
        try (Storage s = yes ? StoredStudies.openExisting(stored.storage) : stored.open()) {
            StudyRecord record = stored.find(s);
            List<FrozenTrial> trials = s.trials(record.id(), Set.of());
            StudyCounts counts = StudyCounts.of(record, trials);
            Path networks = defaultNetworks(record);
            String what = String.format(Locale.ROOT, "study '%s' and its %s from %s%s", record.name(),
                    counts.describe(), stored.storage,
                    networks == null ? "" : ", and its networks in " + networks);
            FrozenTrial live = live(trials);
            if (live != null) {
                throw new UserError("delete-study: refused: trial " + live.number() + " of study '" + record.name()
                        + "' is RUNNING with a heartbeat in the last minute: a run is using the study; stop it first."
                        + " Nothing was deleted");
            }
            if (!yes) {
                throw new UserError("delete-study: refused without --yes: it would delete " + what
                        + ". Add --yes to delete");
            }
            s.deleteStudy(record.id());
            if (networks != null) {
                deleteTree(networks);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("deleted " + what);
            out.flush();
        }
        return 0;
    }

    /** The study's networks folder when it is the default one next to a SQLite file and exists; else null. */
    private Path defaultNetworks(StudyRecord record) {
        String url = stored.storage;
        if (!url.startsWith("sqlite:")) {
            return null;
        }
        // where `run` puts them: the SQLite path as given, next to the file
        Path folder = ArtifactFolders.nextToSqlite(Path.of(url.substring("sqlite:".length())), record);
        return Files.isDirectory(folder) ? folder : null;
    }

    /** A RUNNING trial whose worker recorded a heartbeat within {@link #LIVE}, or null. */
    private static FrozenTrial live(List<FrozenTrial> trials) {
        long now = System.currentTimeMillis();
        return trials.stream().filter(t -> t.state() == TrialState.RUNNING
                && t.systemAttrs().get(Study.HEARTBEAT_ATTR) instanceof Number beat
                && now - beat.longValue() < LIVE.toMillis()).findFirst().orElse(null);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
