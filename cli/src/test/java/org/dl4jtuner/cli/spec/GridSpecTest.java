package org.dl4jtuner.cli.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.dl4jtuner.cli.Main;
import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sampler: grid} from YAML: the points it visits, what it refuses, and a run over a grid. */
class GridSpecTest {
    @TempDir
    Path dir;

    private static final String DATA = "data: {type: fashion-mnist, path: bundled}\n";

    private static StudySpec parse(String yaml) {
        return StudySpecParser.parse(yaml, Path.of("grid.yaml"));
    }

    @Test
    void hypergradientLrIsAGridAxisOfAdamHdPointsOnly() {
        List<Map<String, Object>> grid = parse("sampler: grid\n" + DATA + """
                model:
                  type: mlp
                  space:
                    updater: {choice: [adam, adam-hd]}
                    hypergradient_lr: {choice: [1.0e-7, 1.0e-6]}
                """).sampler().grid();
        assertEquals(List.of(Map.of("updater", "adam"), Map.of("updater", "adam-hd", "hypergradient_lr", 1.0e-7),
                Map.of("updater", "adam-hd", "hypergradient_lr", 1.0e-6)), grid);
        assertEquals(1, parse("sampler: grid\n" + DATA + "model: {type: mlp, space: {updater: adam,"
                + " hypergradient_lr: {choice: [1.0e-7, 1.0e-6]}}}\n").sampler().grid().size(),
                "with adam fixed, the hypergradient_lr axis is unused");
    }

    @Test
    void theGridIsEveryCombinationOfTheChoiceListsAndFixesTheTrials() {
        StudySpec spec = parse("sampler: grid\n" + DATA + """
                model:
                  type: cnn
                  space:
                    learning_rate: {choice: [0.001, 0.01]}
                    updater: {choice: [adam, sgd]}
                    units: {choice: [32, 64, 128]}
                    kernel: 3
                """);
        List<Map<String, Object>> grid = spec.sampler().grid();
        assertEquals(12, grid.size());
        assertEquals(Map.of("learning_rate", 0.001, "updater", "adam", "units", 32), grid.get(0));
        assertEquals(Map.of("learning_rate", 0.001, "updater", "adam", "units", 64), grid.get(1));
        assertEquals(12, new HashSet<>(grid).size());
        assertEquals(12, spec.study().trials(), "study.trials defaults to the number of grid points");
        assertEquals(5, parse("study: {trials: 5}\nsampler: {type: grid}\n" + DATA
                + "model: {type: mlp, space: {units: {choice: [8, 16]}}}\n").study().trials());
    }

    @Test
    void perLayerSizesFollowTheLayerCountWithoutRepeats() {
        StudySpec spec = parse("sampler: grid\n" + DATA + """
                model: {type: mlp, space: {layers: {choice: [1, 2]}, units: {choice: [32, 64]}}}
                """);
        List<Map<String, Object>> grid = spec.sampler().grid();
        assertEquals(List.of(
                Map.of("layers", 1, "units_1", 32),
                Map.of("layers", 1, "units_1", 64),
                Map.of("layers", 2, "units_1", 32, "units_2", 32),
                Map.of("layers", 2, "units_1", 32, "units_2", 64),
                Map.of("layers", 2, "units_1", 64, "units_2", 32),
                Map.of("layers", 2, "units_1", 64, "units_2", 64)), grid);
        List<Map<String, Object>> cnn = parse("sampler: grid\n" + DATA
                + "model: {type: cnn, space: {layers: 3, filters: {choice: [8, 16]}}}\n").sampler().grid();
        assertEquals(8, cnn.size());
        assertEquals(Set.of("filters_1", "filters_2", "filters_3"), cnn.get(0).keySet());
        List<Map<String, Object>> defaultLayers = parse("sampler: grid\n" + DATA
                + "model: {type: lstm, space: {units: {choice: [8, 16]}}}\n").sampler().grid();
        assertEquals(List.of(Map.of("units_1", 8), Map.of("units_1", 16)), defaultLayers, "lstm has 1 layer by default");
    }

