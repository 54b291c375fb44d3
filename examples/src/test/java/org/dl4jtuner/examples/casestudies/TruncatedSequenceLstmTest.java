package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.DataShape;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TruncatedSequenceLstmTest {
    private static final DataShape ROWS = new DataShape(new int[] {28, 28}, 10, Task.CLASSIFICATION);

    private static Trial trial() {
        return Study.builder().name("truncated-lstm-test").seed(7).build().ask();
    }

    private static MultiLayerNetwork network(int maxLength) {
        return (MultiLayerNetwork) new TruncatedSequenceLstm()
                .configure(trial(), Map.of("learning_rate", 1e-3, "max_length", maxLength), ROWS).newNetwork();
    }

    @Test
    void theLstmSeesTheFirstMaxLengthStepsOnly() {
        INDArray rows = Nd4j.rand(DataType.FLOAT, 3, 28, 28);   // [examples, pixels per row, rows]
        List<INDArray> activations = network(10).feedForward(rows, false);
        INDArray cropped = activations.get(1);
        assertArrayEquals(new long[] {3, 28, 10}, cropped.shape());
        assertEquals(rows.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 10)), cropped);
        assertArrayEquals(new long[] {3, 10}, activations.get(activations.size() - 1).shape());
    }

    @Test
    void stepsPastMaxLengthDoNotChangeTheOutput() {
        MultiLayerNetwork net = network(10);
        INDArray rows = Nd4j.rand(DataType.FLOAT, 2, 28, 28);
        INDArray changedTail = rows.dup();
        changedTail.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(10, 28)).assign(5.0);
        assertEquals(net.output(rows), net.output(changedTail));
        INDArray changedHead = rows.dup();
        changedHead.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(9)).assign(5.0);
        assertTrue(!net.output(rows).equalsWithEps(net.output(changedHead), 1e-6));
    }

    @Test
    void theWholeSequenceIsAllowedAndALongerOneIsRefusedNamingTheRule() {
        assertArrayEquals(new long[] {1, 10}, network(28).output(Nd4j.rand(DataType.FLOAT, 1, 28, 28)).shape());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> network(29));
        assertEquals("max_length: 1 <= max_length <= 28 (the sequences' length) must hold, but got 29",
                tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> network(0));
    }

    @Test
    void imagesAreRefusedWithTheirShape() {
        DataShape images = new DataShape(new int[] {1, 28, 28}, 10, Task.CLASSIFICATION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TruncatedSequenceLstm()
                .configure(trial(), Map.of("learning_rate", 1e-3, "max_length", 5), images));
        assertTrue(e.getMessage().contains("[1, 28, 28]"), e.getMessage());
    }

    @Test
    void theBaselineIsTheDefaultRateOnTheWholeSequenceAndTheSearchReachesIt() {
        Trial trial = trial();
        assertEquals(1e-3, LstmInputLengthHyperband.defaults(28).get("learning_rate").suggest(trial, "learning_rate"));
        assertEquals(28, LstmInputLengthHyperband.defaults(28).get("max_length").suggest(trial, "max_length"));
        Study study = Study.builder().name("truncated-lstm-space").seed(7).build();
        for (int i = 0; i < 20; i++) {
            Trial t = study.ask();
            int length = ((Number) LstmInputLengthHyperband.searched(28).get("max_length").suggest(t, "max_length"))
                    .intValue();
            assertTrue(length >= 4 && length <= 28, "max_length " + length);
        }
    }
}
