package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** A CSV no test has seen: two noisy Gaussian blobs per class in 4 dimensions, made here. */
    private Path freshCsv() throws IOException {
        Random random = new Random(2026);
        StringBuilder csv = new StringBuilder("f1;f2;f3;f4;kind\n");
        String[] kinds = {"left", "middle", "right"};
        for (int i = 0; i < 240; i++) {
            int k = i % 3;
            for (int f = 0; f < 4; f++) {
                csv.append(String.format(java.util.Locale.ROOT, "%.4f;", k * 1.5 + f * 0.1 + random.nextGaussian()));
            }
            csv.append(kinds[k]).append('\n');
        }
        return Files.writeString(dir.resolve("blobs.csv"), csv.toString());
    }

    @Test
    void aStudyOverAnUnseenCsvRunsFromTheYamlAlone() throws IOException {
        freshCsv();
        Path spec = Files.writeString(dir.resolve("blobs.yaml"), """
                study: {trials: 6, seed: 3}
                sampler: random
                pruner: {type: asha, max_epochs: 4}
                data: {type: csv, path: blobs.csv, label: kind, delimiter: ';', validation: 0.25, test: 0.25}
                model:
                  type: mlp
                  space:
                    learning_rate: {log_uniform: [0.001, 0.05]}
                    units: {int: [4, 32]}
                    batch_size: 16
                """);
        Path summary = dir.resolve("summary.json");
        Result r = run("run", spec.toString(), "--summary", summary.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> trialLines = r.out().lines().filter(l -> l.startsWith("trial ")).toList();
        assertEquals(6, trialLines.size(), r.out());
        assertTrue(r.out().contains("baseline: validation accuracy"), r.out());
        Map<?, ?> json = new ObjectMapper().readValue(summary.toFile(), Map.class);
        Map<?, ?> best = (Map<?, ?>) json.get("best");
        double value = ((Number) best.get("value")).doubleValue();
        assertTrue(value > 0.5 && value <= 1, "three separable classes; best validation accuracy " + value);
        assertTrue(((Map<?, ?>) best.get("params")).containsKey("learning_rate"));
        double testAccuracy = ((Number) ((Map<?, ?>) best.get("test")).get("accuracy")).doubleValue();
        assertTrue(testAccuracy > 0.5, "test accuracy " + testAccuracy);
        int total = ((Map<?, ?>) json.get("states")).values().stream().mapToInt(v -> ((Number) v).intValue()).sum();
        assertEquals(6, total);
    }

    @Test
    void aRegressionStudyMinimizesRmse() throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("x1,x2,x3,target\n");
        for (int i = 0; i < 200; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", a, b, c, 2 * a - b + 0.1 * random.nextGaussian()));
        }
        Files.writeString(dir.resolve("reg.csv"), csv.toString());
        Path spec = Files.writeString(dir.resolve("reg.yaml"), """
                study: {trials: 3}
                pruner: {type: none, max_epochs: 15}
                data: {type: csv, path: reg.csv, label: target, task: regression, test: 0.2}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.003, 0.03]}, batch_size: 16, layers: 1}}
                """);
        Path summary = dir.resolve("reg.json");
        Result r = run("run", spec.toString(), "--summary", summary.toString(), "--no-baseline");
        assertEquals(0, r.code(), r.out() + r.err());
        Map<?, ?> json = new ObjectMapper().readValue(summary.toFile(), Map.class);
        assertEquals("rmse", json.get("metric"));
        double rmse = ((Number) ((Map<?, ?>) json.get("best")).get("value")).doubleValue();
        assertTrue(rmse < 1.0, "the target's standard deviation is about 2.2; a fitted network gets far below 1: " + rmse);
    }

    @Test
    void anLstmLearnsFromAFolderOfSequenceFiles() throws IOException {
        Random random = new Random(9);
        Files.createDirectories(dir.resolve("seq/features"));
        Files.createDirectories(dir.resolve("seq/labels"));
        for (int i = 0; i < 120; i++) {
            boolean rising = i % 2 == 0;
            StringBuilder rows = new StringBuilder();
            for (int t = 0; t < 10; t++) {
                rows.append(String.format(java.util.Locale.ROOT, "%.3f%n", (rising ? t : 10 - t) / 10.0 + 0.2 * random.nextGaussian()));
            }
            Files.writeString(dir.resolve("seq/features/" + i + ".csv"), rows.toString());
            Files.writeString(dir.resolve("seq/labels/" + i + ".csv"), rising ? "rising" : "falling");
        }
        Path spec = Files.writeString(dir.resolve("seq.yaml"), """
                study: {trials: 2}
                pruner: {type: none, max_epochs: 8}
                data: {type: csv-sequences, path: seq, validation: 0.25}
                model: {type: lstm, space: {learning_rate: 0.01, units: 8, batch_size: 16}}
                """);
        Path summary = dir.resolve("seq.json");
        Result r = run("run", spec.toString(), "--summary", summary.toString(), "--no-baseline");
        assertEquals(0, r.code(), r.out() + r.err());
        Map<?, ?> json = new ObjectMapper().readValue(summary.toFile(), Map.class);
        double accuracy = ((Number) ((Map<?, ?>) json.get("best")).get("value")).doubleValue();
        assertTrue(accuracy > 0.8, "rising against falling sequences: validation accuracy " + accuracy);
    }

    @Test
    void aBadSpecExitsNonZeroNamingTheKey() throws IOException {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), "data: {type: csv, path: missing.csv, label: y}\nmodel: {type: mlp}\n");
        Result r = run("run", spec.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: bad.yaml: data.path: \"missing.csv\""), r.err());
    }

    @Test
    void everyModelBasedSamplerRunsFromYaml() throws IOException {
        freshCsv();
        for (String sampler : List.of("gp", "cmaes", "evolution: {type: evolution, population: 3}",
                "bohb: {type: bohb, random_fraction: 0}")) {
            String name = sampler.contains(":") ? sampler.substring(0, sampler.indexOf(':')) : sampler;
            String value = sampler.contains(":") ? sampler.substring(sampler.indexOf(':') + 2) : sampler;
            Path spec = Files.writeString(dir.resolve(name + ".yaml"), """
                    study: {trials: 12, seed: 4}
                    sampler: %s
                    pruner: {type: hyperband, min_epochs: 1, max_epochs: 3, eta: 3}
                    data: {type: csv, path: blobs.csv, label: kind, delimiter: ';', validation: 0.25, test: 0.25}
                    model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.05]}, units: {int: [4, 32]}, batch_size: 16}}
                    """.formatted(value));
            Result r = run("run", spec.toString(), "--no-baseline");
            assertEquals(0, r.code(), name + ": " + r.out() + r.err());
            assertTrue(r.out().contains("sampler " + name + "("), r.out());
            assertEquals(12, r.out().lines().filter(l -> l.startsWith("trial ")).count(), r.out());
        }
    }

    @Test
    void bohbWithoutHyperbandIsRefusedBeforeAnyTraining() throws IOException {
        freshCsv();
        Path spec = Files.writeString(dir.resolve("bohb-alone.yaml"), """
                sampler: bohb
                pruner: {type: median}
                data: {type: csv, path: blobs.csv, label: kind, delimiter: ';'}
                model: {type: mlp}
                """);
        Result r = run("run", spec.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'bohb' needs pruner.type hyperband") && r.err().contains("'median'"), r.err());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("baseline") || l.startsWith("trial ")), r.out());
    }

    @Test
    void anUnknownSamplerOptionNamesTheOptionsThatExist() throws IOException {
        freshCsv();
        Path spec = Files.writeString(dir.resolve("typo.yaml"), """
                sampler: {type: cmaes, popsize: 8}
                data: {type: csv, path: blobs.csv, label: kind, delimiter: ';'}
                model: {type: mlp}
                """);
        Result r = run("run", spec.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sampler.popsize") && r.err().contains("population, sigma0, restarts"), r.err());
    }

    @Test
    void theBaselinePrintsEachEpochWhileItTrains() throws IOException {
        PersistentStudyTest.csv(dir, 150, 4);
        Result r = run("run", PersistentStudyTest.spec(dir, "epochs", 1, 3, "8").toString(), "--no-isolate");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> baseline = r.out().lines().filter(l -> l.startsWith("baseline: ")).toList();
        List<String> epochs = baseline.stream().filter(l -> l.startsWith("baseline: epoch ")).toList();
        assertEquals(3, epochs.size(), r.out());
        for (int e = 1; e <= 3; e++) {
            assertTrue(epochs.get(e - 1).matches("baseline: epoch " + e + "/3 accuracy \\d\\.\\d{4}"), epochs.get(e - 1));
        }
        assertTrue(baseline.get(0).startsWith("baseline: training"), baseline.toString());
        assertTrue(baseline.get(baseline.size() - 1).startsWith("baseline: validation"), "epochs come first: " + baseline);
        assertTrue(r.out().chars().noneMatch(c -> c == '\r' || c == 0x1b), "no control characters off a terminal");
    }
}
