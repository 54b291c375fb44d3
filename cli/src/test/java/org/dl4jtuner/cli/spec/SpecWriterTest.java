package org.dl4jtuner.cli.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A spec written back by {@link SpecWriter} and read again, through JSON as a worker reads it, is the same spec. */
class SpecWriterTest {
    @TempDir
    static Path dir;

    static Stream<String> specs() throws IOException {
        Path csv = dir.resolve("wine.csv");
        Files.writeString(csv, "a,b,quality\n1,2,0\n3,4,1\n");
        Files.createDirectories(dir.resolve("faces/cat"));
        return Stream.of(
                "data: {type: fashion-mnist, path: bundled}\nmodel: {type: mlp}\n",
                """
                study: {name: s1, metric: f1, seed: 7, trials: 13, time_limit: 1h30m, parallel: 2, storage: sqlite:x.db}
                sampler: {type: tpe, seed: 3, startup_trials: 4, multivariate: true}
                pruner: {type: hyperband, min_epochs: 2, max_epochs: 18, eta: 3}
                early_stopping: {patience: 2, min_delta: 0.001}
                data: {type: fashion-mnist, path: bundled, validation: 0.25, subset: 0.5}
                model:
                  type: cnn
                  space:
                    learning_rate: {log_uniform: [1.0e-5, 0.1]}
                    dropout: {uniform: [0.0, 0.5]}
                    filters: {int: [8, 64], log: true}
                    layers: {int: [1, 3]}
                    kernel: 3
                    activation: {choice: [relu, tanh]}
                """,
                """
                study: {time_limit: 2.5, direction: minimize, metric: rmse}
                sampler: cmaes
                pruner: {type: percentile, percentile: 40, warmup_trials: 2}
                data: {type: csv, path: wine.csv, label: quality, task: regression, test: 0.1, folds: 3,
                       header: true, delimiter: ','}
                model: {type: mlp, space: {units: {choice: [16, 32]}, l2: 1.0e+10}}
                """,
                """
                sampler: grid
                data: {type: csv, path: wine.csv, label: 2, header: true}
                model: {type: mlp, space: {layers: {choice: [1, 2]}, units: {choice: [8, 16]}, updater: sgd}}
                """,
                """
                pruner: {type: auto, min_epochs: 2, max_epochs: 8}
                data: {type: fashion-mnist, path: bundled}
                model: {type: cnn}
                """,
                """
                pruner: {type: curve_bound, max_epochs: 9, warmup_trials: 3}
                data: {type: fashion-mnist, path: bundled}
                model: {type: mlp}
                """,
                """
                pruner: {type: patience, patience: 4, min_delta: 0.01, max_epochs: 7}
                sampler: {type: evolution, population: 6, mutation_rate: 0.2}
                data: {type: images, path: faces, height: 28, width: 20, channels: 3}
                model: {type: custom, class: com.acme.Nets, space: {width: {int: [2, 9]}, kind: {choice: [a, b, true, 2.5]}}}
                """);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void aSpecWrittenAndReadBackThroughJsonIsEqual(String yaml) throws IOException {
        Path source = dir.resolve("study.yaml");
        StudySpec spec = StudySpecParser.parse(yaml, source);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> read = json.readValue(json.writeValueAsString(SpecWriter.toMap(spec)),
                new TypeReference<Map<String, Object>>() { });
        assertEquals(spec, StudySpecParser.parse(read, source));
        // and elsewhere: every path was written absolute, the name explicit
        assertEquals(spec, StudySpecParser.parse(read, dir.resolve("elsewhere/other.yaml")).withSource(source));
    }

    @Test
    void everyExampleSpecRoundTrips() throws IOException {
        Path examples = Path.of("../examples").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> s = Files.list(examples)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertNotEquals(List.of(), files);
        for (Path file : files) {
            StudySpec spec = StudySpecParser.parse(file);
            assertEquals(spec, StudySpecParser.parse(SpecWriter.toMap(spec), file), file.toString());
        }
    }
}
