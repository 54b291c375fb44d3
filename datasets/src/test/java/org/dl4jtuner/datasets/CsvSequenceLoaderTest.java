package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class CsvSequenceLoaderTest {
    @TempDir
    Path dir;

    private void sequence(int index, String rows, String label) throws IOException {
        Files.createDirectories(dir.resolve("features"));
        Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("features").resolve(index + ".csv"), rows);
        Files.writeString(dir.resolve("labels").resolve(index + ".csv"), label + "\n");
    }

    @Test
    void sequencesLoadAsFeaturesByTimeSteps() throws IOException {
        sequence(0, "1,10\n2,20\n3,30\n", "up");
        sequence(1, "3,30\n2,20\n1,10\n", "down");
        for (int i = 2; i <= 10; i++) {
            sequence(i, "0,0\n0,0\n" + i + "," + i + "\n", i % 2 == 0 ? "up" : "down");
        }
        LabeledData data = CsvSequenceLoader.load(dir);
        assertEquals(11, data.size());
        assertArrayEquals(new int[] {2, 3}, data.featureShape(), "2 features, 3 time steps");
        assertEquals(List.of("down", "up"), data.classNames());
        DataSet first = data.subset(new int[] {0}).toDataSet();
        assertEquals(20.0, first.getFeatures().getDouble(0, 1, 1), "feature 2 at step 2 of 0.csv");
        assertEquals(10.0, data.features().getDouble(10, 0 * 3 + 2), "10.csv comes after 9.csv");
        assertEquals(1, data.classIndices()[0]);
    }

    @Test
    void unequalLengthsNameTheFile() throws IOException {
        sequence(0, "1\n2\n3\n", "a");
        sequence(1, "1\n2\n", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvSequenceLoader.load(dir));
        assertTrue(e.getMessage().contains("1.csv has 2 time steps"), e.getMessage());
    }

    @Test
    void aMissingLabelFileIsReported() throws IOException {
        sequence(0, "1\n", "a");
        Files.writeString(dir.resolve("features").resolve("1.csv"), "2\n");
        IOException e = assertThrows(IOException.class, () -> CsvSequenceLoader.load(dir));
        assertTrue(e.getMessage().contains("has no label file"), e.getMessage());
    }
}
