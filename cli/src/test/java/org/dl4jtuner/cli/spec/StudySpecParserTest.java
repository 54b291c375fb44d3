package org.dl4jtuner.cli.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudySpecParserTest {
    @TempDir
    Path dir;
    Path source;

    private static final String MINIMAL = "data: {type: fashion-mnist, path: bundled}\nmodel: {type: mlp}\n";

    @BeforeEach
    void csvFile() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b,y\n1,2,0\n");
        source = dir.resolve("study.yaml");
    }

    private StudySpec parse(String yaml) {
        return StudySpecParser.parse(yaml, source);
    }

    private String error(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void aFullSpecLandsInTheRecords() {
        StudySpec spec = parse("""
                study: {name: s1, metric: f1, seed: 9, trials: 12, time_limit: 1h30m, parallel: 2, storage: memory}
                sampler: {type: tpe, seed: 5, multivariate: true}
                pruner: {type: hyperband, min_epochs: 1, max_epochs: 27, eta: 3}
                early_stopping: {patience: 4, min_delta: 0.001}
                data: {type: csv, path: t.csv, label: y, validation: 0.25, test: 0.25, subset: 0.5, header: true, delimiter: ','}
                model:
                  type: cnn
                  space:
                    learning_rate: {log_uniform: [0.0001, 0.1]}
                    batch_size: {choice: [32, 64]}
                    layers: {int: [1, 3]}
                    units: {int: [16, 256], log: true}
                    dropout: {uniform: [0.0, 0.5]}
                    updater: adam
                    kernel: 3
                """);
        assertEquals(new StudySection("s1", Direction.MAXIMIZE, "f1", 9, 12, Duration.ofMinutes(90), 2, "memory"), spec.study());
        assertEquals(new SamplerSpec("tpe", 5L, Map.of("startup_trials", 10, "ei_candidates", 24, "multivariate", true,
                "avoid_repeats", true, "transfer", true)),
                spec.sampler());
        assertEquals(new PrunerSpec("hyperband", 1, 27, 3, Map.of("synchronous", false, "iterations", 1)), spec.pruner());
        assertEquals(new EarlyStoppingSpec(4, 0.001), spec.earlyStopping());
        assertEquals(dir.resolve("t.csv"), spec.data().path());
        assertEquals("y", spec.data().label());
        assertEquals(0.5, spec.data().subset());
        Map<String, ParameterSpace> space = spec.model().space();
        assertEquals(ParameterSpace.logUniform(1e-4, 0.1), space.get("learning_rate"));
        assertEquals(ParameterSpace.choice(32, 64), space.get("batch_size"));
        assertEquals(ParameterSpace.intLogRange(16, 256), space.get("units"));
        assertEquals(ParameterSpace.fixed("adam"), space.get("updater"));
        assertEquals(ParameterSpace.fixed(3), space.get("kernel"));
    }

    @Test
    void defaultsFillWhatIsOmitted() {
        StudySpec spec = parse(MINIMAL);
        assertEquals(new StudySection("study", Direction.MAXIMIZE, "accuracy", 42, 20, null, 1, null), spec.study());
        assertEquals("random", spec.sampler().type());
        assertEquals(new PrunerSpec("none", 1, 10, 3, Map.of()), spec.pruner());
        assertNull(spec.earlyStopping());
        assertEquals(0.2, spec.data().validation());
        assertTrue(spec.model().space().isEmpty());
    }

    @Test
    void aDataErrorNamesTheFileOnce() {
        assertEquals("study.yaml: data.subset: 1.5 is outside (0, 1]",
                error("data: {type: fashion-mnist, path: bundled, subset: 1.5}\nmodel: {type: mlp}\n"));
    }

    @Test
    void aDocumentThatIsNoMapIsCalledTheSpec() {
        assertEquals("study.yaml: the spec: expected a map of keys, but got \"number,state,value\"",
                error("number,state,value\n"));
    }

    @Test
    void shorthandsAndAliases() {
        StudySpec spec = parse("sampler: sobol\npruner: successive_halving\n" + MINIMAL);
        assertEquals("sobol", spec.sampler().type());
        assertEquals("asha", spec.pruner().type());
        StudySpec regression = parse("data: {type: csv, path: t.csv, label: 2, task: regression}\nmodel: {type: mlp}\n");
        assertEquals("rmse", regression.study().metric());
        assertEquals(Direction.MINIMIZE, regression.study().direction());
        assertEquals(2, regression.data().labelIndex());
    }

    @Test
    void overridesApplyAndAreChecked() {
        StudySpec spec = parse(MINIMAL).withOverrides(3, 5, 2, 7L);
        assertEquals(3, spec.study().trials());
        assertEquals(5, spec.pruner().maxEpochs());
        assertEquals(2, spec.study().parallel());
        assertEquals(7, spec.study().seed());
        assertEquals("--trials: expected an integer >= 1, but got 0",
                assertThrows(SpecException.class, () -> parse(MINIMAL).withOverrides(0, null, null, null)).getMessage());
    }

    @Test
    void unknownKeysSuggestTheNearestKnownOne() {
        assertEquals("study.yaml: unknown key 'sampeler' at the top level (did you mean 'sampler'?); known keys: study,"
                + " sampler, pruner, early_stopping, data, model", error("sampeler: random\n" + MINIMAL));
        assertTrue(error("study: {trails: 5}\n" + MINIMAL)
                .startsWith("study.yaml: unknown key 'trails' in study (did you mean 'trials'?)"));
        assertTrue(error("data: {type: fashion-mnist}\nmodel: {type: mlp, space: {learning_rat: 0.1}}\n")
                .contains("unknown key 'learning_rat' in model.space (did you mean 'learning_rate'?)"));
    }

    @Test
    void wrongTypesAndImpossibleRangesNameKeyAndValue() {
        assertEquals("study.yaml: study.trials: expected an integer >= 1, but got \"ten\"",
                error("study: {trials: ten}\n" + MINIMAL));
        assertEquals("study.yaml: model.space.dropout: 1.5 breaks the rule: expected a number in [0, 1)",
                error("data: {type: fashion-mnist}\nmodel: {type: mlp, space: {dropout: 1.5}}\n"));
        assertEquals("study.yaml: model.space.learning_rate: low <= high must hold, but got uniform: [0.1, 0.01]",
                error("data: {type: fashion-mnist}\nmodel: {type: mlp, space: {learning_rate: {uniform: [0.1, 0.01]}}}\n"));
        assertEquals("study.yaml: model.space.updater: \"adagrad\" breaks the rule: expected one of adam, adam-hd,"
                + " nesterovs, rmsprop, sgd", error("data: {type: fashion-mnist}\nmodel: {type: mlp, space: {updater: {choice: [adam,"
                + " adagrad]}}}\n"));
        assertTrue(error("data: {type: fashion-mnist}\nmodel: {type: mlp, space: {units: {uniform: [8, 64]}}}\n")
                .endsWith("model.space.units: takes whole numbers; use {int: [a, b]} instead of uniform"));
        assertTrue(error("data: {type: fashion-mnist}\nmodel: {type: cnn, space: {kernel: 4}}\n")
                .contains("expected an integer in [1, inf), odd"));
        assertTrue(error("data: {type: fashion-mnist}\nmodel: {type: mlp, space: {filters: 8}}\n")
                .contains("unknown key 'filters' in model.space"));
        assertTrue(error("pruner: {type: asha, min_epochs: 5, max_epochs: 3}\n" + MINIMAL)
                .endsWith("pruner.min_epochs: min_epochs <= max_epochs must hold, but got min_epochs=5, max_epochs=3"));
        assertTrue(error("pruner: {type: hyperband, eta: 1}\n" + MINIMAL).endsWith("pruner.eta: expected an integer >= 2, but got 1"));
    }

    @Test
    void samplerAndPrunerOptionsAreCheckedByTheRegistrysRules() {
        assertEquals("study.yaml: sampler.startup_trials: expected an integer >= 0, but got -1",
                error("sampler: {type: tpe, startup_trials: -1}\n" + MINIMAL));
        assertEquals("study.yaml: sampler.top_fraction: expected a number in (0, 1), but got 1",
                error("sampler: {type: bohb, top_fraction: 1}\n" + MINIMAL));
        assertEquals("study.yaml: sampler.restarts: expected true or false, but got \"often\"",
                error("sampler: {type: cmaes, restarts: often}\n" + MINIMAL));
        assertEquals("study.yaml: pruner.percentile: expected a number in [0, 100], but got 101",
                error("pruner: {type: percentile, percentile: 101}\n" + MINIMAL));
        assertTrue(error("sampler: {type: tpe, population: 5}\n" + MINIMAL).contains("sampler.population: not an option"
                + " of tpe; its options: startup_trials, ei_candidates, multivariate, constant_liar, avoid_repeats, transfer (population"
                + " goes with"
                + " cmaes, evolution)"));
        StudySpec asha = parse("pruner: {type: successive_halving, min_epochs: 2, eta: 4, max_epochs: 32}\n" + MINIMAL);
        assertEquals(new PrunerSpec("asha", 2, 32, 4, Map.of("promotion", false)), asha.pruner());
    }

    @Test
    void dataRulesAreEnforced() {
        assertEquals("study.yaml: data.label: is required", error("data: {type: csv, path: t.csv}\nmodel: {type: mlp}\n"));
        String missing = error("data: {type: csv, path: nope.csv, label: y}\nmodel: {type: mlp}\n");
        assertTrue(missing.startsWith("study.yaml: data.path: \"nope.csv\" (") && missing.endsWith("must be an existing file"),
                missing);
        assertTrue(error("data: {type: csv, path: t.csv, label: y, validation: 0.6, test: 0.4}\nmodel: {type: mlp}\n")
                .endsWith("data.test: validation + test < 1 must hold, but got 0.6 + 0.4"));
        assertTrue(error("study: {metric: rmse}\n" + MINIMAL)
                .endsWith("study.metric: 'rmse' does not fit data.task classification; use one of [accuracy, f1, precision,"
                        + " recall, auc, loss]"));
        StudySpec auc = StudySpecParser.parse("study: {metric: auc}\n" + MINIMAL, null);
        assertEquals("auc", auc.study().metric());
        assertEquals(org.dl4jtuner.tuner.Direction.MAXIMIZE, auc.study().direction());
        assertEquals("top3_accuracy", StudySpecParser.parse("study: {metric: TOP3_accuracy}\n" + MINIMAL, null)
                .study().metric());
        assertTrue(error("study: {metric: acurracy}\n" + MINIMAL).endsWith("study.metric: 'acurracy' is not one of accuracy,"
                + " f1, precision, recall, auc, topK_accuracy, loss, rmse, mae, r2 (did you mean 'accuracy'?)"));
        assertTrue(error("data: {type: fashion-mnist, test: 0.1}\nmodel: {type: mlp}\n").contains("official test split"));
    }

    @Test
    void aFileUrlIsItsLocalPathAndOtherUrlsAreForSpark() {
        StudySpec spec = parse("data: {type: csv, path: '" + dir.resolve("t.csv").toUri() + "', label: y}\nmodel: {type: mlp}\n");
        assertEquals(dir.resolve("t.csv"), spec.data().path());
        assertEquals(dir.resolve("t.csv"), parse("data: {type: csv, path: 'file:" + dir.resolve("t.csv") + "', label: y}\n"
                + "model: {type: mlp}\n").data().path(), "file:/x as well as file:///x");

        String hdfs = error("data: {type: csv, path: 'hdfs://namenode:8020/data/t.csv', label: y}\nmodel: {type: mlp}\n");
        assertTrue(hdfs.startsWith("study.yaml: data.path: \"hdfs://namenode:8020/data/t.csv\" is a hdfs: URL, but"
                + " dl4j-tuner run reads local files and folders (and file: URLs) only"), hdfs);
        assertTrue(hdfs.contains("org.dl4jtuner.spark.SparkStudy"), hdfs);
        assertTrue(error("data: {type: images, path: 's3a://bucket/photos', height: 8, width: 8, channels: 1}\n"
                + "model: {type: cnn}\n").startsWith("study.yaml: data.path: \"s3a://bucket/photos\" is a s3a: URL"));
        String host = error("data: {type: csv, path: 'file://fileserver/data/t.csv', label: y}\nmodel: {type: mlp}\n");
        assertTrue(host.startsWith("study.yaml: data.path: 'file://fileserver/data/t.csv' is not a local file URL"), host);
        String missing = error("data: {type: csv, path: 'file:///no/such/t.csv', label: y}\nmodel: {type: mlp}\n");
        assertTrue(missing.startsWith("study.yaml: data.path: \"file:///no/such/t.csv\" (/no/such/t.csv) must be an"
                + " existing file"), missing);
    }

    @Test
    void imageFoldersNeedTheirSize() throws IOException {
        Files.createDirectories(dir.resolve("photos"));
        StudySpec spec = parse("data: {type: images, path: photos, height: 32, width: 24, channels: 3, test: 0.1}\n"
                + "model: {type: cnn}\n");
        assertEquals("images", spec.data().type());
        assertEquals(dir.resolve("photos"), spec.data().path());
        assertEquals(32, spec.data().height());
        assertEquals(24, spec.data().width());
        assertEquals(3, spec.data().channels());
        assertEquals(0.1, spec.data().test());
        assertEquals(1, spec.data().folds(), "one holdout split by default");

        assertEquals("study.yaml: data.channels: is required",
                error("data: {type: images, path: photos, height: 28, width: 28}\nmodel: {type: cnn}\n"));
        assertEquals("study.yaml: data.channels: channels = 1 (grey) or 3 (RGB) must hold, but got 2",
                error("data: {type: images, path: photos, height: 28, width: 28, channels: 2}\nmodel: {type: cnn}\n"));
        assertEquals("study.yaml: data.height: expected an integer >= 1, but got 0",
                error("data: {type: images, path: photos, height: 0, width: 28, channels: 1}\nmodel: {type: cnn}\n"));
        assertTrue(error("data: {type: images, path: nope, height: 28, width: 28, channels: 1}\nmodel: {type: cnn}\n")
                .endsWith("must be an existing folder"));
        assertEquals("study.yaml: data.path: is required for type: images",
                error("data: {type: images, height: 28, width: 28, channels: 1}\nmodel: {type: cnn}\n"));
        assertTrue(error("data: {type: csv, path: t.csv, label: y, height: 28}\nmodel: {type: mlp}\n")
                .startsWith("study.yaml: data.height: goes with type: images only"));
        assertEquals("study.yaml: data.type: 'image' is not one of fashion-mnist, mnist, idx, csv, csv-sequences, images"
                + " (did you mean 'images'?)", error("data: {type: image, path: photos}\nmodel: {type: cnn}\n"));
    }

    @Test
    void foldsAskForKFoldAndOneFoldIsRefused() {
        StudySpec spec = parse("data: {type: csv, path: t.csv, label: y, folds: 5, test: 0.2}\nmodel: {type: mlp}\n");
        assertEquals(5, spec.data().folds());
        assertTrue(spec.data().crossValidation());
        assertEquals(0.2, spec.data().test());
        assertEquals(4, parse("data: {type: fashion-mnist, path: bundled, folds: 4}\nmodel: {type: mlp}\n").data().folds());

        assertEquals("study.yaml: data.folds: 2 <= folds must hold, but got 1 (leave folds out for one train/validation"
                + " split)", error("data: {type: csv, path: t.csv, label: y, folds: 1}\nmodel: {type: mlp}\n"));
        assertTrue(error("data: {type: csv, path: t.csv, label: y, folds: 0}\nmodel: {type: mlp}\n")
                .startsWith("study.yaml: data.folds: 2 <= folds must hold, but got 0"));
        assertEquals("study.yaml: data.folds: 2 <= folds must hold, but got \"five\"",
                error("data: {type: csv, path: t.csv, label: y, folds: five}\nmodel: {type: mlp}\n"));
        assertTrue(error("data: {type: csv, path: t.csv, label: y, folds: 3, validation: 0.2}\nmodel: {type: mlp}\n")
                .startsWith("study.yaml: data.validation: goes with one train/validation split; with folds: 3"));
    }

    @Test
    void mnistNeedsItsFolder() {
        assertEquals("study.yaml: data.path: is required for type: mnist",
                error("data: {type: mnist}\nmodel: {type: mlp}\n"));
    }

    @Test
    void gruIsRefusedWithTheReason() {
        assertEquals("study.yaml: model.type: DL4J 1.0.0-M2.1 has no GRU layer for MultiLayerNetwork; use lstm",
                error("data: {type: fashion-mnist}\nmodel: {type: gru}\n"));
    }

    @Test
    void yamlProblemsAreReportedWithTheirLine() {
        assertTrue(error("study:\n  name: a\n  name: b\n" + MINIMAL).contains("found duplicate key name"));
        String syntax = error("study: {name: [unclosed\n" + MINIMAL);
        assertTrue(syntax.startsWith("study.yaml: line "), syntax);
        assertEquals("study.yaml: the study spec is empty", error(""));
        assertTrue(error("study: {storage: 'mysql://x'}\n" + MINIMAL).contains("use sqlite:PATH, postgresql://HOST/DB or memory"));
        assertTrue(error("study: {time_limit: soon}\n" + MINIMAL).contains("expected a duration such as 90s, 30m, 2h"));
    }

    @Test
    void theExamplesParse() {
        for (String name : List.of("fashion-cnn.yaml", "wine-mlp.yaml", "fashion-lstm.yaml")) {
            StudySpec spec = StudySpecParser.parse(Path.of("..", "examples", name));
            assertTrue(spec.study().trials() > 0, name);
        }
    }

    @Test
    void everyExampleSpecParses() throws IOException {
        List<Path> specs;
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("../examples"))) {
            specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(specs.size() >= 4, "the examples folder holds the specs: " + specs);
        for (Path spec : specs) {
            StudySpec parsed = StudySpecParser.parse(spec);
            assertTrue(parsed.study().trials() > 0, spec.toString());
        }
    }
}
