package org.dl4jtuner.models;

import java.util.Objects;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A DL4J network configuration of either kind, as a trial's network function returns it.
 *
 * <pre>{@code
 * NetworkConfiguration conf = NetworkConfiguration.of(new NeuralNetConfiguration.Builder()...graphBuilder()...build());
 * }</pre>
 */
public sealed interface NetworkConfiguration {

    /** A configuration for a {@link MultiLayerNetwork}. */
    static NetworkConfiguration of(MultiLayerConfiguration configuration) {
        return new MultiLayer(configuration);
    }

    /** A configuration for a {@link ComputationGraph}. */
    static NetworkConfiguration of(ComputationGraphConfiguration configuration) {
        return new Graph(configuration);
    }

    /** A new network of this configuration with freshly initialised weights. */
    Model newNetwork();

    /** The configuration as DL4J's JSON. */
    String toJson();

    /**
     * A {@link MultiLayerNetwork}'s configuration.
     *
     * @param configuration DL4J's configuration
     */
    record MultiLayer(MultiLayerConfiguration configuration) implements NetworkConfiguration {
        public MultiLayer {
            Objects.requireNonNull(configuration, "the network function returned no MultiLayerConfiguration");
        }

        @Override
        public Model newNetwork() {
            MultiLayerNetwork net = new MultiLayerNetwork(configuration.clone());
            net.init();
            return net;
        }

        @Override
        public String toJson() {
            return configuration.toJson();
        }
    }

    /**
     * A {@link ComputationGraph}'s configuration.
     *
     * @param configuration DL4J's configuration
     */
    record Graph(ComputationGraphConfiguration configuration) implements NetworkConfiguration {
        public Graph {
            Objects.requireNonNull(configuration, "the network function returned no ComputationGraphConfiguration");
        }

        @Override
        public Model newNetwork() {
            ComputationGraph graph = new ComputationGraph(configuration.clone());
            graph.init();
            return graph;
        }

        @Override
        public String toJson() {
            return configuration.toJson();
        }
    }
}
