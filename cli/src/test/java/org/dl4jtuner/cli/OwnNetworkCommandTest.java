package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jtuner.cli.PersistentStudyTest.Result;
import org.dl4jtuner.datasets.DataPreparation;
import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * The command line with the user's own parts: a network class compiled here and given with
 * --classpath, image folders, k-fold cross-validation, and exports restored by plain DL4J code.
 */
class OwnNetworkCommandTest {
    @TempDir
    Path dir;

    private static Result run(String... args) {
        return PersistentStudyTest.run(args);
    }

    /** A ComputationGraph with a skip connection over whatever the data is. */
    private static final String TINY_GRAPH = """
            package com.acme;

            import java.util.Map;
            import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
            import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
            import org.deeplearning4j.nn.conf.layers.DenseLayer;
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.dl4jtuner.models.CustomNetwork;
            import org.dl4jtuner.models.DataShape;
            import org.dl4jtuner.models.NetworkConfiguration;
            import org.dl4jtuner.tuner.Trial;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.learning.config.Adam;
            import org.nd4j.linalg.lossfunctions.LossFunctions;

            public final class TinyGraph implements CustomNetwork {
                public NetworkConfiguration configure(Trial trial, Map<String, Object> values, DataShape shape) {
                    double lr = ((Number) values.get("learning_rate")).doubleValue();
                    int units = trial.suggestInt("units", 8, 24);
                    int outputs = OUTPUTS < 0 ? shape.outputs() : OUTPUTS;
                    if (THROWS) {
                        throw new IllegalStateException("no network for this trial");
                    }
                    return NetworkConfiguration.of(new NeuralNetConfiguration.Builder().seed(trial.seed() + 1)
                            .updater(new Adam(lr)).graphBuilder()
                            .addInputs("in").setInputTypes(shape.inputType())
                            .addLayer("a", new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), "in")
                            .addLayer("b", new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), "a")
                            .addVertex("skip", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                            .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(outputs)
                                    .activation(Activation.SOFTMAX).build(), "skip")
                            .setOutputs("out").build());
                }
            }
            """;

