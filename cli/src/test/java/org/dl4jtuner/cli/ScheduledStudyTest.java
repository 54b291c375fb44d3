package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.cli.PersistentStudyTest.Result;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.hyperband.Hyperband;
import org.dl4jtuner.tuner.schedule.AdaptiveScheduler;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedulers from a YAML spec: their plan, and a synchronous Hyperband study killed with SIGKILL mid-bracket. */
class ScheduledStudyTest {
    @TempDir
    Path dir;

    private Path spec(String name, int trials, String pruner) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                study: {name: %s, trials: %d, seed: 5, parallel: 1, storage: "sqlite:studies.db"}
                sampler: random
                pruner: %s
                data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: 64, batch_size: 16}}
                """.formatted(name, trials, pruner));
    }

    private static List<FrozenTrial> trials(Path db, String study) {
        try (Storage s = SqliteStorage.open(db)) {
            return s.findStudy(study).map(r -> s.trials(r.id(), Set.of())).orElse(List.of());
        }
    }

    @Test
    void planShowsTheEpochsEachScheduleSpends() throws IOException {
        PersistentStudyTest.csv(dir, 60, 4);
        Result asha = PersistentStudyTest.run("plan", spec("asha", 27, "{type: asha, promotion: true, max_epochs: 9}")
                .toString());
        assertEquals(0, asha.code(), asha.err());
        // 27 trials at 1 epoch, 9 promoted to 3 (2 more each), 3 promoted to 9 (6 more each)
        assertTrue(asha.out().startsWith("pruner asha, 27 trials of up to 9 epochs: about 63 epochs when each rung passes"
                + " 1/eta of its trials on; at least 27, at most 243"), asha.out());
        assertTrue(asha.out().contains("promotion ASHA: rungs at [1, 3, 9] epochs"), asha.out());
        Result hyperband = PersistentStudyTest.run("plan", spec("hb", 17,
                "{type: hyperband, synchronous: true, max_epochs: 9}").toString());
        assertEquals(0, hyperband.code(), hyperband.err());
        // brackets of 9 (9x1 + 3x2 + 1x6), 5 (5x3 + 1x6) and 3 (3x9) configurations
        assertTrue(hyperband.out().startsWith("pruner hyperband, 17 trials of up to 9 epochs: 69 epochs on a fixed"
                + " schedule"), hyperband.out());
        Result tooFew = PersistentStudyTest.run("run", spec("few", 5, "{type: hyperband, synchronous: true, max_epochs: 9}")
                .toString());
        assertEquals(2, tooFew.code());
        assertTrue(tooFew.err().contains("study.trials: 5 is fewer than the 9 configurations of synchronous Hyperband's"
                + " first bracket"), tooFew.err());
    }

    @Test
    void aSynchronousHyperbandStudyKilledMidBracketResumesTrainingNoEpochTwice() throws Exception {
        PersistentStudyTest.csv(dir, 3000, 20);
        String pruner = "{type: hyperband, synchronous: true, max_epochs: 9, eta: 3}";
        Path killedSpec = spec("killed", 17, pruner);
        Path db = dir.resolve("studies.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.dl4jtuner.cli.Main", "run", killedSpec.toString(), "--no-baseline")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        int stored = 0;
        while (stored < 11 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(50);
            if (Files.exists(db)) {
                stored = trials(db, "killed").stream().mapToInt(t -> t.intermediateValues().size()).sum();
            }
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no last words
        List<FrozenTrial> atDeath = trials(db, "killed");
        long unfinished = atDeath.stream().filter(t -> !t.isFinished()).count();
        assertTrue(unfinished > 0 && atDeath.size() < 17, "killed mid-schedule (" + atDeath.size() + " trials, "
                + unfinished + " unfinished):\n" + Files.readString(dir.resolve("child.log")));
        Map<List<Integer>, Object> trainedByChild = epochWorkers(atDeath);
        long childPid = child.pid();
        assertTrue(trainedByChild.values().stream().allMatch(w -> ((Number) w).longValue() == childPid));

        Result resumed = PersistentStudyTest.run("run", killedSpec.toString(), "--no-baseline");
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        Result straight = PersistentStudyTest.run("run", spec("straight", 17, pruner).toString(), "--no-baseline");
        assertEquals(0, straight.code(), straight.out() + straight.err());

        List<FrozenTrial> after = trials(db, "killed");
        List<FrozenTrial> once = trials(db, "straight");
        Map<List<Integer>, Object> workers = epochWorkers(after);
        assertEquals(69, workers.size(), "the schedule's 69 epochs, each trained once");
        trainedByChild.forEach((epoch, worker) -> assertEquals(worker, workers.get(epoch),
                "trial " + epoch.get(0) + " epoch " + epoch.get(1) + " was trained by the killed process, not again"));
        assertEquals(69, after.stream().mapToInt(t -> t.intermediateValues().size()).sum());
        assertEquals(once.size(), after.size());
        for (int i = 0; i < once.size(); i++) {
            FrozenTrial a = once.get(i);
            FrozenTrial b = after.get(i);
            assertEquals(a.params(), b.params(), "trial " + i);
            assertEquals(a.state(), b.state(), "trial " + i);
            for (String key : List.of(Hyperband.ITERATION_ATTR, Hyperband.BRACKET_ATTR, Hyperband.RUNG_ATTR_PREFIX + 0,
                    Hyperband.RUNG_ATTR_PREFIX + 1, Hyperband.RUNG_ATTR_PREFIX + 2)) {
                assertEquals(a.systemAttrs().get(key), b.systemAttrs().get(key), "trial " + i + " " + key);
            }
            assertEquals(a.intermediateValues(), b.intermediateValues(), "trial " + i + ": the same curve");
        }
        assertTrue(after.stream().noneMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.PAUSED));
    }

    @Test
    void pruningAutoTrainingInThisProcessPausesAtRungsAndTrainsEveryEpochOnce() throws Exception {
        PersistentStudyTest.csv(dir, 60, 4);
        Result run = PersistentStudyTest.run("run", spec("auto", 8, "{type: auto, max_epochs: 3}").toString(),
                "--no-baseline", "--no-isolate");
        assertEquals(0, run.code(), run.out() + run.err());
        List<FrozenTrial> trials = trials(dir.resolve("studies.db"), "auto");
        assertEquals(8, trials.size());
        int complete = 0;
        for (FrozenTrial t : trials) {
            assertEquals(Boolean.TRUE, t.systemAttrs().get(AdaptiveScheduler.SCHEDULED_ATTR), "trial " + t.number()
                    + " was scheduled: paused at rungs, not stopped between them");
            assertTrue(t.lastStep() == 1 || t.lastStep() == 3, "trial " + t.number() + " ends at a rung: " + t.lastStep());
            assertEquals(t.lastStep() == 3 ? TrialState.COMPLETE : TrialState.PRUNED, t.state(), "trial " + t.number());
            assertEquals(t.lastStep(), t.intermediateValues().size(), "trial " + t.number() + ": no epoch lost");
            complete += t.state() == TrialState.COMPLETE ? 1 : 0;
        }
        assertTrue(complete >= 5, "the rule stops nothing before 5 trials are complete: " + complete);
        int epochs = trials.stream().mapToInt(t -> t.intermediateValues().size()).sum();
        assertEquals(epochs, epochWorkers(trials).size(), "every epoch trained once, its cost recorded once");
    }

    /** (trial, epoch) to the pid of the process that trained it, from each trial's epoch costs. */
    private static Map<List<Integer>, Object> epochWorkers(List<FrozenTrial> trials) {
        Map<List<Integer>, Object> workers = new HashMap<>();
        for (FrozenTrial t : trials) {
            if (t.systemAttrs().get(Study.EPOCH_COSTS_ATTR) instanceof Map<?, ?> costs) {
                costs.forEach((epoch, cost) -> workers.put(List.of(t.number(), Integer.parseInt(epoch.toString())),
                        ((Map<?, ?>) cost).get("worker")));
            }
        }
        return workers;
    }
}
