package org.dl4jtuner.models.updater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class AdamHdTest {

    /** A small classifier on fixed random data: 3 dense layers, so the updater block spans 6 parameter arrays. */
    static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(16).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Ten mini-batches of 16 examples, the same on every call. */
    static List<DataSet> batches() {
        Nd4j.getRandom().setSeed(7);
        List<DataSet> batches = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 16, 6);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 3);
            for (int r = 0; r < 16; r++) {
                // a learnable rule: the class is the index of the largest of the first three features
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    best = x.getFloat(r, c) > x.getFloat(r, best) ? c : best;
                }
                labels.putScalar(r, best, 1f);
            }
            batches.add(new DataSet(x, labels));
        }
        return batches;
    }

    static void fit(MultiLayerNetwork net, List<DataSet> batches, int passes) {
        for (int p = 0; p < passes; p++) {
            for (DataSet b : batches) {
                net.fit(b);
            }
        }
    }

    @Test
    void withBetaZeroTheParametersAreAdamsBitForBit() {
        List<DataSet> batches = batches();
        MultiLayerNetwork adam = network(new Adam(3e-3));
        MultiLayerNetwork hd = network(new AdamHd(3e-3, 0));
        assertArrayEquals(adam.params().toFloatVector(), hd.params().toFloatVector(), "same seed, same start");
        fit(adam, batches, 5);
        fit(hd, batches, 5);
        float[] before = network(new Adam(3e-3)).params().toFloatVector();
        assertFalse(java.util.Arrays.equals(before, adam.params().toFloatVector()), "training moved the weights");
        assertArrayEquals(adam.params().toFloatVector(), hd.params().toFloatVector());
        assertEquals(List.of((double) (float) 3e-3), AdaptedLearningRates.of(hd), "beta = 0 keeps the rate");
    }

    @Test
    void withBetaAboveZeroTheTrainedRateDiffersFromAdamsAndItsWeightsToo() {
        List<DataSet> batches = batches();
        MultiLayerNetwork adam = network(new Adam(3e-3));
        MultiLayerNetwork hd = network(new AdamHd(3e-3, 1e-3));
        fit(adam, batches, 5);
        fit(hd, batches, 5);
        List<Double> rates = AdaptedLearningRates.of(hd);
        assertEquals(1, rates.size(), "one configuration for every layer: one block, one global rate");
        assertNotEquals(3e-3, rates.get(0), 1e-6);
        assertFalse(java.util.Arrays.equals(adam.params().toFloatVector(), hd.params().toFloatVector()));
    }

    @Test
    void aComputationGraphAdaptsItsRateToo() {
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
                .updater(new AdamHd(3e-3, 1e-3)).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        org.deeplearning4j.nn.graph.ComputationGraph graph = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
        graph.init();
        for (DataSet b : batches()) {
            graph.fit(b);
        }
        List<Double> rates = AdaptedLearningRates.of(graph);
        assertEquals(1, rates.size());
        assertNotEquals(3e-3, rates.get(0), 1e-6);
    }

    /** Gradient descent on f(x) = |x|^2 / 2 (gradient x), driving the updater directly. */
    private static double[] quadratic(double alpha0, double beta, double[] x0, int steps) {
        AdamHd config = new AdamHd(alpha0, beta);
        INDArray x = Nd4j.createFromArray(x0).castTo(DataType.FLOAT);
        INDArray state = Nd4j.zeros(DataType.FLOAT, config.stateSize(x.length()));
        GradientUpdater<?> updater = config.instantiate(state, true);
        double[] rates = new double[steps + 1];
        rates[0] = ((AdamHdUpdater) updater).learningRate();
        for (int t = 0; t < steps; t++) {
            INDArray g = x.dup();
            updater.applyUpdater(g, t, 0);
            x.subi(g);
            rates[t + 1] = ((AdamHdUpdater) updater).learningRate();
        }
        return rates;
    }

    @Test
    void aTooSmallRateGrowsByBetaTimesTheGradientAlongTheLastStep() {
        // step 1: u_1 = mhat / (sqrt(vhat) + eps) = (1, 1) up to eps, so x_1 = (1, 2) - 0.01 (1, 1) = (0.99, 1.99);
        // step 2: h = g_2 . u_1 = 0.99 + 1.99 = 2.98, alpha_2 = 0.01 + 0.001 * 2.98 = 0.01298
        double[] rates = quadratic(0.01, 0.001, new double[] {1, 2}, 30);
        assertEquals(0.01, rates[1], 1e-9, "the first step has no previous direction: the rate stays");
        assertEquals(0.01298, rates[2], 1e-7);
        for (int t = 2; t <= 30; t++) {
            assertTrue(rates[t] > rates[t - 1], "far from the minimum every step says 'go further': step " + t);
        }
    }

    @Test
    void anOvershootingRateShrinks() {
        // alpha = 5 jumps from (1, 2) to (-4, -3): h = -4 - 3 = -7, alpha_2 = 5 - 0.001 * 7 = 4.993
        double[] rates = quadratic(5, 0.001, new double[] {1, 2}, 2);
        assertEquals(4.993, rates[2], 1e-6);
    }

    @Test
    void aRateDrivenBelowZeroStopsAtTheFloor() {
        double[] rates = quadratic(5, 10, new double[] {1, 2}, 2);
        assertEquals(AdamHdUpdater.MIN_LEARNING_RATE, rates[2], 1e-15);
    }

    @Test
    void badSettingsAreRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdamHd(1e-3, -1));
        assertEquals("hypergradient_lr >= 0 must hold, but got hypergradient_lr=-1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamHd(0, 1e-7));
        assertEquals("learning_rate > 0 must hold, but got learning_rate=0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamHd(1e-3, 1e-7).setLrAndSchedule(1e-3,
                new org.nd4j.linalg.schedule.ExponentialSchedule(org.nd4j.linalg.schedule.ScheduleType.EPOCH, 1e-3, 0.9)));
        assertTrue(e.getMessage().startsWith("Adam-HD adapts its own learning rate and takes no schedule"), e.getMessage());
    }
}
