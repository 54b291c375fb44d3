package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

class DataPreparationTest {
    @TempDir
    Path dir;

    /** 100 rows: x = the row's number (an id), c = a constant, label alternating a/b. */
    private Path csv() throws IOException {
        StringBuilder text = new StringBuilder("x,c,label\n");
        for (int i = 0; i < 100; i++) {
            text.append(i).append(",3,").append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        return Files.writeString(dir.resolve("data.csv"), text);
    }

    private static Set<Integer> ids(LabeledData d) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            ids.add((int) d.features().getDouble(i, 0));
        }
        return ids;
    }

    @Test
    void theBundledSubsetKeepsItsPublishedTestSetAndRawPixels() throws IOException {
        PreparedData data = DataPreparation.load(DataSource.bundledFashionMnist().withSubset(0.5), false, 3);
        assertEquals(1, data.folds().size());
        Fold fold = data.firstFold();
        assertEquals(2000, fold.train().size());
        assertEquals(500, fold.validation().size());
        assertEquals(1000, data.test().size(), "the published test set, whole");
        assertInstanceOf(ImagePreProcessingScaler.class, fold.normalizer());
        assertSame(fold.normalizer(), data.testNormalizer());
        assertEquals(255.0, fold.train().features().maxNumber().doubleValue(), 1e-6, "values stay raw");
        assertEquals(1.0, fold.train().normalized(fold.normalizer()).features().maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void sequencesReadImagesRowByRow() throws IOException {
        PreparedData data = DataPreparation.load(DataSource.bundledFashionMnist().withSubset(0.1), true, 3);
        assertArrayEquals(new int[] {28, 28}, data.firstFold().train().featureShape());
        assertArrayEquals(new int[] {28, 28}, data.test().featureShape());
        assertInstanceOf(ImagePreProcessingScaler.class, data.firstFold().normalizer());
    }

    @Test
    void csvHoldoutSplitsAsBeforeWithAStandardizerOfTheTrainingSplit() throws IOException {
        DataSource source = DataSource.csv(csv(), "label", Task.CLASSIFICATION).withSplits(0.2, 0.1);
        PreparedData data = DataPreparation.load(source, false, 5);
        Fold fold = data.firstFold();
        assertEquals(70, fold.train().size());
        assertEquals(20, fold.validation().size());
        assertEquals(10, data.test().size());
        Splits old = DataSplitter.split(CsvLoader.builder(source.path()).label("label").build().load(), 0.2, 0.1, 5);
        assertEquals(ids(old.test()), ids(data.test()));
        assertEquals(ids(old.validation()), ids(fold.validation()));
        NormalizerStandardize normalizer = assertInstanceOf(NormalizerStandardize.class, fold.normalizer());
        assertEquals(fold.train().features().getColumn(0).meanNumber().doubleValue(), normalizer.getMean().getDouble(0),
                1e-4);
        LabeledData scaled = data.test().normalized(normalizer);
        for (double v : scaled.features().dup().data().asDouble()) {
            assertTrue(Double.isFinite(v), "the constant column stays finite: " + v);
        }
    }

    @Test
    void kFoldHoldsOutTheSameTestSetAndPartitionsTheRest() throws IOException {
        DataSource holdout = DataSource.csv(csv(), "label", Task.CLASSIFICATION).withSplits(0.2, 0.1);
        PreparedData folds = DataPreparation.load(holdout.withFolds(3), false, 5);
        assertEquals(3, folds.folds().size());
        assertTrue(folds.crossValidation());
        assertEquals(ids(DataPreparation.load(holdout, false, 5).test()), ids(folds.test()), "same test set");
        Set<Integer> validated = new HashSet<>();
        for (Fold fold : folds.folds()) {
            assertEquals(90, fold.train().size() + fold.validation().size());
            assertTrue(java.util.Collections.disjoint(ids(fold.train()), ids(fold.validation())));
            assertTrue(java.util.Collections.disjoint(ids(fold.train()), ids(folds.test())));
            validated.addAll(ids(fold.validation()));
            NormalizerStandardize n = assertInstanceOf(NormalizerStandardize.class, fold.normalizer());
            assertEquals(fold.train().features().getColumn(0).meanNumber().doubleValue(), n.getMean().getDouble(0), 1e-4,
                    "each fold's normalizer is fitted on its own training split");
        }
        assertEquals(90, validated.size(), "every non-test example validates once");
        assertSame(folds.folds().get(0).normalizer(), folds.testNormalizer());

        PreparedData noTest = DataPreparation.load(holdout.withSplits(0.2, 0).withFolds(4), false, 5);
        assertNull(noTest.test());
        assertEquals(25, noTest.firstFold().validation().size());
    }

    @Test
    void regressionCsvIsStandardisedToo() throws IOException {
        Path file = Files.writeString(dir.resolve("r.csv"), "1,10,0.5\n2,20,1.5\n3,30,2.5\n4,40,3.5\n5,50,4.5\n6,60,5.5\n");
        DataSource source = DataSource.csv(file, 2, Task.REGRESSION).withCsvFormat(false, ',').withSplits(0.34, 0);
        Fold fold = DataPreparation.load(source, false, 1).firstFold();
        assertInstanceOf(NormalizerStandardize.class, fold.normalizer());
        assertEquals(Task.REGRESSION, fold.train().task());
    }

    @Test
    void csvSequencesGetAStandardizerPerFeature() throws IOException {
        Path seq = dir.resolve("seq");
        Files.createDirectories(seq.resolve("features"));
        Files.createDirectories(seq.resolve("labels"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(seq.resolve("features").resolve(i + ".csv"), i + ",1\n" + (i + 1) + ",1\n" + (i + 2) + ",1\n");
            Files.writeString(seq.resolve("labels").resolve(i + ".csv"), String.valueOf(i % 2));
        }
        Fold fold = DataPreparation.load(DataSource.csvSequences(seq).withSplits(0.2, 0), false, 2).firstFold();
        assertArrayEquals(new int[] {2, 3}, fold.train().featureShape());
        NormalizerStandardize n = assertInstanceOf(NormalizerStandardize.class, fold.normalizer());
        assertEquals(2, n.getMean().length());
        assertEquals(1.0, n.getStd().getDouble(1), 0, "the constant second feature");
    }

    @Test
    void imageFoldersArePreparedLikeCsvWithTheImageScaler() throws IOException {
        for (String cls : java.util.List.of("dark", "light")) {
            Path classDir = Files.createDirectories(dir.resolve("img").resolve(cls));
            for (int i = 0; i < 10; i++) {
                java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(3, 3,
                        java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                png.getRaster().setSample(1, 1, 0, cls.equals("dark") ? i : 200 + i);
                javax.imageio.ImageIO.write(png, "png", classDir.resolve(i + ".png").toFile());
            }
        }
        DataSource source = DataSource.images(dir.resolve("img"), 3, 3, 1).withSplits(0.2, 0.2);
        PreparedData data = DataPreparation.load(source, false, 1);
        assertEquals(12, data.firstFold().train().size());
        assertEquals(4, data.test().size());
        assertInstanceOf(ImagePreProcessingScaler.class, data.firstFold().normalizer());
        assertArrayEquals(new int[] {3, 3}, DataPreparation.load(source, true, 1).firstFold().train().featureShape());

        DataSource rgb = DataSource.images(dir.resolve("img"), 3, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.load(rgb, true, 1));
        assertEquals("data.channels: row sequences for recurrent networks need grey images, so channels = 1 must hold,"
                + " but got 3", e.getMessage());
    }

    @Test
    void theCacheHandsOutOneCopyPerSourceSequencesAndSeed() throws IOException {
        DataSource source = DataSource.bundledFashionMnist().withSubset(0.1);
        PreparedData first = DataPreparation.prepare(source, false, 9);
        assertSame(first, DataPreparation.prepare(DataSource.bundledFashionMnist().withSubset(0.1), false, 9));
        assertTrue(first != DataPreparation.prepare(source, false, 10));
        assertTrue(first != DataPreparation.prepare(source, true, 9));
    }

    @Test
    void missingFilesAreIoErrorsNamingThem() {
        Path missing = dir.resolve("missing.csv");
        IOException e = assertThrows(IOException.class,
                () -> DataPreparation.prepare(DataSource.csv(missing, "y", Task.CLASSIFICATION), false, 1));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void tooManyFoldsAreRefused() throws IOException {
        DataSource source = DataSource.csv(csv(), "label", Task.CLASSIFICATION).withFolds(101);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataPreparation.load(source, false, 1));
        assertEquals("data.folds: folds <= 100 (the examples left for training and validation) must hold, but got 101",
                e.getMessage());
    }
}
