package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.dl4jtuner.datasets.Task;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

class NetworkFactoryTest {

    private static HyperParameters hp(List<Integer> units, List<Integer> filters, double dropout, String updater) {
        return new HyperParameters(1e-3, 32, units, filters, 3, dropout, updater, 1e-4, "relu");
    }

    @Test
    void anMlpHasOneDenseLayerPerEntryAndASoftmaxOutput() {
        MultiLayerNetwork net = NetworkFactory.build(Family.MLP, hp(List.of(64, 32), List.of(), 0.25, "nesterovs"),
                new int[] {784}, 10, Task.CLASSIFICATION, 7);
        assertEquals(3, net.getnLayers());
        DenseLayer first = (DenseLayer) net.getLayer(0).conf().getLayer();
        assertEquals(784, first.getNIn());
        assertEquals(64, first.getNOut());
        assertEquals(0.75, ((Dropout) first.getIDropout()).getP(), 1e-12, "DL4J keeps 1 - dropout of the units");
        assertTrue(((BaseLayer) first).getIUpdater() instanceof Nesterovs);
        INDArray out = net.output(Nd4j.rand(5, 784));
        assertArrayEquals(new long[] {5, 10}, out.shape());
        assertEquals(5.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to one");
    }

    @Test
    void aCnnStacksConvolutionAndPoolingBlocks() {
        MultiLayerNetwork net = NetworkFactory.build(Family.CNN, hp(List.of(32), List.of(8, 16), 0, "adam"),
                new int[] {1, 28, 28}, 10, Task.CLASSIFICATION, 7);
        assertEquals(2 * 2 + 1 + 1, net.getnLayers());
        assertEquals(16, ((ConvolutionLayer) net.getLayer(2).conf().getLayer()).getNOut());
        assertArrayEquals(new long[] {3, 10}, net.output(Nd4j.rand(3, 784)).shape());
    }

    @Test
    void aCnnTooDeepForItsImagesIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFactory.build(Family.CNN,
                hp(List.of(32), List.of(8, 8, 8, 8, 8), 0, "adam"), new int[] {1, 28, 28}, 10, Task.CLASSIFICATION, 7));
        assertEquals("a 28x28 image allows at most 4 convolution blocks, but got layers=5", e.getMessage());
    }

    @Test
    void anLstmReadsSequencesAndAnswersPerSequence() {
        MultiLayerNetwork net = NetworkFactory.build(Family.LSTM, hp(List.of(16, 8), List.of(), 0.1, "rmsprop"),
                new int[] {28, 28}, 10, Task.CLASSIFICATION, 7);
        assertArrayEquals(new long[] {4, 10}, net.output(Nd4j.rand(new int[] {4, 28, 28})).shape());
    }

    @Test
    void regressionEndsInALinearOutput() {
        MultiLayerNetwork net = NetworkFactory.build(Family.MLP, hp(List.of(8), List.of(), 0, "sgd"),
                new int[] {5}, 1, Task.REGRESSION, 3);
        INDArray out = net.output(Nd4j.rand(6, 5).muli(100));
        assertArrayEquals(new long[] {6, 1}, out.shape());
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        HyperParameters h = hp(List.of(16), List.of(), 0, "adam");
        INDArray a = NetworkFactory.build(Family.MLP, h, new int[] {10}, 3, Task.CLASSIFICATION, 5).params();
        INDArray b = NetworkFactory.build(Family.MLP, h, new int[] {10}, 3, Task.CLASSIFICATION, 5).params();
        INDArray c = NetworkFactory.build(Family.MLP, h, new int[] {10}, 3, Task.CLASSIFICATION, 6).params();
        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }

    @Test
    void unknownUpdatersAndActivationsNameTheValidOnes() {
        assertEquals("updater must be one of [adam, adam-hd, nesterovs, rmsprop, sgd], but got 'adagrad'",
                assertThrows(IllegalArgumentException.class, () -> NetworkFactory.updater("adagrad", 0.1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkFactory.activation("softplus"))
                .getMessage().endsWith("but got 'softplus'"));
    }
}
