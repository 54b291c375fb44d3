package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs of a stored study: isolation is the default and says so, a killed parent takes its
 * workers with it (also one that died while the worker's JVM started), and a worker JVM option the JVM refuses is named.
 */
class WorkerLifetimeTest {
    @TempDir
    Path dir;

    @Test
    void aKilledParentTakesItsWorkerJvmWithItWithinTenSeconds() throws Exception {
        PersistentStudyTest.csv(dir, 3000, 20);
        Path spec = PersistentStudyTest.spec(dir, "orphan", 3, 50, "{int: [32, 64]}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("parent.log");
        // no --isolate: a study on SQLite storage runs its trials in worker JVMs by default
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.dl4jtuner.cli.Main", "run", spec.toString(), "--no-baseline")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ProcessHandle worker = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (worker == null && System.nanoTime() < deadline && parent.isAlive()) {
                Thread.sleep(200);
                worker = WorkerProcesses.of(parent.toHandle()).orElse(null);
            }
            assertNotNull(worker, "the parent started no worker JVM:\n" + Files.readString(log));
            Thread.sleep(1500);   // let the worker get going (its watch starts when its command starts)
            assertTrue(worker.isAlive(), "the worker runs while its parent does:\n" + Files.readString(log));
            parent.destroyForcibly();   // SIGKILL: no shutdown hook of the parent runs
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
            long killed = System.nanoTime();
            boolean gone = worker.onExit().thenApply(h -> true).completeOnTimeout(false, 10, TimeUnit.SECONDS).get();
            assertTrue(gone, "the worker JVM (pid " + worker.pid() + ") still runs 10 s after its parent was killed");
            assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10));
            String out = Files.readString(log);
            assertTrue(out.contains("trials run in worker JVMs (--isolate is the default for stored studies;"
                    + " --no-isolate to train in this process)"), out);
            assertTrue(out.indexOf("trials run in worker JVMs") < out.indexOf("sampler "), "said in the first lines: " + out);
        } finally {
            parent.destroyForcibly();
            if (worker != null) {
                worker.destroyForcibly();
            }
        }
    }

    @Test
    void aWorkerWhoseRunDiedWhileItsJvmStartedStopsAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, gone.waitFor());
        Path plan = Files.writeString(dir.resolve("plan.json"), "{}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process worker = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "worker", plan.toString(), "--parent", Long.toString(gone.pid())).redirectErrorStream(true).start();
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the orphaned worker still runs");
        String out = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(org.dl4jtuner.cli.run.ParentWatch.EXIT_PARENT_GONE, worker.exitValue(), out);
        assertTrue(out.contains("the run process (pid " + gone.pid() + ") that started this worker is gone"), out);
    }

    @Test
    void aWorkerJvmOptionTheJvmRefusesIsNamedWithTheJvmsOwnWords() throws IOException {
        PersistentStudyTest.csv(dir, 300, 5);
        Path spec = PersistentStudyTest.spec(dir, "badoption", 3, 1, "8");
        long start = System.nanoTime();
        PersistentStudyTest.Result r = PersistentStudyTest.run("run", spec.toString(), "--no-baseline",
                "--worker-jvm-options", "-Xmx2q");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error: --worker-jvm-options: the worker JVM refused '-Xmx2q': Invalid maximum heap"
                + " size: -Xmx2q"), r.err());
        assertFalse(r.err().contains("in a row"), "stopped at the first worker: " + r.err());
        assertFalse(r.out().contains("Could not create the Java Virtual Machine"), r.out());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "no retries");

        PersistentStudyTest.Result unknown = PersistentStudyTest.run("run", spec.toString(), "--no-baseline", "--isolate",
                "--worker-jvm-options", "-Xmx512m -XX:+NoSuchFlag");
        assertEquals(2, unknown.code(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("the worker JVM refused '-Xmx512m -XX:+NoSuchFlag': Unrecognized VM option"
                + " 'NoSuchFlag'"), unknown.err());
    }

    @Test
    void anOverLargeNetworkFailsItsTrialWithItsSizeAndTheStudyFinishesTheRest() throws IOException {
        PersistentStudyTest.csv(dir, 600, 20);
        // one or two hidden layers of 100,000 units: two is 1e10 weights, 40 GB before gradients and Adam
        Path spec = Files.writeString(dir.resolve("huge.yaml"), """
                study: {name: huge, trials: 6, seed: 3}
                sampler: random
                pruner: {type: none, max_epochs: 1}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
                model: {type: mlp, space: {layers: {int: [1, 2]}, units: 100000, batch_size: 64}}
                """);
        Path summary = dir.resolve("summary.json");
        PersistentStudyTest.Result r = PersistentStudyTest.run("run", spec.toString(), "--no-baseline", "--summary",
                summary.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*trial +\\d+ FAIL .*NetworkTooLargeException: trial \\d+'s network needs about"
                + " [0-9,]+ MiB \\(1\\.0e\\+10 parameters with Adam state, batch 64\\) but [0-9,]+ MiB are free .*"),
                r.out());
        long failed = r.out().lines().filter(l -> l.matches("trial +\\d+ FAIL .*layers=2.*")).count();
        long completed = r.out().lines().filter(l -> l.matches("trial +\\d+ COMPLETE .*layers=1.*")).count();
        assertTrue(failed >= 1 && completed >= 1 && failed + completed == 6, "every two-layer trial failed, every"
                + " one-layer trial ran: " + r.out());
        assertTrue(r.out().contains("Summary"), r.out());
    }
}
