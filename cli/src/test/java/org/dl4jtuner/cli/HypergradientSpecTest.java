package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code updater: {choice: [adam, adam-hd]}} in a spec: a real study on the wine data trains both. */
class HypergradientSpecTest {
    @TempDir
    Path dir;

    private Path spec(String hypergradientLr) throws IOException {
        String wine = Path.of("../examples/data/wine.csv").toAbsolutePath().normalize().toString();
        return Files.writeString(dir.resolve("hd.yaml"), """
                study: {name: hd, trials: 6, seed: 4}
                sampler: random
                pruner: {type: none, max_epochs: 3}
                data: {type: csv, path: %s, label: cultivar, validation: 0.25, test: 0.2}
                model:
                  type: mlp
                  space:
                    learning_rate: {log_uniform: [0.003, 0.03]}
                    batch_size: 16
                    layers: 1
                    units: 16
                    updater: {choice: [adam, adam-hd]}
                    hypergradient_lr: %s
                """.formatted(wine, hypergradientLr));
    }

    @Test
    void aStudyChoosingBetweenAdamAndAdamHdTrainsBothAndRecordsTheAdaptedRates() throws IOException {
        String url = "sqlite:" + dir.resolve("hd.db");
        PersistentStudyTest.Result r = PersistentStudyTest.run("run", spec("{log_uniform: [1.0e-6, 1.0e-4]}").toString(),
                "--storage", url, "--no-isolate", "--no-baseline");
        assertEquals(0, r.code(), r.out() + r.err());
        try (Storage storage = Storages.open(url)) {
            StudyRecord study = storage.findStudy("hd").orElseThrow();
            List<FrozenTrial> trials = storage.trials(study.id(), Set.of());
            assertEquals(6, trials.size());
            int hd = 0;
            for (FrozenTrial t : trials) {
                assertEquals(TrialState.COMPLETE, t.state(), t.toString());
                boolean isHd = "adam-hd".equals(t.params().get("updater"));
                hd += isHd ? 1 : 0;
                assertEquals(isHd, t.params().containsKey("hypergradient_lr"), "trial " + t.number() + ": " + t.params());
                Object rates = t.userAttrs().get("adapted_learning_rates");
                assertEquals(isHd, rates != null, "trial " + t.number() + ": " + t.userAttrs());
                if (isHd) {
                    assertEquals(Set.of("1", "2", "3"), ((Map<?, ?>) rates).keySet(), "one rate per epoch");
                }
            }
            assertTrue(hd > 0 && hd < 6, "seed 4 draws both updaters in 6 trials, adam-hd " + hd + " times");
        }
    }

    @Test
    void aNegativeHypergradientLrIsRefusedNamingTheKeyAndTheRule() throws IOException {
        PersistentStudyTest.Result r = PersistentStudyTest.run("run", spec("-1.0").toString(), "--no-isolate");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("model.space.hypergradient_lr") && r.err().contains("a number in [0, inf)"), r.err());
    }
}
