package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (SIGINT) during {@code run}, in a separate process: the running trial stays RUNNING with
 * its checkpoint, the output says where the study stands and how to resume, the exit code is 130,
 * and the next run continues the trial from its last stored epoch; in this process and with worker
 * JVMs.
 */
class InterruptedRunTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--no-isolate", "--isolate"})
    void ctrlCLeavesTheRunningTrialForTheNextRunToContinueAndSaysHowToResume(String isolation) throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (a background job of a shell without job"
                + " control), so the run it starts inherits that and no Ctrl-C can reach it");
        PersistentStudyTest.csv(dir, 3000, 20);
        Path spec = PersistentStudyTest.spec(dir, "stopped", 3, 200, "64");
        Path db = dir.resolve("studies.db");
        Path log = dir.resolve("run.log");
        List<String> command = PersistentStudyTest.javaCommand("run", spec.toString(), "--no-baseline", isolation);
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<ProcessHandle> workers = new ArrayList<>();
        try {
            FrozenTrial running = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (running == null && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(300);
                running = trainingTrial(db);
            }
            assertNotNull(running, "no trial got to train:\n" + Files.readString(log));
            run.toHandle().descendants().forEach(workers::add);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start();
            assertEquals(0, kill.waitFor());
            boolean ended = run.waitFor(60, TimeUnit.SECONDS);
            assertTrue(ended, "the run stops within a minute of Ctrl-C; it printed:\n" + Files.readString(log));
            String out = Files.readString(log);
            assertEquals(130, run.exitValue(), out);
            assertTrue(out.contains("interrupted: the running trials stay RUNNING"), out);
            assertTrue(out.contains("study 'stopped' now holds 1 trials: 1 RUNNING"), out);
            assertTrue(out.contains("resume with: dl4j-tuner run " + spec + " --no-baseline " + isolation), out);
            assertTrue(out.lines().noneMatch(l -> l.contains("exited with code")), "workers stopped, not crashed: " + out);
            FrozenTrial stopped = trials(db).get(running.number());
            assertEquals(TrialState.RUNNING, stopped.state(), "left for the next run to continue: " + stopped);
            int stored = stopped.intermediateValues().size();
            assertTrue(stored >= 1, "it had trained an epoch: " + stopped);

            // the next run (one trial, a few epochs more) takes it over and trains only its remaining epochs
            PersistentStudyTest.Result again = PersistentStudyTest.run("run", spec.toString(), "--no-baseline", isolation,
                    "--trials", "1", "--max-epochs", Integer.toString(stored + 3));
            assertEquals(0, again.code(), again.out() + again.err());
            assertTrue(again.out().contains("trial " + running.number() + " was left RUNNING by a process that died;"
                    + " it continues from its checkpoint (" + stored + " epoch"), again.out());
            List<FrozenTrial> trials = trials(db);
            assertEquals(1, trials.size(), "the trial is continued, not replaced: " + trials);
            FrozenTrial continued = trials.get(0);
            assertTrue(continued.isFinished() && continued.state() != TrialState.FAIL, String.valueOf(continued));
            for (int epoch = 1; epoch <= stored; epoch++) {
                assertEquals(stopped.intermediateValues().get(epoch), continued.intermediateValues().get(epoch),
                        "epoch " + epoch + " is kept as the stopped run stored it");
            }
            assertTrue(continued.intermediateValues().size() > stored, "it trained on: " + continued);
            assertTrue(continued.intermediateValues().size() <= stored + 3, "and no more than asked: " + continued);
            for (ProcessHandle w : workers) {
                assertTrue(w.onExit().thenApply(h -> true).completeOnTimeout(false, 10, TimeUnit.SECONDS).get(),
                        "worker " + w.pid() + " stopped");
            }
        } finally {
            run.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A RUNNING trial that reported an epoch, or null (also while the database is busy). */
    private static FrozenTrial trainingTrial(Path db) {
        if (!Files.exists(db)) {
            return null;
        }
        try (Storage s = SqliteStorage.open(db)) {
            var study = s.findStudy("stopped");
            if (study.isEmpty()) {
                return null;
            }
            return s.trials(study.get().id(), Set.of(TrialState.RUNNING)).stream()
                    .filter(t -> !t.intermediateValues().isEmpty()).findFirst().orElse(null);
        } catch (RuntimeException busy) {
            return null;
        }
    }

    private static List<FrozenTrial> trials(Path db) {
        try (Storage s = SqliteStorage.open(db)) {
            return s.trials(s.findStudy("stopped").orElseThrow().id(), Set.of());
        }
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as its children then do. */
    private static boolean sigintIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> (mask & (1L << (2 - 1))) != 0);
    }
}
