package org.dl4jtuner.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.cli.Main;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    private static final List<String> KEYS = List.of("backend", "nd4j_version", "dl4j_version", "cores", "memory_mb",
            "devices", "blas", "omp_threads", "instruction_sets", "datasets", "storage", "chromium", "probe",
            "problems");

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString().trim(), err.toString().trim());
    }

    static Map<?, ?> json(Result r) throws Exception {
        return new ObjectMapper().readValue(r.out(), Map.class);
    }

    @Test
    void jsonOnThisMachineHasEveryKeyAndExitsZero() throws Exception {
        Result r = run("doctor", "--json", "--no-probe");
        assertEquals(0, r.code(), r.out() + r.err());
        Map<?, ?> report = json(r);
        for (String key : KEYS) {
            assertTrue(report.containsKey(key), key + " in " + r.out());
        }
        assertEquals("CPU", report.get("backend"));
        assertEquals("1.0.0-M2.1", report.get("nd4j_version"), "read from nd4j-api's jar");
        assertEquals("1.0.0-M2.1", report.get("dl4j_version"), "read from deeplearning4j-nn's jar");
        assertEquals("linux-x86_64", report.get("native_build"));
        assertEquals(Runtime.getRuntime().availableProcessors(), report.get("cores"));
        assertTrue(((Number) report.get("memory_mb")).longValue() > 0);
        assertEquals(List.of(), report.get("devices"));
        assertEquals(List.of(), report.get("problems"));
        assertEquals(Map.of("skipped", true), report.get("probe"));
        assertEquals(Map.of("checked", false), report.get("storage"));
        assertTrue(((Map<?, ?>) report.get("datasets")).containsKey("fashion-mnist"));
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, ((Map<?, ?>) report.get("parallel_auto")).get("trials"));
    }

    @Test
    void linesEndWithOkAndNameTheBackendAndParallelAuto() {
        Result r = run("doctor", "--no-probe");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("backend: CPU, nd4j-native linux-x86_64 (ND4J 1.0.0-M2.1, DL4J 1.0.0-M2.1)"),
                r.out());
        assertTrue(r.out().contains("\nparallel auto: "), r.out());
        assertTrue(r.out().contains(" trial") && r.out().contains("1 OpenMP thread each"), r.out());
        assertTrue(r.out().endsWith("ok: no problems"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void theProbeTrainsARealNetworkForTheGivenTime() throws Exception {
        Result r = run("doctor", "--json", "--probe-seconds", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        Map<?, ?> probe = (Map<?, ?>) json(r).get("probe");
        assertEquals(TrainingProbe.NETWORK, probe.get("network"));
        assertTrue(((Number) probe.get("seconds")).doubleValue() >= 2.0, probe.toString());
        assertTrue(((Number) probe.get("examples")).longValue() >= 64, probe.toString());
        assertTrue(((Number) probe.get("samples_per_second")).doubleValue() > 0, probe.toString());
    }

    @Test
    void anUnreachableStorageIsExitOneNamingItWithThePasswordMasked() throws Exception {
        Result r = run("doctor", "--json", "--no-probe", "--storage", "postgresql://x:y@127.0.0.1:1/none");
        assertEquals(1, r.code(), r.out() + r.err());
        Map<?, ?> report = json(r);
        Map<?, ?> storage = (Map<?, ?>) report.get("storage");
        assertEquals("postgresql://x:***@127.0.0.1:1/none", storage.get("url"));
        assertEquals(false, storage.get("reachable"));
        List<?> problems = (List<?>) report.get("problems");
        assertEquals(1, problems.size(), r.out());
        String problem = (String) ((Map<?, ?>) problems.get(0)).get("problem");
        assertTrue(problem.startsWith("storage postgresql://x:***@127.0.0.1:1/none is unreachable: "), problem);
        assertTrue(((String) ((Map<?, ?>) problems.get(0)).get("fix")).contains("check the URL"));
        assertTrue(r.err().startsWith("doctor: storage postgresql://x:***@127.0.0.1:1/none is unreachable"), r.err());
        assertFalse(r.out().contains(":y@") || r.err().contains(":y@"), "the password is never printed");
    }

    @Test
    void aReachableSqliteStorageIsWell(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("studies.db");
        try (Storage s = SqliteStorage.open(db)) {
            s.createStudy("one", Direction.MAXIMIZE);
        }
        Result r = run("doctor", "--json", "--no-probe", "--storage", "sqlite:" + db);
        assertEquals(0, r.code(), r.out() + r.err());
        Map<?, ?> storage = (Map<?, ?>) json(r).get("storage");
        assertEquals(true, storage.get("reachable"));
        assertEquals(1, storage.get("studies"));
    }

    @Test
    void aMissingDatasetIsExitOneNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-data.csv");
        Result r = run("doctor", "--no-probe", "--dataset", missing.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("problem: dataset " + missing + " does not exist"), r.out());
        assertTrue(r.out().contains("  fix: "), r.out());
        assertTrue(r.err().contains(missing.toString()), r.err());
    }

    @Test
    void badOptionValuesAreExitTwo() {
        Result zero = run("doctor", "--probe-seconds", "0");
        assertEquals(2, zero.code());
        assertEquals("error: --probe-seconds: 1 <= seconds <= 600 must hold, but got 0", zero.err());
        Result word = run("doctor", "--probe-seconds", "ten");
        assertEquals(2, word.code());
        assertTrue(word.err().startsWith("error: --probe-seconds"), word.err());
        assertEquals(2, run("doctor", "--no-such-option").code());
    }

    @Test
    void theCompletionScriptKnowsDoctorAndItsOptions() {
        Result r = run("completion");
        assertEquals(0, r.code(), r.err());
        for (String word : List.of("doctor", "--no-probe", "--probe-seconds", "--dataset")) {
            assertTrue(r.out().contains(word), word);
        }
    }
}
