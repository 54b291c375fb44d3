package org.dl4jtuner.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trial's training in progress: the network, how many epochs it has had, and its best epoch
 * so far (value and a copy of the weights). Saved to and restored from a folder so that a promoted
 * configuration continues where it stopped.
 */
public final class TrainingState {
    private static final String MODEL = "model.zip";
    private static final String BEST = "best-params.bin";
    private static final String COUNTERS = "state.properties";

    final MultiLayerNetwork net;
    int epochsDone;
    double bestValue = Double.NaN;
    int bestEpoch;
    int epochsSinceImprovement;
    boolean stoppedEarly;
    INDArray bestParams;

    TrainingState(MultiLayerNetwork net) {
        this.net = net;
    }

    /** The network being trained. */
    public MultiLayerNetwork network() {
        return net;
    }

    /** Epochs trained so far. */
    public int epochsDone() {
        return epochsDone;
    }

    /** The best validation value so far (NaN before the first epoch). */
    public double bestValue() {
        return bestValue;
    }

    /** The epoch that reached {@link #bestValue()}. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Whether early stopping ended the training. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** Puts the best epoch's weights into the network (the current weights are lost). */
    public void restoreBestWeights() {
        if (bestParams != null) {
            net.setParams(bestParams);
        }
    }

    /** Writes the network (with updater state), the best weights and the counters to a folder. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelSerializer.writeModel(net, dir.resolve(MODEL).toFile(), true);
        if (bestParams != null) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(BEST))) {
                Nd4j.write(out, bestParams);
            }
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("epochsDone", Integer.toString(epochsDone));
        p.setProperty("bestValue", Double.toString(bestValue));
        p.setProperty("bestEpoch", Integer.toString(bestEpoch));
        p.setProperty("epochsSinceImprovement", Integer.toString(epochsSinceImprovement));
        p.setProperty("stoppedEarly", Boolean.toString(stoppedEarly));
        try (OutputStream out = Files.newOutputStream(dir.resolve(COUNTERS))) {
            p.store(out, "dl4j-tuner training state");
        }
    }

    /** Whether a folder holds a saved state. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(MODEL)) && Files.isRegularFile(dir.resolve(COUNTERS));
    }

    /** Restores a state written by {@link #save(Path)}. */
    public static TrainingState load(Path dir) throws IOException {
        TrainingState state = new TrainingState(ModelSerializer.restoreMultiLayerNetwork(dir.resolve(MODEL).toFile(), true));
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(COUNTERS))) {
            p.load(in);
        }
        state.epochsDone = Integer.parseInt(p.getProperty("epochsDone"));
        state.bestValue = Double.parseDouble(p.getProperty("bestValue"));
        state.bestEpoch = Integer.parseInt(p.getProperty("bestEpoch"));
        state.epochsSinceImprovement = Integer.parseInt(p.getProperty("epochsSinceImprovement"));
        state.stoppedEarly = Boolean.parseBoolean(p.getProperty("stoppedEarly"));
        if (Files.isRegularFile(dir.resolve(BEST))) {
            try (InputStream in = Files.newInputStream(dir.resolve(BEST))) {
                state.bestParams = Nd4j.read(in);
            }
        }
        return state;
    }
}
