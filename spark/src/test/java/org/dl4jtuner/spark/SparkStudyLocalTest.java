package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SparkStudy with {@code --master local[2]}: the 12-trial wine study on SQLite and on PostgreSQL, and refusals. */
class SparkStudyLocalTest {
    static final Path SPEC = Path.of("../examples/spark/wine-spark.yaml");

    @Test
    void twoLocalTasksShareTwelveTrialsOnSqlite(@TempDir Path dir) {
        runTwelveTrials("sqlite:" + dir.resolve("study.db"), "wine-spark", dir);
    }

    @Test
    void twoLocalTasksShareTwelveTrialsOnPostgres(@TempDir Path dir) throws Exception {
        String url = System.getenv("DL4J_TUNER_TEST_POSTGRES");
        assumeTrue(url != null && !url.isBlank(), "DL4J_TUNER_TEST_POSTGRES is not set");
        String name = "wine-spark-local-" + System.nanoTime();
        try {
            runTwelveTrials(url, name, dir);
        } finally {
            StudyTrials.delete(url, name);
        }
    }

    private static void runTwelveTrials(String url, String name, Path dir) {
        Run run = Run.of(SPEC.toString(), "--storage", url, "--study", name, "--master", "local[2]", "--workers", "2",
                "--no-baseline", "--artifacts", dir.resolve("networks").toString());
        assertEquals(0, run.code, run.output());
        assertTrue(run.out.contains("trials run in 2 Spark tasks on local[2]"), run.output());

        StudyTrials trials = StudyTrials.read(url, name);
        assertEquals(12, trials.all().size(), "trials: " + trials.numbers(trials.all()));
        assertEquals(IntStream.range(0, 12).boxed().collect(Collectors.toCollection(TreeSet::new)),
                trials.numbers(trials.all()));
        assertTrue(trials.in(TrialState.RUNNING).isEmpty() && trials.in(TrialState.WAITING).isEmpty(), run.output());
        assertEquals(12, trials.in(TrialState.COMPLETE).size() + trials.in(TrialState.PRUNED).size(),
                "no trial of a healthy run fails: " + run.output());
        Set<Object> partitions = new TreeSet<>();
        Set<Object> apps = new TreeSet<>();
        for (FrozenTrial t : trials.all()) {
            Map<?, ?> where = StudyTrials.placement(t);
            partitions.add(where.get("partition"));
            apps.add(where.get("app_id"));
            assertEquals("driver", where.get("executor_id"), "local mode runs its tasks in the driver: " + where);
            assertEquals("cpu", where.get("device"));
            assertEquals(0, where.get("attempt"));
        }
        assertEquals(Set.of(0, 1), partitions, "both tasks trained trials");
        assertEquals(1, apps.size(), "one application: " + apps);
        assertTrue(run.out.contains("best"), run.output());
    }

    @Test
    void storageEveryExecutorReachesIsRequired() {
        Run run = Run.of(SPEC.toString(), "--storage", "memory", "--master", "local[2]");
        assertEquals(2, run.code, run.output());
        assertTrue(run.err.contains("--storage: memory"), run.output());
    }

    @Test
    void workersMustBePositive(@TempDir Path dir) {
        Run run = Run.of(SPEC.toString(), "--storage", "sqlite:" + dir.resolve("s.db"), "--master", "local[2]",
                "--workers", "0");
        assertEquals(2, run.code, run.output());
        assertTrue(run.err.contains("--workers >= 1 must hold, but got 0"), run.output());
    }

    @Test
    void aSpecMistakeIsRefusedBeforeSparkStarts(@TempDir Path dir) {
        Run run = Run.of(dir.resolve("missing.yaml").toString(), "--storage", "sqlite:" + dir.resolve("s.db"),
                "--master", "local[2]");
        assertEquals(2, run.code, run.output());
        assertTrue(run.err.startsWith("error: ") && run.err.contains("missing.yaml"), run.output());
    }

    /** One SparkStudy command line, run in this JVM, with what it printed. */
    record Run(int code, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = SparkStudy.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        }

        String output() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }
}
