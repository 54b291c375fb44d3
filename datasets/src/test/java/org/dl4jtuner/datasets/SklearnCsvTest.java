package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SklearnCsvTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text);
    }

    @Test
    void classificationRowsGetTheClassNamesOfTheFirstLine() throws IOException {
        Path file = file("4,2,setosa,versicolor,virginica\n5.1,3.5,0\n7.0,3.2,1\n6.3,3.3,2\n4.9,3.0,0\n");
        LabeledData data = SklearnCsv.load(file, Task.CLASSIFICATION);
        assertEquals(4, data.size());
        assertArrayEquals(new int[] {2}, data.featureShape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 0}, data.classIndices());
        assertEquals(6.3, data.features().getDouble(2, 0), 1e-6);
    }

    @Test
    void regressionWithAHeaderLineAfterTheCounts() throws IOException {
        Path file = file("3,2,,\n\"A\",\"B\",\"Y\"\n1,2,24\n3,4,21.6\n5,6,34.7\n");
        LabeledData data = SklearnCsv.load(file, Task.REGRESSION);
        assertEquals(3, data.size());
        assertEquals(Task.REGRESSION, data.task());
        assertEquals(21.6, data.labels().getDouble(1, 0), 1e-5);
        assertEquals(5.0, data.features().getDouble(2, 0), 1e-6);
    }

    @Test
    void aMissingFileNamesThePathAndTheDebianPackage() {
        Path missing = dir.resolve("breast_cancer.csv");
        IOException e = assertThrows(IOException.class, () -> SklearnCsv.load(missing, Task.CLASSIFICATION));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install python3-sklearn"), e.getMessage());
    }

    @Test
    void rowsThatDisagreeWithTheCountsAreRefused() throws IOException {
        Path file = file("5,2,a,b\n1,2,0\n3,4,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SklearnCsv.load(file, Task.CLASSIFICATION));
        assertTrue(e.getMessage().contains("announces 5 examples of 2 features"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 2 rows of 3 values"), e.getMessage());
    }

    @Test
    void aClassIndexWithoutANameIsRefused() throws IOException {
        Path file = file("3,1,a,b\n1,0\n2,1\n3,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SklearnCsv.load(file, Task.CLASSIFICATION));
        assertTrue(e.getMessage().contains("class indices [0, 1], but it holds [0, 1, 2]"), e.getMessage());
    }

    @Test
    void aFirstLineWithoutCountsIsRefused() throws IOException {
        Path file = file("x,y,label\n1,2,0\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SklearnCsv.load(file, Task.CLASSIFICATION));
        assertTrue(e.getMessage().contains("examples field is 'x'"), e.getMessage());
    }

    @Test
    void debiansBreastCancerFile() throws IOException {
        assumeTrue(Files.isRegularFile(SklearnCsv.DEBIAN_DIR.resolve("breast_cancer.csv")), "python3-sklearn is not installed");
        LabeledData data = SklearnCsv.debian("breast_cancer.csv", Task.CLASSIFICATION);
        assertEquals(569, data.size());
        assertArrayEquals(new int[] {30}, data.featureShape());
        assertEquals(List.of("malignant", "benign"), data.classNames());
        // the Wisconsin diagnostic data: 212 malignant and 357 benign tumours
        assertEquals(212, Arrays.stream(data.classIndices()).filter(c -> c == 0).count());
    }

    @Test
    void debiansBostonFile() throws IOException {
        assumeTrue(Files.isRegularFile(SklearnCsv.DEBIAN_DIR.resolve("boston_house_prices.csv")),
                "python3-sklearn is not installed");
        LabeledData data = SklearnCsv.debian("boston_house_prices.csv", Task.REGRESSION);
        assertEquals(506, data.size());
        assertArrayEquals(new int[] {13}, data.featureShape());
        assertEquals(24.0, data.labels().getDouble(0, 0), 1e-6);
    }
}
