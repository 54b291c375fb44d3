package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DataSourceTest {
    private static String refused(Runnable make) {
        return assertThrows(IllegalArgumentException.class, make::run).getMessage();
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        assertEquals("data.type: 'foo' is not one of fashion-mnist, mnist, idx, csv, csv-sequences, images",
                refused(() -> new DataSource("foo", Path.of("x"), null, null, null, 0.2, 0, 1, true, ',', 0, 0, 0, 1)));
    }

    @Test
    void fieldsAreCheckedWithTheRuleAndTheValue() {
        DataSource csv = DataSource.csv(Path.of("d.csv"), "y", Task.CLASSIFICATION);
        assertEquals("data.validation: 0 < validation < 1 must hold, but got 1.0", refused(() -> csv.withSplits(1, 0)));
        assertEquals("data.test: validation + test < 1 must hold, but got 0.5 + 0.5", refused(() -> csv.withSplits(0.5, 0.5)));
        assertEquals("data.subset: 0 < subset <= 1 must hold, but got 0.0", refused(() -> csv.withSubset(0)));
        assertEquals("data.folds: 1 <= folds must hold (1 is one holdout split), but got 0", refused(() -> csv.withFolds(0)));
        assertEquals("data.test: fashion-mnist has a published test set, so test = 0 must hold, but got 0.1",
                refused(() -> DataSource.bundledFashionMnist().withSplits(0.2, 0.1)));
        assertEquals("data.channels: channels = 1 (grey) or 3 (RGB) must hold, but got 4",
                refused(() -> DataSource.images(Path.of("img"), 28, 28, 4)));
        assertTrue(refused(() -> DataSource.images(Path.of("img"), 0, 28, 1)).startsWith("data.height: "));
        assertTrue(refused(() -> DataSource.csvSequences(null)).startsWith("data.path: is required"));
        assertTrue(refused(() -> DataSource.idx("mnist", Path.of(DataSource.BUNDLED))).contains("fashion-mnist only"));
        assertTrue(refused(() -> new DataSource("csv", Path.of("d.csv"), null, null, Task.REGRESSION, 0.2, 0, 1, true, ',',
                0, 0, 0, 1)).startsWith("data.label: "));
        assertTrue(refused(() -> new DataSource("images", Path.of("img"), null, null, Task.REGRESSION, 0.2, 0, 1, true,
                ',', 28, 28, 1, 1)).startsWith("data.task: regression needs tabular data"));
    }

    @Test
    void kFoldIgnoresTheValidationFraction() {
        DataSource source = DataSource.csv(Path.of("d.csv"), 0, Task.CLASSIFICATION).withFolds(5).withSplits(0.9, 0.5);
        assertTrue(source.crossValidation());
        assertEquals("data.test: validation + test < 1 must hold, but got 0.9 + 0.5", refused(() -> source.withFolds(1)));
        assertFalse(source.withSplits(0.2, 0.5).withFolds(1).crossValidation());
    }

    @Test
    void imagesAndIdxTypesAreImageData() {
        assertTrue(DataSource.bundledFashionMnist().imageData());
        assertTrue(DataSource.bundledFashionMnist().bundled());
        assertTrue(DataSource.images(Path.of("img"), 8, 8, 3).imageData());
        assertFalse(DataSource.csvSequences(Path.of("s")).imageData());
    }
}
