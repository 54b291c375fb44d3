package org.dl4jtuner.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jtuner.datasets.Task;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

/**
 * Reads the model files the engine writes (trial artifacts and exports): DL4J's
 * {@code ModelSerializer} zips holding a {@code MultiLayerNetwork} or a {@code ComputationGraph}
 * and, when the study had one, the normalizer.
 *
 * <pre>{@code
 * Map<Metric, Double> test = ModelFiles.evaluate(Path.of("best.zip"), rawTestIterator, Task.CLASSIFICATION);
 * }</pre>
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** The network in a model file, of whichever kind it is. */
    public static Model restore(Path file) throws IOException {
        return isGraph(file) ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
    }

    /** The normalizer saved in a model file, or null when there is none. */
    public static Normalizer<?> normalizer(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry(ModelSerializer.NORMALIZER_BIN) == null) {
                return null;
            }
        }
        return ModelSerializer.restoreNormalizerFromFile(file.toFile());
    }

    /** Every built-in metric of the saved network on raw data, normalized with the saved normalizer. */
    public static Map<Metric, Double> evaluate(Path file, DataSetIterator rawData, Task task) {
        Model net;
        Normalizer<?> normalizer;
        try {
            net = restore(file);
            normalizer = normalizer(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the network in " + file + ": " + e.getMessage(), e);
        }
        try {
            DataNormalization n = normalizer instanceof DataNormalization d ? d : null;
            return MetricEvaluator.evaluateAll(net, Batches.of(NormalizedBatches.of(rawData, n)), task);
        } finally {
            net.clear();
            NativeMemory.releaseAfterTrial();
        }
    }

    private static boolean isGraph(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null) {
                throw new IOException(file + " is not a DL4J model file (it has no configuration.json)");
            }
            try (InputStream in = zip.getInputStream(conf)) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return json.contains("\"vertices\"");
            }
        }
    }
}
