package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.dl4jtuner.storage.PostgresStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code run} processes on one PostgreSQL study (a real server: {@code .ci/run} starts
 * Debian's and sets {@code DL4J_TUNER_TEST_POSTGRES}) share the work: together they finish the
 * study's trials, with no trial number used twice and no trial more than asked for.
 */
@EnabledIfEnvironmentVariable(named = "DL4J_TUNER_TEST_POSTGRES", matches = ".+")
class TwoWorkersTest {
    @TempDir
    Path dir;

    @Test
    void twoWorkerProcessesTogetherFinishTheStudyWithNoDuplicates() throws Exception {
        String url = System.getenv("DL4J_TUNER_TEST_POSTGRES");
        String name = "two-workers-" + System.nanoTime();
        PersistentStudyTest.csv(dir, 1200, 10);
        Path spec = Files.writeString(dir.resolve("workers.yaml"), """
                study: {name: %s, trials: 12, seed: 9}
                sampler: random
                pruner: {type: none, max_epochs: 6}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: {int: [8, 64]}, batch_size: 32}}
                """.formatted(name));
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(new ProcessBuilder(PersistentStudyTest.javaCommand("run", spec.toString(), "--storage", url,
                    "--no-baseline", "--no-isolate", "--artifacts", dir.resolve("artifacts").toString())).redirectErrorStream(true).redirectOutput(dir.resolve("worker" + w + ".log").toFile())
                    .start());
        }
        for (int w = 0; w < 2; w++) {
            assertTrue(workers.get(w).waitFor(5, TimeUnit.MINUTES), "worker " + w + " finished");
            assertEquals(0, workers.get(w).exitValue(), Files.readString(dir.resolve("worker" + w + ".log")));
        }
        try (Storage storage = PostgresStorage.open(url)) {
            List<FrozenTrial> trials = storage.trials(storage.findStudy(name).orElseThrow().id(), Set.of());
            assertEquals(12, trials.size(), "exactly the study's 12 trials, not 12 per worker");
            Set<Integer> numbers = new HashSet<>();
            trials.forEach(t -> assertTrue(numbers.add(t.number()), "trial number " + t.number() + " used twice"));
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
            Map<Object, Long> perWorker = trials.stream()
                    .collect(Collectors.groupingBy(t -> t.systemAttrs().get(Study.WORKER_ATTR), Collectors.counting()));
            assertEquals(2, perWorker.size(), "both workers ran trials: " + perWorker);
        }
    }
}