    /** Compiles a variant of the network class into its own folder, as a user's build would. */
    private Path compile(String name, int outputs, boolean throwing, boolean implementing) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK is needed to compile the user's class");
        Path src = Files.createDirectories(dir.resolve(name + "-src/com/acme"));
        String source = TINY_GRAPH.replace("OUTPUTS", Integer.toString(outputs)).replace("THROWS", Boolean.toString(throwing));
        if (!implementing) {
            source = source.replace(" implements CustomNetwork", "");
        }
        Path file = Files.writeString(src.resolve("TinyGraph.java"), source);
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertEquals(0, code, "javac compiled the user's class");
        return classes;
    }

    private Path pointsSpec(String extraData, String model) throws IOException {
        PersistentStudyTest.csv(dir, 240, 6);
        return Files.writeString(dir.resolve("own.yaml"), """
                study: {name: own, trials: 4, seed: 5, storage: "sqlite:own.db"}
                sampler: random
                pruner: {type: hyperband, min_epochs: 1, max_epochs: 3, eta: 3}
                data: {type: csv, path: points.csv, label: kind, test: 0.2%s}
                model: %s
                """.formatted(extraData, model));
    }

    private static final String CUSTOM = "{type: custom, class: com.acme.TinyGraph, space: {learning_rate: "
            + "{log_uniform: [0.003, 0.05]}, batch_size: 16}}";

    @Test
    void aCustomNetworkClassOnTheClasspathIsTunedStoredAndExported() throws IOException {
        Path classes = compile("good", -1, false, true);
        Path spec = pointsSpec(", validation: 0.25", CUSTOM);
        Result r = run("run", spec.toString(), "--classpath", classes.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("trial ")).count(), r.out());
        assertTrue(r.out().contains("com.acme.TinyGraph on csv"), r.out());

        String url = "sqlite:" + dir.resolve("own.db");
        Result trials = run("trials", "--storage", url, "--json");
        assertEquals(0, trials.code(), trials.err());
        List<?> all = new ObjectMapper().readValue(trials.out(), List.class);
        for (Object t : all) {
            Map<?, ?> params = (Map<?, ?>) ((Map<?, ?>) t).get("params");
            assertTrue(params.containsKey("learning_rate") && params.containsKey("units"),
                    "the space's and the class's own parameters are both searched: " + params);
        }
        Path zip = dir.resolve("own-best.zip");
        Result best = run("best", "own", "--storage", url, "--export", zip.toString());
        assertEquals(0, best.code(), best.out() + best.err());
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(zip.toFile());
        assertEquals(3, graph.layerSize("out"));
        assertNotNull(ModelSerializer.restoreNormalizerFromFile(zip.toFile()), "the CSV standardisation is in the zip");
    }

    @Test
    void isolatedWorkersLoadTheCustomClassFromTheSameClasspath() throws IOException {
        Path classes = compile("isolated", -1, false, true);
        Path spec = pointsSpec(", validation: 0.25", CUSTOM);
        Result r = run("run", spec.toString(), "--classpath", classes.toString(), "--isolate", "--trials", "2",
                "--max-epochs", "2", "--worker-jvm-options", "-Xmx1g");
        assertEquals(0, r.code(), r.out() + r.err());
        Result trials = run("trials", "--storage", "sqlite:" + dir.resolve("own.db"), "--json");
        List<?> all = new ObjectMapper().readValue(trials.out(), List.class);
        assertEquals(2, all.size(), trials.out());
        for (Object t : all) {
            assertTrue(List.of("COMPLETE", "PRUNED").contains(((Map<?, ?>) t).get("state")), "the parent trains nothing"
                    + " with --isolate, so the workers loaded the class: " + trials.out());
        }
    }

    @Test
    void aCustomClassThatIsMissingWrongOrFailingIsNamedWithTheReasonAndNothingIsWritten() throws IOException {
        Path spec = pointsSpec(", validation: 0.25", CUSTOM);
        Path db = dir.resolve("own.db");

        Result missing = run("run", spec.toString());
        assertEquals(2, missing.code(), missing.out() + missing.err());
        assertTrue(missing.err().contains("model.class: com.acme.TinyGraph was not found on the classpath; give the jar"
                + " or folder that holds it with --classpath"), missing.err());

        Result notImplementing = run("run", spec.toString(), "--classpath", compile("plain", -1, false, false).toString());
        assertEquals(2, notImplementing.code());
        assertTrue(notImplementing.err().contains("model.class: com.acme.TinyGraph does not implement"
                + " org.dl4jtuner.models.CustomNetwork"), notImplementing.err());

        Result throwing = run("run", spec.toString(), "--classpath", compile("throwing", -1, true, true).toString());
        assertEquals(2, throwing.code());
        assertTrue(throwing.err().contains("model.class: com.acme.TinyGraph failed to build a network for a probe trial:"
                + " IllegalStateException: no network for this trial"), throwing.err());

        Result wrongOutputs = run("run", spec.toString(), "--classpath", compile("five", 5, false, true).toString());
        assertEquals(2, wrongOutputs.code());
        assertTrue(wrongOutputs.err().contains("output layer of nOut=5, but the training data has 3 label columns"),
                wrongOutputs.err());

        Result noPath = run("run", spec.toString(), "--classpath", dir.resolve("nowhere").toString());
        assertEquals(2, noPath.code());
        assertTrue(noPath.err().contains("--classpath: " + dir.resolve("nowhere") + " does not exist"), noPath.err());
        assertFalse(Files.exists(db), "no storage was created for a study that could not start");
    }

    @Test
    void theWineExportRestoresWithItsNormalizerAndScoresRawCsvRowsAsTheStudyReported() throws IOException {
        Path wineSpec = Path.of("../examples/wine-mlp.yaml").toAbsolutePath().normalize();
        String url = "sqlite:" + dir.resolve("wine.db");
        Result r = run("run", wineSpec.toString(), "--storage", url, "--trials", "3", "--max-epochs", "10",
                "--no-baseline");
        assertEquals(0, r.code(), r.out() + r.err());
        Path zip = dir.resolve("wine.zip");
        Result best = run("best", "wine-mlp", "--storage", url, "--export", zip.toString());
        assertEquals(0, best.code(), best.out() + best.err());
        double reported = bestValue(url);

        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile());
        DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(zip.toFile());
        LabeledData validation = DataPreparation.prepare(DataSource.csv(wineSpec.resolveSibling("data/wine.csv"),
                "cultivar", Task.CLASSIFICATION).withSplits(0.25, 0.2), false, 7).firstFold().validation();
        assertTrue(validation.features().maxNumber().doubleValue() > 100, "raw CSV rows (proline is in the hundreds)");
        DataSetIterator rows = validation.iterator(64, 0);
        rows.setPreProcessor(normalizer);
        Evaluation e = net.evaluate(rows);
        assertEquals(reported, e.accuracy(), 1e-9, "plain DL4J with the saved normalizer scores what the study reported");
        DataSetIterator unnormalized = validation.iterator(64, 0);
        assertTrue(net.evaluate(unnormalized).accuracy() < reported, "without the normalizer the network is worse");
    }

    private static double bestValue(String url) throws IOException {
        Result trials = run("trials", "--storage", url, "--json");
        List<?> all = new ObjectMapper().readValue(trials.out(), List.class);
        return all.stream().map(t -> (Map<?, ?>) t).filter(t -> "COMPLETE".equals(t.get("state")))
                .mapToDouble(t -> ((Number) t.get("value")).doubleValue()).max().orElseThrow();
    }

    @Test
    void aFiveFoldStudyReportsTheMeanOverFoldsAndKeepsEachFoldsValues() throws IOException {
        Path spec = pointsSpec(", folds: 5", "{type: mlp, space: {learning_rate: {log_uniform: [0.003, 0.03]},"
                + " units: 16, layers: 1, batch_size: 16}}");
        Result r = run("run", spec.toString(), "--trials", "2", "--no-baseline");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("5 folds of about"), r.out());
        Result trials = run("trials", "--storage", "sqlite:" + dir.resolve("own.db"), "--json");
        List<?> all = new ObjectMapper().readValue(trials.out(), List.class);
        int checked = 0;
        for (Object o : all) {
            Map<?, ?> t = (Map<?, ?>) o;
            Map<?, ?> perEpoch = (Map<?, ?>) ((Map<?, ?>) t.get("user_attrs")).get("fold_values");
            Map<?, ?> curve = (Map<?, ?>) t.get("intermediate_values");
            for (Map.Entry<?, ?> epoch : curve.entrySet()) {
                List<?> folds = (List<?>) perEpoch.get(String.valueOf(epoch.getKey()));
                assertEquals(5, folds.size(), "one value per fold");
                double mean = folds.stream().mapToDouble(v -> ((Number) v).doubleValue()).average().orElseThrow();
                assertEquals(mean, ((Number) epoch.getValue()).doubleValue(), 1e-9);
                checked++;
            }
        }
        assertTrue(checked >= 2, "epochs checked: " + checked);
    }

    /** Real PNGs of three Fashion-MNIST classes, 30 each, written from the bundled subset. */
    private Path imageFolder() throws IOException {
        LabeledData train = FashionMnist.bundledSubset().train();
        int[] classes = train.classIndices();
        int[] written = new int[3];
        Path root = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < classes.length && (written[0] < 30 || written[1] < 30 || written[2] < 30); i++) {
            int c = classes[i];
            if (c > 2 || written[c] >= 30) {
                continue;
            }
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            float[] pixels = train.features().getRow(i).toFloatVector();
            for (int p = 0; p < pixels.length; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, Math.round(pixels[p]));
            }
            Path folder = Files.createDirectories(root.resolve(train.classNames().get(c).replace('/', '-')));
            ImageIO.write(image, "png", folder.resolve("img-" + i + ".png").toFile());
            written[c]++;
        }
        return root;
    }

    @Test
    void anImageFolderStudyRunsEndToEnd() throws IOException {
        imageFolder();
        Path spec = Files.writeString(dir.resolve("images.yaml"), """
                study: {name: pics, trials: 2, seed: 4}
                pruner: {type: none, max_epochs: 3}
                data: {type: images, path: images, height: 28, width: 28, channels: 1, validation: 0.25, test: 0.2}
                model: {type: cnn, space: {learning_rate: {log_uniform: [0.001, 0.01]}, layers: 1, filters: 4,
                        units: 16, batch_size: 16}}
                """);
        Result r = run("run", spec.toString(), "--no-baseline");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("trial ")).count(), r.out());
        assertTrue(r.out().contains("cnn on images"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s*test\\s+accuracy 0\\.\\d+.*")), r.out());
    }

    @Test
    void anEmptyOrUnreadableImageFolderIsRefusedNamingIt() throws IOException {
        Path root = Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(root.resolve("coat"));
        Files.createDirectories(root.resolve("shirt"));
        Path spec = Files.writeString(dir.resolve("images.yaml"), """
                study: {trials: 1}
                data: {type: images, path: images, height: 28, width: 28, channels: 1}
                model: {type: cnn}
                """);
        Result empty = run("run", spec.toString());
        assertEquals(2, empty.code(), empty.out() + empty.err());
        assertTrue(empty.err().contains("data.path") && empty.err().contains(root.toString()), empty.err());

        Files.delete(root.resolve("coat"));
        Files.delete(root.resolve("shirt"));
        imageFolder();
        Path broken = Files.write(root.resolve("Trouser/broken.png"), new byte[] {1, 2, 3, 4, 5});
        Result unreadable = run("run", spec.toString());
        assertEquals(2, unreadable.code(), unreadable.out() + unreadable.err());
        assertTrue(unreadable.err().contains(broken.toString().replace(File.separatorChar, '/'))
                || unreadable.err().contains(broken.toString()), unreadable.err());
    }
}
