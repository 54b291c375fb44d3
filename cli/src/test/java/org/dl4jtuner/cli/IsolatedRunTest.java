package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --isolate}: trials run in worker JVMs, and a worker killed mid-trial costs that trial only. */
class IsolatedRunTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerJvmKilledMidTrialCostsOneTrialAndTheStudyFinishes() throws Exception {
        PersistentStudyTest.csv(dir, 3000, 20);
        Path spec = PersistentStudyTest.spec(dir, "isolated", 3, 25, "{int: [32, 64]}");
        Path db = dir.resolve("studies.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> parent = CompletableFuture.supplyAsync(() -> Main.execute(
                new String[] {"run", spec.toString(), "--isolate", "--no-baseline"}, new PrintWriter(out),
                new PrintWriter(err)));
        ProcessHandle victim = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (victim == null && System.nanoTime() < deadline && !parent.isDone()) {
            Thread.sleep(100);
            if (java.nio.file.Files.exists(db) && midTrial(db)) {
                victim = WorkerProcesses.of(ProcessHandle.current()).orElse(null);
            }
        }
        if (victim == null) {
            Throwable failure = parent.handle((v, e) -> e).get();
            if (failure != null) {
                throw new AssertionError("the run failed: " + out + err, failure);
            }
        }
        assertNotNull(victim, "no worker JVM got mid-trial: " + out + err);
        assertTrue(victim.destroyForcibly(), "SIGKILL sent to the worker");
        int code = parent.get(5, TimeUnit.MINUTES);
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("its worker JVM (pid " + victim.pid() + ") exited with code 137"), out.toString());
        try (Storage s = SqliteStorage.open(db)) {
            List<FrozenTrial> trials = s.trials(s.findStudy("isolated").orElseThrow().id(), Set.of());
            assertEquals(1, trials.stream().filter(t -> t.state() == TrialState.FAIL).count(), "one trial lost");
            assertEquals(3, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), "the study finished");
            assertTrue(trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
                    .noneMatch(t -> String.valueOf(t.systemAttrs().get(Study.WORKER_ATTR)).startsWith(
                            ProcessHandle.current().pid() + "@")), "no trial ran in the parent JVM");
        }
        assertTrue(out.toString().contains("Summary"), out.toString());
    }

    private static boolean midTrial(Path db) {
        try (Storage s = SqliteStorage.open(db)) {
            return s.findStudy("isolated").map(r -> s.trials(r.id(), Set.of(TrialState.RUNNING)).stream()
                    .anyMatch(t -> !t.intermediateValues().isEmpty())).orElse(false);
        } catch (RuntimeException busy) {
            return false;
        }
    }
}
