package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Task;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

class TribuoDataTest {
    private static LabeledData classification() {
        float[][] x = {{1, 0}, {2, 5}, {3, 0}, {4, 7}};
        float[][] y = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};
        return new LabeledData(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT),
                new int[] {2}, Task.CLASSIFICATION, List.of("malignant", "benign"));
    }

    @Test
    void classesBecomeLabelsAndEveryValueIsKeptZerosIncluded() {
        MutableDataset<Label> dataset = TribuoData.classification(classification());
        assertEquals(4, dataset.size());
        Example<Label> second = dataset.getExample(1);
        assertEquals("benign", second.getOutput().getLabel());
        assertEquals(2, second.size());
        assertEquals(5.0, second.lookup("x01").getValue());
        assertEquals(0.0, dataset.getExample(0).lookup("x01").getValue());
        assertEquals("malignant", dataset.getExample(2).getOutput().getLabel());
    }

    @Test
    void regressionTargetsAreKept() {
        float[][] x = {{1}, {2}, {3}};
        float[][] y = {{24}, {21.6f}, {34.7f}};
        LabeledData data = new LabeledData(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT),
                new int[] {1}, Task.REGRESSION, List.of());
        MutableDataset<Regressor> dataset = TribuoData.regression(data);
        assertEquals(21.6, dataset.getExample(1).getOutput().getValues()[0], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> TribuoData.classification(data));
    }

    @Test
    void everyFoldIsConverted() {
        List<TribuoData.Fold<Label>> folds = TribuoData.folds(DataSplitter.kFold(classification(), 2, 1),
                TribuoData::classification);
        assertEquals(2, folds.size());
        for (TribuoData.Fold<Label> fold : folds) {
            assertEquals(2, fold.train().size());
            assertEquals(2, fold.validation().size());
        }
    }
}
