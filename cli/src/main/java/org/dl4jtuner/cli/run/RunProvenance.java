package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.cli.spec.SpecWriter;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.datasets.DataFingerprint;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * Where a run's study came from, recorded in every trial's provenance next to the seeds and the
 * strategies' settings ({@link Study#PROVENANCE_ATTR}): the spec file and its SHA-256, the resolved
 * spec's (command-line overrides included), the data's ({@link DataFingerprint}), and the git commit
 * of the spec's folder when it is in a repository. The run computes it once and stores it with the
 * study ({@value #ATTR}); its worker JVMs read it from there.
 */
final class RunProvenance {
    /** Study attribute holding the facts. */
    static final String ATTR = "run_provenance";

    private RunProvenance() {
    }

    /**
     * The facts for the trials of {@code plan}'s study: computed and stored with the study by the run,
     * read from the study by its worker JVMs.
     */
    static Map<String, Object> forRun(RunPlan plan, Storage storage, StudyRecord study) {
        if (plan.worker()) {
            return stored(storage, study);
        }
        Map<String, Object> facts = of(plan.spec());
        storage.setStudySystemAttr(study.id(), ATTR, facts);
        return facts;
    }

    /** The facts of {@code spec}, reading its file and data. */
    static Map<String, Object> of(StudySpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        Path source = spec.source() == null ? null : spec.source().toAbsolutePath();
        try {
            if (source != null && Files.isRegularFile(source)) {
                m.put("spec_file", source.toString());
                m.put("spec_sha256", DataFingerprint.sha256(Files.readAllBytes(source)));
                gitCommit(source.getParent()).ifPresent(commit -> m.put("git_commit", commit));
            }
            m.put("resolved_spec_sha256", DataFingerprint.sha256(new ObjectMapper().writeValueAsBytes(SpecWriter.toMap(spec))));
            m.put("data_sha256", DataFingerprint.sha256(spec.data()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** The facts a run stored with the study, for a worker JVM; empty when none were stored. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stored(Storage storage, StudyRecord study) {
        return storage.studySystemAttrs(study.id()).get(ATTR) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The commit HEAD names in the repository holding {@code folder}, read from .git without a git binary. */
    static Optional<String> gitCommit(Path folder) throws IOException {
        for (Path dir = folder; dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isRegularFile(git)) {   // a worktree or submodule: "gitdir: PATH"
                String link = Files.readString(git).trim();
                git = link.startsWith("gitdir:") ? dir.resolve(link.substring(7).trim()) : git;
            }
            if (Files.isDirectory(git) && Files.isRegularFile(git.resolve("HEAD"))) {
                return resolve(git, Files.readString(git.resolve("HEAD")).trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> resolve(Path git, String head) throws IOException {
        if (!head.startsWith("ref:")) {
            return Optional.of(head);
        }
        String ref = head.substring(4).trim();
        // a worktree keeps its HEAD but shares refs with the main repository (commondir)
        Path common = Files.isRegularFile(git.resolve("commondir"))
                ? git.resolve(Files.readString(git.resolve("commondir")).trim()).normalize() : git;
        for (Path base : new Path[] {git, common}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose).trim());
            }
            Path packed = base.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed)) {
                    if (line.endsWith(" " + ref)) {
                        return Optional.of(line.substring(0, line.indexOf(' ')));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
