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

    private static RunOptions options(RunOptions.Isolation isolation, Path artifacts) {
        return new RunOptions(true, false, 1, Duration.ofMinutes(3), 5, artifacts, isolation, List.of("-Xmx1g"), false,
                ProgressDisplay.Mode.BAR, List.of("-q"), List.of());
    }

    @Test
    void anInMemoryStudyTrainsHereAndKeepsNoNetworks() {
        RunPlan plan = RunPlan.of(spec(""), options(RunOptions.Isolation.DEFAULT, null), 64 * GIB, dir);
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
        RunPlan plan = RunPlan.of(spec, options(RunOptions.Isolation.DEFAULT, null), 64 * GIB, dir);
        assertTrue(plan.isolate());
        assertEquals("sqlite:" + dir.resolve("studies.db"), plan.storageUrl());
        assertEquals(dir.resolve("studies-artifacts/s-3"), plan.artifactsFolder(new StudyRecord(3, "s", Direction.MAXIMIZE)));
        assertEquals(2, plan.threads());

        RunPlan small = RunPlan.of(spec, options(RunOptions.Isolation.DEFAULT, null), GIB / 2, dir);
        assertFalse(small.isolate());
        assertTrue(small.placement().line().contains("not enough for a worker JVM"), small.placement().line());
    }

    @Test
    void workersOfAnInMemoryStudyShareAScratchFileAndTheBestNetworkIsReadFromIt() {
        RunPlan plan = RunPlan.of(spec(""), options(RunOptions.Isolation.ALWAYS, null), 0, dir);
        assertTrue(plan.isolate());
        assertEquals("sqlite:" + dir.resolve("study.db"), plan.storageUrl());
        assertFalse(plan.persistent());
        assertTrue(plan.keepsArtifacts());
        assertEquals(dir.resolve("study-artifacts/s-1"), plan.artifactsFolder(new StudyRecord(1, "s", Direction.MAXIMIZE)));
    }

    @Test
    void artifactsGoWhereTheCommandLineSays() {
        RunPlan plan = RunPlan.of(spec(""), options(RunOptions.Isolation.NEVER, dir.resolve("nets")), 0, dir);
        assertEquals(dir.resolve("nets/s-7"), plan.artifactsFolder(new StudyRecord(7, "s", Direction.MAXIMIZE)));
    }

    @Test
    void aWorkerTrainsOneTrialAtATimeWithoutBaselineAndReadsThePlanItsParentWrote() {
        StudySpec spec = spec("study: {storage: sqlite:studies.db, parallel: 3, time_limit: 2h}\n"
                + "sampler: {type: tpe, startup_trials: 4}\npruner: {type: median, max_epochs: 4}\n");
        RunPlan parent = RunPlan.of(spec, options(RunOptions.Isolation.ALWAYS, dir.resolve("nets")), 64 * GIB, dir);
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
                options(RunOptions.Isolation.NEVER, null), 0, dir));
        assertTrue(e.getMessage().contains("bohb") && e.getMessage().contains("hyperband"), e.getMessage());
    }
}
