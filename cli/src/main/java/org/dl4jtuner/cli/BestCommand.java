package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dl4jtuner.cli.run.ArtifactFolders;
import org.dl4jtuner.cli.run.TrialLines;
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

/** {@code dl4j-tuner best --storage URL [--study NAME] [--export model.zip]}: the best trial of a stored study. */
@Command(name = "best", mixinStandardHelpOptions = true,
        description = "Show the best trial of a stored study and optionally export its network.")
final class BestCommand implements Callable<Integer> {

    @Mixin
    StoredStudyArgs stored;

    @Option(names = "--export", paramLabel = "FILE", description = "Copy the best trial's network (a DL4J model zip) to FILE.")
    Path export;

    @Option(names = "--trial", paramLabel = "N", description = "With --export: the trial whose network to export;"
            + " it must be on the Pareto front (required for a study of several objectives).")
    Integer trial;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFile.check("--export", export, "model.zip");
        try (Storage s = stored.open()) {
            StudyRecord record = stored.find(s);
            if (trial != null && export == null) {
                throw new UserError("--trial: picks the trial --export copies; add --export FILE");
            }
            List<org.dl4jtuner.tuner.Direction> directions = Study.storedDirections(s, record);
            List<FrozenTrial> complete = s.trials(record.id(), java.util.Set.of(TrialState.COMPLETE));
            PrintWriter out = spec.commandLine().getOut();
            FrozenTrial best;
            if (directions.size() > 1) {
                best = ParetoFrontTable.print(s, record, complete, directions, trial, out);
                if (best == null) {
                    out.flush();
                    if (export != null) {
                        throw new UserError("--export: study '" + record.name() + "' has " + directions.size()
                                + " objectives, so no single best network; add --trial N with a trial of the front above");
                    }
                    return 0;
                }
            } else {
                best = record.direction().best(complete);
                if (best == null) {
                    throw new UserError("study '" + record.name() + "' has no complete trial yet");
                }
                if (trial != null && trial != best.number()) {
                    FrozenTrial chosen = complete.stream().filter(t -> t.number() == trial).findFirst().orElse(null);
                    if (chosen == null || Double.compare(chosen.value(), best.value()) != 0) {
                        throw new UserError("--trial: " + trial + " is not the best trial of study '" + record.name()
                                + "' (trial " + best.number() + " is); give --trial " + best.number() + " or leave it out");
                    }
                    best = chosen;
                }
                out.printf(Locale.ROOT, "best trial %d: value %s, params %s%n", best.number(),
                        TrialLines.format(best.value()), TrialLines.params(best.params()));
            }
            for (String attr : List.of(Study.PROVENANCE_ATTR, Study.RUNTIME_ATTR)) {
                if (best.systemAttrs().get(attr) instanceof Map<?, ?> facts) {
                    out.printf(Locale.ROOT, "  %s: %s%n", attr, facts(facts));
                }
            }
            if (export != null) {
                Object file = best.systemAttrs().get("model_file");
                if (!(file instanceof String path) || !Files.isRegularFile(Path.of(path))) {
                    throw new UserError("--export: trial " + best.number() + " has no saved network"
                            + (file == null ? " (it ran without persistent storage or artifacts)" : " (" + file
                                    + " is missing)"));
                }
                String foreign = ArtifactFolders.check(record, best.number(), path);
                if (foreign != null) {
                    // another study's network, or one written before folders were keyed by study id
                    throw new UserError("--export: refused: trial " + best.number() + "'s stored model_file " + foreign
                            + "; it may hold another study's network. Nothing was exported" + javaHint(record, path));
                }
                Path parent = export.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.copy(Path.of(path), export, StandardCopyOption.REPLACE_EXISTING);
                out.printf(Locale.ROOT, "exported trial %d's network to %s%n", best.number(), export);
            }
            out.flush();
        }
        return 0;
    }

    /**
     * For a network in a folder not named for any study ({@code NAME-ID}): what a Java program's
     * {@code Dl4jObjective.Builder.artifacts(DIR)}, which writes {@code DIR/trial-N.zip}, should be given.
     */
    static String javaHint(StudyRecord record, String modelFile) {
        Path folder = Path.of(modelFile).getParent();
        if (folder == null || folder.getFileName() == null || folder.getFileName().toString().matches(".+-[0-9]+")) {
            return "";
        }
        return " (a Java program keeps each study's networks where Dl4jObjective.Builder.artifacts(DIR) says: give it "
                + folder.resolve(ArtifactFolders.name(record)) + ", a folder of study '" + record.name()
                + "' alone, for best --export to take them, or copy " + modelFile + " yourself)";
    }

    /** "study_seed=42, sampler={type=tpe, seed=42, ...}, spec_sha256=3f9a0c1d2e4b..." (hashes cut to 12 digits). */
    static String facts(Map<?, ?> facts) {
        List<String> parts = new java.util.ArrayList<>();
        facts.forEach((k, v) -> {
            String text = String.valueOf(v);
            parts.add(k + "=" + (String.valueOf(k).endsWith("sha256") && text.length() > 12 ? text.substring(0, 12) + "..."
                    : text));
        });
        return String.join(", ", parts);
    }
}
