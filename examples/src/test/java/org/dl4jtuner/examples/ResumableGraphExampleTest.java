package org.dl4jtuner.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.models.Dl4jObjective;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example as its own JVM, killed with SIGKILL while a trial trains, then run again on the same
 * SQLite file: nothing that finished is lost or trained again.
 */
class ResumableGraphExampleTest {
    private static final int TRIALS = 6;
    private static final int EPOCHS = 5;
    private static final int TRAIN_ROWS = 300;

    @TempDir
    Path dir;

    @Test
    void aStudyKilledMidTrialContinuesWithoutLosingOrRetrainingAFinishedEpoch() throws Exception {
        Path db = dir.resolve("own.db");
        Path work = dir.resolve("checkpoints");
        Path log = dir.resolve("killed-run.log");
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), ResumableGraphExample.class.getName(),
                "--storage", db.toString(), "--trials", String.valueOf(TRIALS), "--epochs", String.valueOf(EPOCHS),
                "--train-rows", String.valueOf(TRAIN_ROWS), "--workers", "2", "--work", work.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        java.environment().put("OMP_NUM_THREADS", "1");
        Process child = java.start();
        List<FrozenTrial> before;
        try {
            before = waitForATrialMidTraining(db, child, log);
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hook, no finally block runs in the child
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed JVM is gone");
        }
        // what storage held when it died (read again: epochs may have finished since the poll)
        before = trials(db);

        Study study = ResumableGraphExample.run(db, TRIALS, EPOCHS, TRAIN_ROWS, 2, work);

        List<FrozenTrial> after = study.trials();
        assertEquals(TRIALS, after.size(), "the study ends with the trials asked for, counting the killed run's");
        assertTrue(study.trials(TrialState.FAIL).isEmpty(), "no trial failed: " + after);
        long killedPid = child.pid();
        for (FrozenTrial was : before) {
            FrozenTrial now = after.get(was.number());
            assertEquals(was.params(), now.params());
            if (was.state() == TrialState.COMPLETE) {
                assertEquals(TrialState.COMPLETE, now.state());
                assertEquals(was.value(), now.value(), 0.0, "a completed trial is kept as it was");
            }
            // every epoch the killed run finished keeps its value and was trained by the killed JVM, not again
            Map<String, Long> workers = was.intermediateValues().isEmpty() ? Map.of() : workers(now);
            for (Map.Entry<Integer, Double> epoch : was.intermediateValues().entrySet()) {
                assertEquals(epoch.getValue(), now.intermediateValues().get(epoch.getKey()), 0.0,
                        "trial " + was.number() + " epoch " + epoch.getKey());
                assertEquals(killedPid, workers.get(String.valueOf(epoch.getKey())),
                        "trial " + was.number() + " epoch " + epoch.getKey() + " was trained once, by the killed run");
            }
            if (was.state() == TrialState.RUNNING && now.state() == TrialState.COMPLETE) {
                assertEquals(EPOCHS, now.intermediateValues().size(), "trial " + was.number() + " went on to the end");
                assertNotEquals(killedPid, workers.get(String.valueOf(EPOCHS)), "continued by the second run");
            }
        }
        assertTrue(before.stream().anyMatch(t -> t.state() == TrialState.RUNNING && !t.intermediateValues().isEmpty()),
                "the kill came while a trial was mid-training: " + before);
    }

    /** Polls storage until a trial has finished an epoch but not its last one; the child must still run. */
    private static List<FrozenTrial> waitForATrialMidTraining(Path db, Process child, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!child.isAlive()) {
                fail("the example ended (exit " + child.exitValue() + ") before it could be killed: " + tail(log));
            }
            if (Files.isRegularFile(db)) {
                List<FrozenTrial> trials = trials(db);
                boolean midTraining = trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING
                        && t.intermediateValues().size() >= 1 && t.intermediateValues().size() < EPOCHS - 1);
                if (midTraining) {
                    return trials;
                }
            }
            Thread.sleep(100);
        }
        fail("no trial was mid-training within 120 s: " + tail(log));
        return List.of();
    }

    private static List<FrozenTrial> trials(Path db) {
        try (SqliteStorage storage = SqliteStorage.openReadOnly(db)) {
            Optional<StudyRecord> record = storage.findStudy(ResumableGraphExample.STUDY);
            return record.map(r -> storage.trials(r.id(), java.util.EnumSet.allOf(TrialState.class)))
                    .map(list -> list.stream().sorted(java.util.Comparator.comparingInt(FrozenTrial::number)).toList())
                    .orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();   // the file exists but the schema is not written yet
        }
    }

    /** Epoch to the pid of the process that trained it. */
    private static Map<String, Long> workers(FrozenTrial trial) {
        Map<String, Long> workers = new TreeMap<>();
        if (trial.systemAttrs().get(Dl4jObjective.EPOCH_COSTS_ATTR) instanceof Map<?, ?> costs) {
            costs.forEach((epoch, cost) -> {
                if (cost instanceof Map<?, ?> c && c.get("worker") instanceof Number pid) {
                    workers.put(epoch.toString(), pid.longValue());
                }
            });
        }
        assertFalse(workers.isEmpty(), "trial " + trial.number() + " records who trained each epoch");
        return workers;
    }

    private static String tail(Path log) throws java.io.IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
