package org.dl4jtuner.examples.casestudies;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jtuner.models.CustomNetwork;
import org.dl4jtuner.models.DataShape;
import org.dl4jtuner.models.NetworkConfiguration;
import org.dl4jtuner.tuner.Trial;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * An LSTM classifier that reads only the first {@code max_length} time steps of each sequence:
 * the maximum input length of case study 7.4, a real hyperparameter that trades what the network
 * sees against what a step of training costs. DL4J's own {@link Cropping1D} layer drops the steps
 * past {@code max_length} before the LSTM, so a shorter input is also a cheaper one. The rest is the
 * LSTM family's default network: one LSTM layer of {@value #UNITS} tanh units read at its last
 * step, Adam at {@code learning_rate}, softmax output.
 *
 * <pre>{@code
 * NetworkObjective objective = NetworkObjective.builder()
 *         .custom(new TruncatedSequenceLstm(), Map.of(
 *                 "learning_rate", ParameterSpace.logUniform(1e-4, 3e-2),
 *                 "max_length", ParameterSpace.intRange(4, 28)))
 *         .data(rowSequences)
 *         .build();
 * }</pre>
 */
public final class TruncatedSequenceLstm implements CustomNetwork {
    /** The LSTM's units, as in the LSTM family's default network. */
    public static final int UNITS = 64;

    @Override
    public NetworkConfiguration configure(Trial trial, Map<String, Object> values, DataShape shape) {
        int[] sequence = shape.featureShape();
        if (sequence.length != 2) {
            throw new IllegalArgumentException("data: an LSTM needs sequences {features, time steps}, but got examples"
                    + " of shape " + java.util.Arrays.toString(sequence));
        }
        int steps = sequence[1];
        double learningRate = number(values, "learning_rate").doubleValue();
        int maxLength = number(values, "max_length").intValue();
        if (maxLength < 1 || maxLength > steps) {
            throw new IllegalArgumentException("max_length: 1 <= max_length <= " + steps
                    + " (the sequences' length) must hold, but got " + maxLength);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning_rate: learning_rate > 0 must hold, but got " + learningRate);
        }
        return NetworkConfiguration.of(new NeuralNetConfiguration.Builder()
                .seed(trial.seed() == 0 ? 1 : trial.seed())
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new Cropping1D(0, steps - maxLength))   // keeps steps 0 .. max_length - 1
                .layer(new LastTimeStep(new LSTM.Builder().nIn(sequence[0]).nOut(UNITS).activation(Activation.TANH)
                        .build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(UNITS).nOut(shape.outputs())
                        .activation(Activation.SOFTMAX).build())
                // sizes given, no setInputType: DL4J would look for an RNN -> CNN preprocessor before
                // Cropping1D and warn that it has none; none is needed, both read [batch, features, steps]
                .build());
    }

    private static Number number(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(key + ": a number must be given in the space, but got " + value);
        }
        return n;
    }
}
