package org.dl4jtuner.models;

import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.updater.AdamHd;
import org.dl4jtuner.tuner.util.Requires;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a DL4J {@link MultiLayerNetwork} from resolved hyperparameters by calling DL4J's own
 * {@link NeuralNetConfiguration.Builder}: no mirror of DL4J's layer classes.
 *
 * <ul>
 *   <li>MLP: dense layers of {@code units[i]} over flattened features.</li>
 *   <li>CNN: per block a same-padded convolution of {@code filters[i]} and 2x2 max pooling, then
 *       one dense layer of {@code units[0]}; input shape {channels, height, width}.</li>
 *   <li>LSTM: LSTM layers of {@code units[i]}, the last one read at its last time step; input
 *       shape {features, time steps}.</li>
 * </ul>
 * The output is softmax + cross-entropy for classification, identity + MSE for regression.
 */
public final class NetworkFactory {
    /** The updater name of {@link AdamHd}, Adam with a learning rate adapted by hypergradient descent. */
    public static final String ADAM_HD = "adam-hd";

    private NetworkFactory() {
    }

    /**
     * A new, initialised network.
     *
     * @param featureShape the shape of one example: {d}, {channels, height, width} or {features, steps}
     * @param outputs      classes (classification) or targets (regression)
     * @param seed         weight-initialisation seed; 0 is replaced by 1 (DL4J's seed 0 is not reproducible)
     */
    public static MultiLayerNetwork build(Family family, HyperParameters hp, int[] featureShape, int outputs, Task task,
            long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(family, hp, featureShape, outputs, task, seed));
        net.init();
        return net;
    }

    /** The configuration {@link #build} initialises: what a family's network function gives the engine. */
    public static MultiLayerConfiguration configuration(Family family, HyperParameters hp, int[] featureShape,
            int outputs, Task task, long seed) {
        Requires.atLeast("outputs", outputs, 1);
        Activation activation = activation(hp.activation());
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed == 0 ? 1 : seed)
                .updater(updater(hp.updater(), hp.learningRate(), hp.hypergradientLr()))
                .weightInit(activation == Activation.RELU || activation == Activation.LEAKYRELU ? WeightInit.RELU
                        : WeightInit.XAVIER)
                .l2(hp.l2())
                .list();
        int layer = 0;
        switch (family) {
            case MLP -> {
                for (int units : hp.units()) {
                    list.layer(layer++, dense(units, activation, hp.dropout()));
                }
                list.setInputType(InputType.feedForward(product(featureShape)));
            }
            case CNN -> {
                Requires.argument(featureShape.length == 3, "a cnn needs images {channels, height, width}, but the data"
                        + " has examples of shape " + Arrays.toString(featureShape));
                int side = Math.min(featureShape[1], featureShape[2]);
                Requires.argument(side >> hp.filters().size() >= 1, "a " + featureShape[1] + "x" + featureShape[2]
                        + " image allows at most " + (31 - Integer.numberOfLeadingZeros(side))
                        + " convolution blocks, but got layers=" + hp.filters().size());
                for (int filters : hp.filters()) {
                    list.layer(layer++, new ConvolutionLayer.Builder(hp.kernel(), hp.kernel()).nOut(filters)
                            .convolutionMode(ConvolutionMode.Same).activation(activation).build());
                    list.layer(layer++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(2, 2).stride(2, 2).build());
                }
                list.layer(layer++, dense(hp.units().get(0), activation, hp.dropout()));
                list.setInputType(InputType.convolutionalFlat(featureShape[1], featureShape[2], featureShape[0]));
            }
            case LSTM -> {
                Requires.argument(featureShape.length == 2, "an lstm needs sequences {features, time steps}, but the"
                        + " data has examples of shape " + Arrays.toString(featureShape));
                for (int i = 0; i < hp.units().size(); i++) {
                    LSTM.Builder lstm = new LSTM.Builder().nOut(hp.units().get(i)).activation(activation);
                    if (hp.dropout() > 0) {
                        lstm.dropOut(1 - hp.dropout());
                    }
                    boolean last = i == hp.units().size() - 1;
                    list.layer(layer++, last ? new LastTimeStep(lstm.build()) : lstm.build());
                }
                list.setInputType(InputType.recurrent(featureShape[0], featureShape[1]));
            }
            default -> throw new IllegalStateException("unknown family " + family);
        }
        list.layer(layer, output(outputs, task));
        return list.build();
    }

    private static DenseLayer dense(int units, Activation activation, double dropout) {
        DenseLayer.Builder dense = new DenseLayer.Builder().nOut(units).activation(activation);
        if (dropout > 0) {
            dense.dropOut(1 - dropout);   // DL4J takes the probability of keeping a unit
        }
        return dense.build();
    }

    private static OutputLayer output(int outputs, Task task) {
        if (task == Task.REGRESSION) {
            return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(outputs)
                    .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build();
        }
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(outputs)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build();
    }

    /** The DL4J updater for a name (adam-hd with its default hypergradient learning rate). */
    static IUpdater updater(String name, double learningRate) {
        return updater(name, learningRate, AdamHd.DEFAULT_HYPERGRADIENT_LEARNING_RATE);
    }

    /** The DL4J updater for a name; {@code hypergradientLr} is adam-hd's beta and unused by the others. */
    static IUpdater updater(String name, double learningRate, double hypergradientLr) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "adam" -> new Adam(learningRate);
            case ADAM_HD -> new AdamHd(learningRate, hypergradientLr);
            case "nesterovs" -> new Nesterovs(learningRate, 0.9);
            case "rmsprop" -> new RmsProp(learningRate);
            case "sgd" -> new Sgd(learningRate);
            default -> throw new IllegalArgumentException(
                    "updater must be one of [adam, adam-hd, nesterovs, rmsprop, sgd], but got '" + name + "'");
        };
    }

    /** The DL4J activation for a name. */
    static Activation activation(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "elu" -> Activation.ELU;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "swish" -> Activation.SWISH;
            case "gelu" -> Activation.GELU;
            default -> throw new IllegalArgumentException("activation must be one of [relu, tanh, sigmoid, elu,"
                    + " leakyrelu, swish, gelu], but got '" + name + "'");
        };
    }

    private static int product(int[] shape) {
        int p = 1;
        for (int s : shape) {
            p *= s;
        }
        return p;
    }
}
