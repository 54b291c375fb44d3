package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

class CsvLoaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text);
    }

    @Test
    void stringLabelsByNameBecomeSortedClasses() throws IOException {
        Path file = csv("a,species,b\n1.0,versicolor,2\n3,setosa,4\n5,virginica,6\n7,setosa,8\n");
        LabeledData data = CsvLoader.builder(file).label("species").build().load();
        assertEquals(4, data.size());
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
        assertArrayEquals(new int[] {1, 0, 2, 0}, data.classIndices());
        assertArrayEquals(new int[] {2}, data.featureShape());
        assertEquals(7.0, data.features().getDouble(3, 0));
        assertEquals(8.0, data.features().getDouble(3, 1));
    }

    @Test
    void regressionByIndexWithoutHeader() throws IOException {
        Path file = csv("1,2,0.5\n3,4,1.5\n5,6,2.5\n");
        LabeledData data = CsvLoader.builder(file).header(false).labelIndex(2).task(Task.REGRESSION).build().load();
        assertEquals(Task.REGRESSION, data.task());
        assertEquals(1, data.numClasses());
        assertEquals(2.5, data.labels().getDouble(2, 0), 1e-6);
        assertEquals(5.0, data.features().getDouble(2, 0));
    }

    @Test
    void missingAndNonNumericValuesNameTheLineAndColumn() throws IOException {
        Path file = csv("x,y,label\n1,2,a\n3,,b\n4,oops,a\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.builder(file).label("label").build().load());
        assertTrue(e.getMessage().contains("2 missing, non-numeric or out-of-range values"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column 'y': missing value"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4, column 'y': 'oops' is not a number"), e.getMessage());
    }

    @Test
    void aValueBeyondFloatRangeIsCalledThatNotANumber() throws IOException {
        Path file = csv("x,y,label\n1,2,a\n1e308,3,b\n-4e39,1,a\n1e-50,2,b\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.builder(file).label("label").build().load());
        assertTrue(e.getMessage().contains("line 3, column 'x': '1e308' is out of float range"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4, column 'x': '-4e39' is out of float range"), e.getMessage());
        assertFalse(e.getMessage().contains("not a number"), e.getMessage());
        Path regression = csv("x,y\n1,2\n2,1e300\n");
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.builder(regression).labelIndex(1).task(Task.REGRESSION).build().load());
        assertTrue(label.getMessage().contains("line 3, column 'y': regression label '1e300' is out of float range"),
                label.getMessage());
    }

    @Test
    void anUnknownLabelColumnListsTheHeader() throws IOException {
        Path file = csv("a,b\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.builder(file).label("species").build().load());
        assertTrue(e.getMessage().startsWith("label column 'species' not found in the header of"), e.getMessage());
        assertTrue(e.getMessage().endsWith("[a, b]"), e.getMessage());
    }

    @Test
    void theStandardizerIsFittedOnTheTrainingSplitOnly() throws IOException {
        StringBuilder text = new StringBuilder("x,label\n");
        for (int i = 0; i < 100; i++) {
            text.append(i).append(',').append(i % 2).append('\n');
        }
        DataSource source = DataSource.csv(csv(text.toString()), "label", Task.CLASSIFICATION).withSplits(0.3, 0);
        Fold fold = DataPreparation.load(source, false, 1).firstFold();
        assertEquals(70, fold.train().size());
        assertTrue(fold.normalizer() instanceof NormalizerStandardize, String.valueOf(fold.normalizer()));
        NormalizerStandardize normalizer = (NormalizerStandardize) fold.normalizer();
        INDArray train = fold.train().features();
        assertEquals(train.meanNumber().doubleValue(), normalizer.getMean().getDouble(0), 1e-4);
        assertEquals(train.std(false, 0).getDouble(0), normalizer.getStd().getDouble(0), 1e-3, "population std of train");

        LabeledData scaledTrain = fold.train().normalized(normalizer);
        assertEquals(0.0, scaledTrain.features().meanNumber().doubleValue(), 1e-5);
        assertEquals(1.0, scaledTrain.features().std(false, 0).getDouble(0), 1e-4);
        double validationMean = fold.validation().normalized(normalizer).features().meanNumber().doubleValue();
        double expected = (fold.validation().features().meanNumber().doubleValue() - normalizer.getMean().getDouble(0))
                / normalizer.getStd().getDouble(0);
        assertEquals(expected, validationMean, 1e-4, "validation scaled with the training statistics");
        assertTrue(train.maxNumber().doubleValue() >= 90, "the fold's values stay raw: " + train.maxNumber());
    }

    @Test
    void skippedLinesComeBeforeTheHeaderAndCountInLineNumbers() throws IOException {
        Path file = csv("# produced by a tool\nx,label\n1,a\n,b\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.builder(file).skipLines(1).label("label").build().load());
        assertTrue(e.getMessage().contains("line 4, column 'x': missing value"), e.getMessage());
        Path good = csv("# produced by a tool\nx,label\n1,a\n2,b\n");
        LabeledData data = CsvLoader.builder(good).skipLines(1).label("label").build().load();
        assertEquals(2, data.size());
        assertEquals(List.of("a", "b"), data.classNames());
    }

    @Test
    void negativeSkipLinesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.builder(dir.resolve("x.csv")).skipLines(-1));
        assertEquals("skipLines >= 0 must hold, but got skipLines=-1", e.getMessage());
    }
}
