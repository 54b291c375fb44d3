package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.gpu.Versions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every trial of a run says what proposed and trained it: seeds, strategies' settings, the spec's
 * and the data's SHA-256, and the versions, backend, device and host read while it ran.
 */
class ProvenanceTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void trialsJsonCarriesEachTrialsProvenanceAndBestShowsIt() throws Exception {
        Path data = PersistentStudyTest.csv(dir, 400, 4);
        Path spec = PersistentStudyTest.spec(dir, "traced", 2, 1, "8");
        PersistentStudyTest.Result run = PersistentStudyTest.run("run", spec.toString(), "--no-baseline", "--no-isolate");
        assertEquals(0, run.code(), run.out() + run.err());

        String url = "sqlite:" + dir.resolve("studies.db");
        PersistentStudyTest.Result trials = PersistentStudyTest.run("trials", "--storage", url, "--study", "traced", "--json");
        List<Map<String, Object>> rows = new ObjectMapper().readValue(trials.out(), new TypeReference<>() { });
        assertEquals(2, rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> p = (Map<String, Object>) row.get("provenance");
            assertEquals(5, ((Number) p.get("study_seed")).intValue());
            assertTrue(p.get("trial_seed") instanceof Number, p.toString());
            assertEquals("random", ((Map<String, Object>) p.get("sampler")).get("type"));
            assertEquals("none", ((Map<String, Object>) p.get("pruner")).get("type"));
            assertEquals(sha256(spec), p.get("spec_sha256"));
            assertEquals(sha256(data), p.get("data_sha256"));
            assertEquals(spec.toAbsolutePath().toString(), p.get("spec_file"));
            Map<String, Object> r = (Map<String, Object>) row.get("runtime");
            assertEquals(Versions.of("org.nd4j", "nd4j-api").orElseThrow(), r.get("nd4j_version"));
            assertEquals(Versions.of("org.deeplearning4j", "deeplearning4j-nn").orElseThrow(), r.get("dl4j_version"));
            assertEquals(System.getProperty("java.version"), r.get("java_version"));
            assertEquals("CPU", r.get("backend"));
            assertEquals("cpu", r.get("device"));
        }
        assertNotEquals(((Map<?, ?>) rows.get(0).get("provenance")).get("trial_seed"),
                ((Map<?, ?>) rows.get(1).get("provenance")).get("trial_seed"));

        PersistentStudyTest.Result best = PersistentStudyTest.run("best", "--storage", url, "--study", "traced");
        assertTrue(best.out().contains("  provenance: study_seed=5, trial_seed=") && best.out().contains("spec_sha256="
                + sha256(spec).substring(0, 12) + "...") && best.out().contains("  runtime: dl4j_version="), best.out());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
