package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The memory guard: estimates from configurations, and what a study does with a network that cannot fit. */
class MemoryGuardTest {

    /** Dense layers of the given widths on 784 inputs, then a 10-class softmax. */
    private static MultiLayerConfiguration dense(org.nd4j.linalg.learning.config.IUpdater updater, long... widths) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).updater(updater).list();
        for (long w : widths) {
            b.layer(new DenseLayer.Builder().nOut(w).activation(Activation.RELU).build());
        }
        return b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                .activation(Activation.SOFTMAX).build()).setInputType(InputType.feedForward(784)).build();
    }

    @Test
    void theEstimateCountsExactlyTheParametersAndAdamsStateOfABuiltNetwork() {
        MultiLayerConfiguration conf = dense(new Adam(1e-3), 128, 64);
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        MemoryEstimate e = MemoryEstimate.of(NetworkConfiguration.of(conf), new long[] {64, 784}, 1);
        assertEquals(net.numParams(), e.parameters());
        assertEquals(2 * net.numParams(), e.updaterState(), "Adam keeps two values per parameter");
        assertEquals(2 * net.numParams(), net.getUpdater().getStateViewArray().length());
        long weights = 4 * net.numParams() * 4;   // parameters, gradients, Adam's m and v, as floats
        assertTrue(e.bytes() >= weights && e.bytes() < 10 * weights, e.describe() + " vs " + weights + " bytes");
        assertTrue(e.activationBytes() >= 64L * (128 + 64 + 10) * 4, "one batch's activations: " + e.activationBytes());
        assertTrue(e.describe().contains("parameters with Adam state, batch 64"), e.describe());
        NativeMemory.free(net);
    }

    @Test
    void aGraphAndAConvolutionalNetworkAreCountedAsDl4jCountsThem() {
        ComputationGraph graph = new ComputationGraph(Dl4jObjectiveTest.skipGraph(
                Study.builder().build().ask()).clone());
        graph.init();
        MemoryEstimate g = MemoryEstimate.of(NetworkConfiguration.of(graph.getConfiguration()), null, 2);
        assertEquals(graph.numParams(), g.parameters());
        assertEquals(2, g.networks());
        NativeMemory.free(graph);

        MultiLayerConfiguration cnn = new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(cnn.clone());
        net.init();
        MemoryEstimate c = MemoryEstimate.of(NetworkConfiguration.of(cnn), new long[] {32, 1, 28, 28}, 1);
        assertEquals(net.numParams(), c.parameters());
        assertEquals(0, c.updaterState(), "plain SGD keeps no state");
        assertTrue(c.activationBytes() >= 32L * 8 * 26 * 26 * 4, "the feature maps of a batch: " + c.activationBytes());
        NativeMemory.free(net);
    }

    @Test
    void aNetworkThatCannotFitIsRefusedWithBothNumbersBeforeAnythingIsAllocated() {
        NetworkConfiguration huge = NetworkConfiguration.of(dense(new Adam(1e-3), 2_000_000, 60_000));
        MemoryEstimate e = MemoryEstimate.of(huge, new long[] {64, 784}, 1);
        assertTrue(e.parameters() > 1.2e11, "2,000,000 x 60,000 weights: " + e.parameters());
        NetworkTooLargeException refused = assertThrows(NetworkTooLargeException.class, () -> MemoryGuard.check(7, e));
        assertTrue(refused.getMessage().matches("trial 7's network needs about [0-9,]+ MiB \\(1\\.2e\\+11 parameters"
                + " with Adam state, batch 64\\) but [0-9,]+ MiB are free .*; make the network smaller.*"),
                refused.getMessage());
        assertTrue(refused.availableBytes() < e.bytes());
    }

    @Test
    void aStudyFailsTheTrialWhoseNetworkIsTooLargeWithItsSizeAndRunsTheOthers() {
        DataSet train = Dl4jObjectiveTest.rawTrain();
        DataSet validation = Dl4jObjectiveTest.rawValidation();
        Dl4jObjective objective = Dl4jObjective.builder()
                .multiLayer(trial -> trial.number() == 1 ? dense(new Adam(1e-3), 2_000_000, 60_000)
                        : dense(new Adam(1e-3), 16))
                .train(trial -> new ViewIterator(train, 100))
                .validation(new ViewIterator(validation, 250))
                .normalizer(new ImagePreProcessingScaler(0, 1))
                .maxEpochs(1)
                .build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).seed(4).build();
        study.optimize(objective, 3);
        List<FrozenTrial> trials = study.trials();
        assertEquals(List.of(TrialState.COMPLETE, TrialState.FAIL, TrialState.COMPLETE),
                trials.stream().map(FrozenTrial::state).toList());
        String reason = String.valueOf(trials.get(1).systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(reason.startsWith("NetworkTooLargeException: trial 1's network needs about ")
                && reason.contains("1.2e+11 parameters with Adam state") && reason.contains("MiB are free"), reason);
    }

    @Test
    void anOutOfMemoryErrorInATrialFailsThatTrialOnlyWithItsNumber() {
        DataSet train = Dl4jObjectiveTest.rawTrain();
        DataSet validation = Dl4jObjectiveTest.rawValidation();
        Dl4jObjective objective = Dl4jObjective.builder()
                .multiLayer(trial -> {
                    if (trial.number() == 0) {
                        throw new OutOfMemoryError("Cannot allocate 14 GB");
                    }
                    return dense(new Adam(1e-3), 16);
                })
                .train(trial -> new ViewIterator(train, 100))
                .validation(new ViewIterator(validation, 250))
                .maxEpochs(1)
                .build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).seed(4).build();
        study.optimize(objective, 2, 2);
        List<FrozenTrial> trials = study.trials();
        assertEquals(List.of(TrialState.FAIL, TrialState.COMPLETE), trials.stream().map(FrozenTrial::state).toList());
        String reason = String.valueOf(trials.get(0).systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(reason.startsWith("TrialOutOfMemoryException: trial 0 ran out of memory (Cannot allocate 14 GB)"),
                reason);
    }
}
