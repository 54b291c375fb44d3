package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code study.enqueue} and {@code study.warm_start} in real runs on an SQLite file, resumed. */
class WarmStartRunTest {
    @TempDir
    Path dir;

    private Path spec(String name, int trials, String extra) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                study:
                  name: %s
                  trials: %d
                  seed: 5
                  storage: "sqlite:studies.db"
                %s
                sampler: tpe
                pruner: {type: none, max_epochs: 1}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: {int: [4, 16]}, batch_size: 16}}
                """.formatted(name, trials, extra));
    }

    private List<FrozenTrial> trials(String study) {
        try (Storage s = SqliteStorage.open(dir.resolve("studies.db"))) {
            return s.trials(s.findStudy(study).orElseThrow().id(), Set.of());
        }
    }

    private Map<String, Object> studyAttrs(String study) {
        try (Storage s = SqliteStorage.open(dir.resolve("studies.db"))) {
            return s.studySystemAttrs(s.findStudy(study).orElseThrow().id());
        }
    }

    @Test
    void enqueuedAndPastBestConfigurationsRunFirstOnceAndTheDataIsDescribed() throws IOException {
        PersistentStudyTest.csv(dir, 120, 4);
        PersistentStudyTest.Result past = PersistentStudyTest.run("run", spec("march", 4, "").toString(), "--no-baseline");
        assertEquals(0, past.code(), past.out() + past.err());
        String warm = "  enqueue: [{learning_rate: 0.002, units: 8}]\n  warm_start: {study: march, top: 2}";
        PersistentStudyTest.Result first = PersistentStudyTest.run("run", spec("april", 2, warm).toString(),
                "--no-baseline");
        assertEquals(0, first.code(), first.out() + first.err());
        PersistentStudyTest.Result second = PersistentStudyTest.run("run", spec("april", 5, warm).toString(),
                "--no-baseline");
        assertEquals(0, second.code(), second.out() + second.err());

        List<FrozenTrial> april = trials("april");
        assertEquals(5, april.size());
        assertTrue(april.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        List<FrozenTrial> marchBest = trials("march").stream().sorted(
                java.util.Comparator.comparingDouble((FrozenTrial t) -> -t.value()).thenComparingInt(FrozenTrial::number))
                .toList();
        // the past study's best two come first (enqueued when the study was built), then the spec's configuration
        for (int i = 0; i < 2; i++) {
            assertEquals(marchBest.get(i).params(), april.get(i).params());
            assertEquals("march", ((Map<?, ?>) april.get(i).systemAttrs().get(Study.WARM_START_FROM_ATTR)).get("study"));
        }
        assertEquals(0.002, april.get(2).params().get("learning_rate"));
        assertEquals(8, ((Number) april.get(2).params().get("units_1")).intValue());
        assertEquals(2, april.stream().filter(t -> t.systemAttrs().get(Study.WARM_START_FROM_ATTR) != null).count(),
                "the resumed run enqueued nothing again");
        assertEquals(1, april.stream().filter(t -> Double.valueOf(0.002).equals(t.params().get("learning_rate"))).count());

        Map<?, ?> dataset = (Map<?, ?>) studyAttrs("april").get("dataset");
        assertEquals(3, ((Number) dataset.get("classes")).intValue());
        assertEquals(List.of(4), ((List<?>) dataset.get("input_shape")).stream().map(n -> ((Number) n).intValue()).toList());
        PersistentStudyTest.Result listed = PersistentStudyTest.run("studies", "--storage",
                "sqlite:" + dir.resolve("studies.db"));
        assertTrue(listed.out().contains("  data: csv, 120 examples, 3 classes, 4 inputs"), listed.out());
    }

    @Test
    void aMissingPastStudyIsAUserErrorNamingTheKeyAndTheStoredStudies() throws IOException {
        PersistentStudyTest.csv(dir, 120, 4);
        assertEquals(0, PersistentStudyTest.run("run", spec("march", 1, "").toString(), "--no-baseline").code());
        PersistentStudyTest.Result r = PersistentStudyTest.run("run",
                spec("april", 1, "  warm_start: {study: febuary}").toString(), "--no-baseline");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("study.warm_start.study: no study 'febuary' in study.storage; it holds march"), r.err());
    }
}
