package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.util.Folders;
import org.junit.jupiter.api.Test;

/**
 * A real standalone cluster on loopback (a master and two one-core worker JVMs) running the 12-trial
 * wine study on PostgreSQL, where one worker JVM and its executor are killed (SIGKILL) while a trial
 * trains: the other executor takes the trial over and trains its remaining epochs (or, when the
 * driver judged it dead first, it is FAIL and retried), no finished trial is lost, none is left
 * RUNNING, and the study holds exactly its 12 trials.
 */
class SparkStudyClusterTest {

    @Test
    void aKilledWorkerCostsOnlyTheTrialItWasTraining() throws Exception {
        String url = System.getenv("DL4J_TUNER_TEST_POSTGRES");
        assumeTrue(url != null && !url.isBlank(), "DL4J_TUNER_TEST_POSTGRES is not set");
        Path folder = Path.of("target", "spark-cluster").toAbsolutePath();
        Folders.deleteTree(folder);
        String name = "wine-spark-cluster-" + System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(folder, 2)) {
            System.setProperty("spark.executor.extraClassPath", cluster.classPath());
            System.setProperty("spark.ui.enabled", "false");
            CompletableFuture<SparkStudyLocalTest.Run> driver = CompletableFuture.supplyAsync(() ->
                    SparkStudyLocalTest.Run.of(SparkStudyLocalTest.SPEC.toString(), "--storage", url, "--study", name,
                            "--master", cluster.masterUrl(), "--workers", "2", "--retry-failed", "1", "--no-baseline",
                            "--artifacts", folder.resolve("networks").toString()));
            Kill kill = killWorkerMidTrial(url, name, cluster, driver);
            SparkStudyLocalTest.Run run = driver.get(10, TimeUnit.MINUTES);
            System.out.println("killed trial " + kill.trial() + " with worker " + kill.worker() + "; the driver said:\n"
                    + run.output());
            assertEquals(0, run.code(), run.output());

            StudyTrials trials = StudyTrials.read(url, name);
            String all = describe(trials);
            assertEquals(12, trials.counted().size(), "the study holds exactly its trials: " + all);
            assertTrue(trials.in(TrialState.RUNNING).isEmpty(), "none left RUNNING: " + all);
            assertTrue(trials.in(TrialState.WAITING).isEmpty(), "no retry left waiting: " + all);
            for (var before : kill.finished().entrySet()) {
                FrozenTrial after = trials.all().stream().filter(t -> t.number() == before.getKey()).findFirst()
                        .orElseThrow(() -> new AssertionError("trial " + before.getKey() + " is gone: " + all));
                assertEquals(before.getValue(), after.state() + " " + after.value(),
                        "a trial finished before the kill is kept as it was: " + all);
            }
            FrozenTrial killed = trials.all().stream().filter(t -> t.number() == kill.trial()).findFirst().orElseThrow();
            Optional<FrozenTrial> retry = trials.all().stream()
                    .filter(t -> Integer.valueOf(kill.trial()).equals(t.systemAttrs().get(Study.RETRY_OF_ATTR))).findFirst();
            if (killed.systemAttrs().containsKey(Study.TAKEN_OVER_ATTR)) {
                // the other executor took the dead trial over and trained its remaining epochs
                assertTrue(killed.state() == TrialState.COMPLETE || killed.state() == TrialState.PRUNED,
                        "a trial taken over is finished and counts: " + all);
                assertTrue(killed.intermediateValues().keySet().containsAll(kill.epochsBefore().keySet()),
                        "the epochs stored before the kill are kept: " + kill.epochsBefore() + " then "
                                + killed.intermediateValues());
                assertTrue(retry.isEmpty(), "a trial taken over is not retried as well: " + all);
            } else {
                // the driver judged it dead before a worker took it over: failed, not counted, retried
                assertEquals(TrialState.FAIL, killed.state(), all);
                assertEquals(true, killed.systemAttrs().get(Storage.DIED_ATTR), "a dead trial does not count: " + all);
                assertTrue(String.valueOf(killed.systemAttrs().get(Study.FAIL_REASON_ATTR)).contains("is gone"),
                        "its reason names the dead process: " + killed.systemAttrs().get(Study.FAIL_REASON_ATTR));
                assertTrue(retry.isPresent(), "--retry-failed 1 runs the killed trial's parameters again: " + all);
                assertTrue(retry.get().isFinished(), all);
                assertEquals(killed.params(), retry.get().params(), "the retry trains the same parameters");
            }
            Set<Object> executors = new TreeSet<>();
            trials.all().forEach(t -> executors.add(StudyTrials.placement(t).get("executor_id")));
            assertTrue(executors.size() >= 2, "both executors trained trials: " + executors);
            assertFalse(cluster.workers().get(kill.worker()).isAlive(), "the killed worker stays dead");
        } finally {
            System.clearProperty("spark.executor.extraClassPath");
            System.clearProperty("spark.ui.enabled");
            StudyTrials.delete(url, name);
        }
    }

    /**
     * The trial killed, the worker (its index) that was killed with its executor, the trials
     * finished at that moment ("STATE value"), and the killed trial's epochs stored by then.
     */
    record Kill(int trial, int worker, Map<Integer, String> finished, Map<Integer, Double> epochsBefore) {
    }

    /**
     * Waits until two trials have finished and another has trained an epoch in an executor, then kills
     * that executor's worker JVM and the executor with SIGKILL.
     */
    private static Kill killWorkerMidTrial(String url, String name, StandaloneCluster cluster,
            CompletableFuture<SparkStudyLocalTest.Run> driver) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (Instant.now().isBefore(deadline)) {
            if (driver.isDone()) {
                fail("the study ended before a trial could be killed:\n" + driver.get().output());
            }
            Optional<StudyTrials> seen = tryRead(url, name);
            if (seen.isPresent() && seen.get().all().stream().filter(FrozenTrial::isFinished).count() >= 2) {
                for (FrozenTrial t : seen.get().in(TrialState.RUNNING)) {
                    Optional<Kill> kill = tryKill(t, seen.get(), cluster);
                    if (kill.isPresent()) {
                        return kill.get();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no trial trained an epoch in an executor within 6 minutes");
    }

    private static Optional<Kill> tryKill(FrozenTrial t, StudyTrials trials, StandaloneCluster cluster) {
        if (t.intermediateValues().isEmpty() || !(t.systemAttrs().get(Study.WORKER_ATTR) instanceof String worker)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(worker.substring(0, worker.indexOf('@')));
        Optional<ProcessHandle> executor = ProcessHandle.of(pid);
        for (int i = 0; i < cluster.workers().size(); i++) {
            Process daemon = cluster.workers().get(i);
            if (executor.isPresent() && executor.get().parent().map(p -> p.pid() == daemon.pid()).orElse(false)) {
                Map<Integer, String> finished = new LinkedHashMap<>();
                trials.all().stream().filter(FrozenTrial::isFinished)
                        .forEach(f -> finished.put(f.number(), f.state() + " " + f.value()));
                daemon.destroyForcibly();
                executor.get().destroyForcibly();
                return Optional.of(new Kill(t.number(), i, finished, t.intermediateValues()));
            }
        }
        return Optional.empty();
    }

    private static Optional<StudyTrials> tryRead(String url, String name) {
        try {
            return Optional.of(StudyTrials.read(url, name));
        } catch (AssertionError notCreatedYet) {
            return Optional.empty();
        }
    }

    private static String describe(StudyTrials trials) {
        StringBuilder b = new StringBuilder();
        for (FrozenTrial t : trials.all()) {
            b.append("\n  trial ").append(t.number()).append(' ').append(t.state()).append(' ').append(t.value())
                    .append(' ').append(t.systemAttrs().get(Study.FAIL_REASON_ATTR) == null ? ""
                            : t.systemAttrs().get(Study.FAIL_REASON_ATTR))
                    .append(' ').append(t.userAttrs().get(TaskPlacement.ATTR));
        }
        return b.toString();
    }
}
