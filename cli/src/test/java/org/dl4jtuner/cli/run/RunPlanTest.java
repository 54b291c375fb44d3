package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;
import org.dl4jtuner.gpu.Backend;
import org.dl4jtuner.gpu.BackendReport;
import org.dl4jtuner.gpu.Device;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run plan: where trials train and are stored, what is kept, and the plan a worker JVM receives. */
class RunPlanTest {
    private static final long GIB = 1L << 30;
    @TempDir
    Path dir;

    private StudySpec spec(String extra) {
        return StudySpecParser.parse(extra + "data: {type: fashion-mnist, path: bundled}\n"
                + "model: {type: mlp, space: {learning_rate: {log_uniform: [1.0e-4, 0.1]}}}\n", dir.resolve("s.yaml"));
    }

    /** A machine with two cores and no GPU. */
    static Machine cpu(long availableBytes) {
        return new Machine(availableBytes, report(Backend.CPU, List.of()));
    }

    static BackendReport report(Backend backend, List<Device> devices) {
        return new BackendReport(backend, backend == Backend.CPU ? "nd4j-native" : "nd4j-cuda-11.6", null, "1.0.0-M2.1",
                "1.0.0-M2.1", 2, 8 * GIB, 4 * GIB, GIB, "OPENBLAS", 1, List.of(), devices, List.of(), List.of());
    }

    private static RunOptions options(RunOptions.Isolation isolation, Path artifacts) {
        return new RunOptions(true, false, 1, Duration.ofMinutes(3), 5, artifacts, isolation, List.of("-Xmx1g"), false,
                ProgressDisplay.Mode.BAR, List.of("-q"), List.of());
    }

    @Test
    void anInMemoryStudyTrainsHereAndKeepsNoNetworks() {
        RunPlan plan = RunPlan.of(spec(""), options(RunOptions.Isolation.DEFAULT, null), cpu(64 * GIB), dir);
        assertFalse(plan.isolate());
        assertNull(plan.storageUrl());
        assertNull(plan.placement().line());
        assertFalse(plan.keepsArtifacts());
        assertTrue(plan.baseline());
        assertEquals(1, plan.threads());
    }

    @Test
    void aStoredStudyUsesWorkersWhenTheMemoryAllowsAndKeepsNetworksNextToItsFile() {
        StudySpec spec = spec("study: {storage: sqlite:studies.db, parallel: 2}\n");
        RunPlan plan = RunPlan.of(spec, options(RunOptions.Isolation.DEFAULT, null), cpu(64 * GIB), dir);
        assertTrue(plan.isolate());
        assertEquals("sqlite:" + dir.resolve("studies.db"), plan.storageUrl());
        assertEquals(dir.resolve("studies-artifacts/s-3"), plan.artifactsFolder(new StudyRecord(3, "s", Direction.MAXIMIZE)));
        assertEquals(2, plan.threads());

        RunPlan small = RunPlan.of(spec, options(RunOptions.Isolation.DEFAULT, null), cpu(GIB / 2), dir);
        assertFalse(small.isolate());
        assertTrue(small.placement().line().contains("not enough for a worker JVM"), small.placement().line());
    }

    @Test
    void pruningAutoPausesAndResumesOnlyWhereTrialsTrainHereAndTheStudyIsNotReproducible() {
        String auto = "pruner: {type: auto, max_epochs: 9}\n";
        RunPlan here = RunPlan.of(spec(auto), options(RunOptions.Isolation.DEFAULT, null), cpu(64 * GIB), dir);
        assertFalse(here.isolate());
        assertTrue(here.scheduled(), "an in-memory study trains here: auto pauses at rungs");

        RunPlan workers = RunPlan.of(spec(auto + "study: {storage: sqlite:studies.db}\n"),
                options(RunOptions.Isolation.DEFAULT, null), cpu(64 * GIB), dir);
        assertTrue(workers.isolate(), "auto does not take a stored study's workers away");
        assertFalse(workers.scheduled(), "in worker JVMs auto stops trials");

        RunPlan reproducible = RunPlan.of(spec(auto + "study: {reproducible: true}\n"),
                options(RunOptions.Isolation.DEFAULT, null), cpu(64 * GIB), dir);
        assertFalse(reproducible.scheduled(), "a reproducible study fixes what each trial sees, which pausing does not");
        assertFalse(here.forWorker().scheduled());
    }

