package org.dl4jtuner.examples;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.dl4jtuner.models.CustomNetwork;
import org.dl4jtuner.models.DataShape;
import org.dl4jtuner.models.NetworkConfiguration;
import org.dl4jtuner.tuner.Trial;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A network class of one's own for a YAML study ({@code examples/custom-network.yaml}): a dense
 * block with a skip connection, as many blocks as the trial says, as a {@code ComputationGraph}.
 * {@code learning_rate}, {@code units} and {@code dropout} come from the spec's space; the number
 * of blocks is suggested here, define-by-run.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl examples -am package
 * ./dl4j-tuner run examples/custom-network.yaml --classpath examples/target/classes
 * </pre>
 */
public final class ResidualNetwork implements CustomNetwork {

    @Override
    public NetworkConfiguration configure(Trial trial, Map<String, Object> values, DataShape shape) {
        double learningRate = ((Number) values.get("learning_rate")).doubleValue();
        int units = ((Number) values.get("units")).intValue();
        double dropout = ((Number) values.get("dropout")).doubleValue();
        int blocks = trial.suggestInt("blocks", 1, 3);
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(trial.seed() + 1)
                .updater(new Adam(learningRate))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(shape.inputType())
                .addLayer("stem", new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), "in");
        String last = "stem";
        for (int b = 1; b <= blocks; b++) {
            graph.addLayer("dense" + b, new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), last)
                    .addLayer("drop" + b, new DropoutLayer.Builder(1 - dropout).build(), "dense" + b)
                    .addVertex("skip" + b, new ElementWiseVertex(ElementWiseVertex.Op.Add), last, "drop" + b);
            last = "skip" + b;
        }
        return NetworkConfiguration.of(graph
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(shape.outputs())
                        .activation(Activation.SOFTMAX).build(), last)
                .setOutputs("out")
                .build());
    }
}
