package org.dl4jtuner.cli.doctor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Normalizers;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.HyperParameters;
import org.dl4jtuner.models.NativeMemory;
import org.dl4jtuner.models.NetworkFactory;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains the built-in MLP (two dense layers of 128, Adam, batches of 64) on the bundled Fashion-MNIST
 * subset for a fixed time and measures training examples per second: what a trial of the README's
 * examples gets from this machine. The first batch is a warm-up and not counted.
 *
 * @param network        what was trained
 * @param batchSize      examples per batch
 * @param seconds        time measured
 * @param examples       examples trained on in that time
 * @param examplesPerSecond their rate
 */
record TrainingProbe(String network, int batchSize, double seconds, long examples, double examplesPerSecond) {
    static final String NETWORK = "mlp 2x128 on the bundled Fashion-MNIST subset";
    private static final int BATCH = 64;
    private static final long SEED = 42;

    /** Trains for {@code time} after one warm-up batch. */
    static TrainingProbe run(Duration time) {
        LabeledData train = FashionMnist.bundledSubset().train();
        HyperParameters hp = new HyperParameters(1e-3, BATCH, List.of(128, 128), List.of(), 0, 0.0, "adam", 0.0,
                "relu");
        MultiLayerNetwork net = NetworkFactory.build(Family.MLP, hp, train.featureShape(), train.numClasses(),
                Task.CLASSIFICATION, SEED);
        DataSetIterator batches = train.trainingIterator(BATCH, SEED);
        batches.setPreProcessor(Normalizers.pixelsToUnitRange());
        try {
            net.fit(next(batches));
            long examples = 0;
            long start = System.nanoTime();
            long end = start + time.toNanos();
            long now = start;
            while (now < end) {
                DataSet batch = next(batches);
                net.fit(batch);
                examples += batch.numExamples();
                now = System.nanoTime();
            }
            double seconds = (now - start) / 1e9;
            return new TrainingProbe(NETWORK, BATCH, seconds, examples, examples / seconds);
        } finally {
            NativeMemory.free(net);
            NativeMemory.releaseAfterTrial();
        }
    }

    private static DataSet next(DataSetIterator batches) {
        if (!batches.hasNext()) {
            batches.reset();
        }
        return batches.next();
    }

    /** The JSON object of {@code doctor --json}. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("network", network);
        map.put("batch_size", batchSize);
        map.put("seconds", Math.round(seconds * 100) / 100.0);
        map.put("examples", examples);
        map.put("samples_per_second", Math.round(examplesPerSecond * 10) / 10.0);
        return map;
    }
}
