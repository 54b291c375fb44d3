package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.factory.Nd4j;

class NormalizersTest {
    private static LabeledData tabular(float[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        float[] values = new float[n * d];
        float[] labels = new float[n * 2];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows[r], 0, values, r * d, d);
            labels[r * 2 + r % 2] = 1;
        }
        return new LabeledData(LabeledData.matrix(values, n, d), LabeledData.matrix(labels, n, 2), new int[] {d},
                Task.CLASSIFICATION, List.of("a", "b"));
    }

    @Test
    void aConstantColumnIsCentredNotBlownUp() {
        LabeledData train = tabular(new float[][] {{1, 0.1f}, {2, 0.1f}, {3, 0.1f}, {4, 0.1f}});
        LabeledData validation = tabular(new float[][] {{5, 0.1f}, {6, 7f}});
        NormalizerStandardize normalizer = Normalizers.standardize(train);
        assertEquals(1.0, normalizer.getStd().getDouble(1), 0, "a constant column's std becomes 1");

        INDArray scaledTrain = train.normalized(normalizer).features();
        INDArray scaledValidation = validation.normalized(normalizer).features();
        for (INDArray scaled : List.of(scaledTrain, scaledValidation)) {
            for (double v : scaled.dup().data().asDouble()) {
                assertTrue(Double.isFinite(v), "finite after scaling, but got " + v);
            }
        }
        assertEquals(0.0, scaledTrain.getColumn(1).maxNumber().doubleValue(), 1e-6);
        assertEquals(6.9, scaledValidation.getDouble(1, 1), 1e-5, "centred on the training mean, not divided by 1e-5");
        assertEquals(0.0, scaledTrain.getColumn(0).meanNumber().doubleValue(), 1e-6);
        assertEquals(1.0, scaledTrain.getColumn(0).std(false, 0).getDouble(0), 1e-5);
    }

    @Test
    void withoutConstantColumnsNd4jsFitIsKept() {
        LabeledData train = tabular(new float[][] {{1, 5}, {2, 3}, {3, 9}});
        NormalizerStandardize normalizer = Normalizers.standardize(train);
        assertEquals(2.0, normalizer.getMean().getDouble(0), 1e-6);
        assertEquals(Math.sqrt(2.0 / 3), normalizer.getStd().getDouble(0), 1e-5);
    }

    @Test
    void sequencesAreStandardisedPerFeatureOverAllTimeSteps() {
        int n = 6;
        int features = 2;
        int steps = 5;
        float[] values = new float[n * features * steps];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                values[i * features * steps + t] = 100 + i * steps + t;
                values[i * features * steps + steps + t] = -3;
            }
        }
        float[] labels = new float[n * 2];
        for (int i = 0; i < n; i++) {
            labels[i * 2 + i % 2] = 1;
        }
        LabeledData seq = new LabeledData(LabeledData.matrix(values, n, features * steps), LabeledData.matrix(labels, n, 2),
                new int[] {features, steps}, Task.CLASSIFICATION, List.of("a", "b"));
        NormalizerStandardize normalizer = Normalizers.standardize(seq);
        assertEquals(features, normalizer.getMean().length(), "one mean per feature, not per feature and step");
        assertEquals(100 + (n * steps - 1) / 2.0, normalizer.getMean().getDouble(0), 1e-4);
        assertEquals(-3.0, normalizer.getMean().getDouble(1), 1e-6);
        assertEquals(1.0, normalizer.getStd().getDouble(1), 0, "constant feature");

        DataSet batch = seq.toDataSet().copy();
        normalizer.preProcess(batch);
        INDArray scaled = batch.getFeatures();
        assertArrayEquals(new long[] {n, features, steps}, scaled.shape());
        INDArray first = scaled.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals(0.0, first.meanNumber().doubleValue(), 1e-4);
        assertEquals(1.0, first.dup().reshape(n * steps).std(false, 0).getDouble(0), 1e-4);
        assertEquals(seq.normalized(normalizer).features().getDouble(2, 3), scaled.getDouble(2, 0, 3), 1e-6,
                "normalized() keeps the flattened layout");
    }

    @Test
    void theImageScalerMapsRawPixelsToTheUnitRange() {
        LabeledData images = FashionMnistTest.bundled().test();
        DataNormalization scaler = Normalizers.pixelsToUnitRange();
        INDArray scaled = images.normalized(scaler).features();
        assertEquals(1.0, scaled.maxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, scaled.minNumber().doubleValue(), 1e-6);
        assertEquals(images.features().getDouble(3, 400) / 255, scaled.getDouble(3, 400), 1e-6);
        assertEquals(255.0, images.features().maxNumber().doubleValue(), 1e-6, "the data itself stays raw");
    }

    @Test
    void aStandardizerWithAConstantColumnSurvivesNd4jsSerializer() throws Exception {
        LabeledData train = tabular(new float[][] {{1, 4}, {2, 4}, {6, 4}});
        NormalizerStandardize normalizer = Normalizers.standardize(train);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NormalizerSerializer.getDefault().write(normalizer, bytes);
        NormalizerStandardize restored = NormalizerSerializer.getDefault().restore(new ByteArrayInputStream(bytes.toByteArray()));
        INDArray raw = Nd4j.create(new float[] {3, 9}, new long[] {1, 2});
        INDArray a = raw.dup();
        INDArray b = raw.dup();
        normalizer.transform(a);
        restored.transform(b);
        assertEquals(a, b);
        assertEquals(5.0, b.getDouble(0, 1), 1e-5);
    }
}