    @Test
    void workersOfAnInMemoryStudyShareAScratchFileAndTheBestNetworkIsReadFromIt() {
        RunPlan plan = RunPlan.of(spec(""), options(RunOptions.Isolation.ALWAYS, null), cpu(0), dir);
        assertTrue(plan.isolate());
        assertEquals("sqlite:" + dir.resolve("study.db"), plan.storageUrl());
        assertFalse(plan.persistent());
        assertTrue(plan.keepsArtifacts());
        assertEquals(dir.resolve("study-artifacts/s-1"), plan.artifactsFolder(new StudyRecord(1, "s", Direction.MAXIMIZE)));
    }

    @Test
    void artifactsGoWhereTheCommandLineSays() {
        RunPlan plan = RunPlan.of(spec(""), options(RunOptions.Isolation.NEVER, dir.resolve("nets")), cpu(0), dir);
        assertEquals(dir.resolve("nets/s-7"), plan.artifactsFolder(new StudyRecord(7, "s", Direction.MAXIMIZE)));
    }

    @Test
    void aWorkerTrainsOneTrialAtATimeWithoutBaselineAndReadsThePlanItsParentWrote() {
        StudySpec spec = spec("study: {storage: sqlite:studies.db, parallel: 3, time_limit: 2h}\n"
                + "sampler: {type: tpe, startup_trials: 4}\npruner: {type: median, max_epochs: 4}\n");
        RunPlan parent = RunPlan.of(spec, options(RunOptions.Isolation.ALWAYS, dir.resolve("nets")), cpu(64 * GIB), dir);
        RunPlan worker = parent.forWorker();
        assertTrue(worker.worker());
        assertFalse(worker.isolate());
        assertFalse(worker.baseline());
        assertEquals(1, worker.threads());
        assertEquals(3, worker.spec().study().parallel(), "the sampler's defaults see the study's parallelism");
        assertEquals(ProgressDisplay.Mode.LINES, worker.options().progress());
        assertEquals(parent.storageUrl(), worker.storageUrl());

        RunPlan read = RunPlanJson.read(RunPlanJson.write(worker));
        assertEquals(worker, read);
    }

    @Test
    void aSamplerThatNeedsRungsIsRefusedWithoutThem() {
        UserError e = assertThrows(UserError.class, () -> RunPlan.of(spec("sampler: bohb\n"),
                options(RunOptions.Isolation.NEVER, null), cpu(0), dir));
        assertTrue(e.getMessage().contains("bohb") && e.getMessage().contains("hyperband"), e.getMessage());
    }

    @Test
    void parallelAutoTakesOneTrialPerCoreAndSaysSo() {
        RunPlan plan = RunPlan.of(spec("study: {parallel: auto}\n"), options(RunOptions.Isolation.NEVER, null), cpu(0), dir);
        assertEquals(2, plan.spec().study().parallel());
        assertEquals(2, plan.threads());
        assertEquals("parallel auto: 2 trials, one per core, 1 OpenMP thread each", plan.parallelLine());
        assertFalse(plan.onDevices());
        assertEquals(List.of("OMP_NUM_THREADS"), List.copyOf(plan.slots().get(1).workerEnvironment().keySet()));
        assertNull(RunPlan.of(spec("study: {parallel: 2}\n"), options(RunOptions.Isolation.NEVER, null), cpu(0), dir)
                .parallelLine());
    }

    @Test
    void onCudaTrialsSpreadOverTheCardsAndWorkersSeeTheirOwn() {
        Device a = new Device(0, "A", 8, 6, 24 * GIB, 20 * GIB);
        Device b = new Device(1, "B", 8, 0, 16 * GIB, 12 * GIB);
        Machine cuda = new Machine(64 * GIB, report(Backend.CUDA, List.of(a, b)));
        RunPlan plan = RunPlan.of(spec("study: {parallel: auto, trials_per_device: 2, storage: sqlite:s.db}\n"),
                options(RunOptions.Isolation.ALWAYS, null), cuda, dir);
        assertEquals(4, plan.threads());
        assertTrue(plan.onDevices());
        assertEquals(List.of("0", "1", "0", "1"), plan.slots().stream()
                .map(slot -> slot.workerEnvironment().get("CUDA_VISIBLE_DEVICES")).toList());
        assertEquals(List.of(), plan.forWorker().slots(), "a worker sees only the card its parent gave it");

        Device hopper = new Device(0, "H100", 9, 0, 80 * GIB, 80 * GIB);
        UserError e = assertThrows(UserError.class, () -> RunPlan.of(spec("study: {parallel: 2}\n"),
                options(RunOptions.Isolation.NEVER, null), new Machine(0, report(Backend.CUDA, List.of(hopper))), dir));
        assertTrue(e.getMessage().startsWith("study.parallel: ") && e.getMessage().contains("9.0"), e.getMessage());
    }
}
