package org.dl4jtuner.models.updater;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;

/**
 * Reads the learning rates {@link AdamHd} adapted out of a network's updater state.
 *
 * <pre>{@code
 * List<Double> rates = AdaptedLearningRates.of(net);   // [0.00137] for a network built by NetworkFactory
 * }</pre>
 */
public final class AdaptedLearningRates {
    private AdaptedLearningRates() {
    }

    /**
     * The current rate of every Adam-HD updater block, in parameter order: one for a network whose
     * layers share one configuration, none for a network without Adam-HD (or without an updater yet).
     */
    public static List<Double> of(Model model) {
        Updater updater = model instanceof MultiLayerNetwork net ? net.getUpdater(false)
                : model instanceof ComputationGraph graph ? graph.getUpdater(false) : null;
        List<Double> rates = new ArrayList<>();
        if (updater instanceof BaseMultiLayerUpdater<?> blocks) {
            for (UpdaterBlock block : blocks.getUpdaterBlocks()) {
                if (block.getGradientUpdater() instanceof AdamHdUpdater hd) {
                    rates.add(hd.learningRate());
                }
            }
        }
        return rates;
    }
}
