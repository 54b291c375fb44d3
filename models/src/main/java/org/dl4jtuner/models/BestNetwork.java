package org.dl4jtuner.models;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.tuner.Direction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The best network trained so far by one objective, kept in memory as its configuration and a
 * copy of its best epoch's weights: cheap to keep on the training thread, rebuilt only when asked
 * for. Safe for parallel trials.
 */
final class BestNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(BestNetwork.class);

    private final Direction direction;
    private double value = Double.NaN;
    private NetworkConfiguration configuration;
    private INDArray params;
    private int trialNumber = -1;

    BestNetwork(Direction direction) {
        this.direction = direction;
    }

    /** Keeps a finished trial's first-fold network when its value beats the kept one. */
    synchronized void offer(TrainingState state, int trial) {
        if (!Double.isNaN(value) && !direction.isBetter(state.bestValue, value)) {
            return;
        }
        Model net = state.nets.get(0);
        configuration = net instanceof ComputationGraph g ? NetworkConfiguration.of(g.getConfiguration().clone())
                : NetworkConfiguration.of(((MultiLayerNetwork) net).getLayerWiseConfigurations().clone());
        INDArray best = state.bestParams.get(0);
        NativeMemory.close(params);
        params = (best != null ? best : net.params()).dup();
        trialNumber = trial;
        value = state.bestValue;
        LOG.debug("Kept trial {}'s network ({}) as the best so far", trial, value);
    }

    /** A new network with the kept weights, or null before any trial finished. */
    synchronized Model model() {
        if (params == null) {
            return null;
        }
        Model net = configuration.newNetwork();
        net.setParams(params);
        return net;
    }

    /** The number of the trial whose network is kept, or -1. */
    synchronized int trialNumber() {
        return trialNumber;
    }
}
