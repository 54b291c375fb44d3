package org.dl4jtuner.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jtuner.tuner.Patience;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trial's training in progress: a network per fold (one without cross-validation), how many
 * epochs they have had, and the best epoch so far (the mean validation value over folds and a
 * copy of every fold's weights at that epoch). Saved to and restored from a folder (through a
 * {@link CheckpointFolder}, after every epoch) so that a configuration a scheduler promotes, or a
 * trial a killed process left, continues where it stopped.
 */
final class TrainingState {
    private static final String COUNTERS = "state.properties";

    final List<Model> nets;
    final List<INDArray> bestParams;
    final Map<Integer, double[]> foldValues = new TreeMap<>();
    /** The value reported at each epoch trained, so that a resumed trial can report what a killed run could not. */
    final Map<Integer, Double> values = new TreeMap<>();
    int epochsDone;
    double bestValue = Double.NaN;
    int bestEpoch;
    /** Where the epochs' values stand against the early-stopping rule. */
    Patience.Progress patience = Patience.Progress.START;
    boolean stoppedEarly;

    TrainingState(List<Model> nets) {
        this.nets = List.copyOf(nets);
        this.bestParams = new ArrayList<>(java.util.Collections.nCopies(nets.size(), (INDArray) null));
    }

    /** Copies every fold's current weights as the best epoch's. */
    void keepCurrentAsBest() {
        for (int f = 0; f < nets.size(); f++) {
            NativeMemory.close(bestParams.set(f, nets.get(f).params().dup()));
        }
    }

    /** The first fold's network with its best epoch's weights (its current weights are lost). */
    Model bestOfFirstFold() {
        Model net = nets.get(0);
        if (bestParams.get(0) != null) {
            net.setParams(bestParams.get(0));
        }
        return net;
    }

    /** Frees the networks' and the best weights' native memory now; the state is unusable afterwards. */
    void clear() {
        nets.forEach(NativeMemory::free);
        bestParams.forEach(NativeMemory::close);
    }

    /** Writes the networks (with updater state), the best weights and the counters to a folder. */
    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int f = 0; f < nets.size(); f++) {
            ModelSerializer.writeModel(nets.get(f), dir.resolve("model-" + f + ".zip").toFile(), true);
            if (bestParams.get(f) != null) {
                try (OutputStream out = Files.newOutputStream(dir.resolve("best-params-" + f + ".bin"))) {
                    Nd4j.write(out, bestParams.get(f));
                }
            }
        }
        Properties p = new Properties();
        p.setProperty("folds", Integer.toString(nets.size()));
        p.setProperty("graph", Boolean.toString(nets.get(0) instanceof ComputationGraph));
        p.setProperty("epochsDone", Integer.toString(epochsDone));
        p.setProperty("bestValue", Double.toString(bestValue));
        p.setProperty("bestEpoch", Integer.toString(bestEpoch));
        p.setProperty("epochsSinceImprovement", Integer.toString(patience.valuesSinceImprovement()));
        p.setProperty("patienceReference", Double.toString(patience.reference()));
        p.setProperty("stoppedEarly", Boolean.toString(stoppedEarly));
        foldValues.forEach((epoch, values) -> p.setProperty("fold_values." + epoch, join(values)));
        values.forEach((epoch, value) -> p.setProperty("value." + epoch, Double.toString(value)));
        try (OutputStream out = Files.newOutputStream(dir.resolve(COUNTERS))) {
            p.store(out, "dl4j-tuner training state");
        }
    }

    /** Restores a state written by {@link #save(Path)}. */
    static TrainingState load(Path dir) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(COUNTERS))) {
            p.load(in);
        }
        int folds = Integer.parseInt(p.getProperty("folds"));
        boolean graph = Boolean.parseBoolean(p.getProperty("graph"));
        List<Model> nets = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            java.io.File file = dir.resolve("model-" + f + ".zip").toFile();
            nets.add(graph ? ModelSerializer.restoreComputationGraph(file, true)
                    : ModelSerializer.restoreMultiLayerNetwork(file, true));
        }
        TrainingState state = new TrainingState(nets);
        for (int f = 0; f < folds; f++) {
            Path best = dir.resolve("best-params-" + f + ".bin");
            if (Files.isRegularFile(best)) {
                try (InputStream in = Files.newInputStream(best)) {
                    state.bestParams.set(f, Nd4j.read(in));
                }
            }
        }
        state.epochsDone = Integer.parseInt(p.getProperty("epochsDone"));
        state.bestValue = Double.parseDouble(p.getProperty("bestValue"));
        state.bestEpoch = Integer.parseInt(p.getProperty("bestEpoch"));
        // states saved before the reference was kept used the best value as theirs
        state.patience = new Patience.Progress(Double.parseDouble(p.getProperty("patienceReference",
                p.getProperty("bestValue"))), Integer.parseInt(p.getProperty("epochsSinceImprovement")));
        state.stoppedEarly = Boolean.parseBoolean(p.getProperty("stoppedEarly"));
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("fold_values.")) {
                String[] parts = p.getProperty(key).split(",");
                double[] values = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    values[i] = Double.parseDouble(parts[i]);
                }
                state.foldValues.put(Integer.parseInt(key.substring("fold_values.".length())), values);
            } else if (key.startsWith("value.")) {
                state.values.put(Integer.parseInt(key.substring("value.".length())), Double.parseDouble(p.getProperty(key)));
            }
        }
        return state;
    }

    private static String join(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ",").append(v);
        }
        return s.toString();
    }

    /** The kind of network a model is, for messages. */
    static String kind(Model model) {
        return model instanceof MultiLayerNetwork ? "MultiLayerNetwork" : "ComputationGraph";
    }
}