    @Test
    void rangesAndEmptyGridsAreRefusedNamingTheKey() {
        String range = assertThrows(SpecException.class, () -> parse("sampler: grid\n" + DATA
                + "model: {type: mlp, space: {units: {choice: [8]}, learning_rate: {log_uniform: [0.001, 0.1]}}}\n"))
                .getMessage();
        assertTrue(range.startsWith("grid.yaml: model.space.learning_rate: sampler grid needs a list of values,"
                + " {choice: [...]}, but got a log_uniform range [0.001, 0.1]"), range);
        String ints = assertThrows(SpecException.class, () -> parse("sampler: grid\n" + DATA
                + "model: {type: mlp, space: {layers: {int: [1, 3]}}}\n")).getMessage();
        assertTrue(ints.contains("model.space.layers") && ints.contains("write {choice: [1, 2, 3]}"), ints);
        String empty = assertThrows(SpecException.class, () -> parse("sampler: grid\n" + DATA
                + "model: {type: mlp, space: {units: 8}}\n")).getMessage();
        assertTrue(empty.contains("sampler grid needs at least one key of model.space searched as {choice: [...]}"), empty);
    }

    @Test
    void optionsOfAnotherTypeAreRefusedAtParseTime() {
        String message = assertThrows(SpecException.class, () -> parse("sampler: {type: grid, multivariate: true}\n"
                + DATA + "model: {type: mlp, space: {units: {choice: [8]}}}\n")).getMessage();
        assertEquals("grid.yaml: sampler.multivariate: not an option of grid; its options: none (multivariate goes with"
                + " tpe); every sampler also takes type, seed", message);
        String pruner = assertThrows(SpecException.class, () -> parse("pruner: {type: median, eta: 3}\n" + DATA
                + "model: {type: mlp}\n")).getMessage();
        assertEquals("grid.yaml: pruner.eta: not an option of median; its options: warmup_trials, warmup_steps (eta goes"
                + " with asha, hyperband, pareto_asha); every pruner also takes type, max_epochs", pruner);
    }

    @Test
    void aRunVisitsEveryGridPointOnce() throws IOException {
        writeCsv(dir.resolve("points.csv"), 150, 4);
        Path spec = Files.writeString(dir.resolve("grid.yaml"), """
                study: {name: g, seed: 3, storage: "sqlite:studies.db"}
                sampler: grid
                pruner: {type: none, max_epochs: 1}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25}
                model:
                  type: mlp
                  space:
                    learning_rate: {choice: [0.001, 0.01]}
                    layers: {choice: [1, 2]}
                    units: {choice: [4, 8]}
                    batch_size: 32
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", spec.toString(), "--no-baseline", "--no-isolate"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, out + "\n" + err);
        List<Map<String, Object>> visited = new ArrayList<>();
        try (Storage storage = Storages.openReadOnly("sqlite:" + dir.resolve("studies.db"))) {
            long id = storage.findStudy("g").orElseThrow().id();
            for (FrozenTrial t : storage.trials(id, EnumSet.allOf(TrialState.class))) {
                assertEquals(TrialState.COMPLETE, t.state(), t.toString());
                visited.add(t.params());
            }
        }
        List<Map<String, Object>> expected = StudySpecParser.parse(spec).sampler().grid();
        assertEquals(12, expected.size());
        assertEquals(expected.size(), visited.size(), "one trial per grid point: " + visited);
        assertEquals(new HashSet<>(expected), new HashSet<>(visited));
    }

    /** Three classes of noisy points in {@code features} dimensions. */
    private static void writeCsv(Path file, int rows, int features) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder();
        for (int f = 0; f < features; f++) {
            csv.append('f').append(f).append(',');
        }
        csv.append("kind\n");
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            for (int f = 0; f < features; f++) {
                csv.append(String.format(Locale.ROOT, "%.4f,", (f % 3 == k ? 1.5 : 0) + random.nextGaussian()));
            }
            csv.append('k').append(k).append('\n');
        }
        Files.writeString(file, csv.toString());
    }
}
