package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionMnistTest {

    static TrainTest bundled() {
        return DatasetCache.shared().get("test:bundled", FashionMnist::bundledSubset);
    }

    @Test
    void theBundledSubsetHas500TrainingAnd100TestImagesPerClass() {
        TrainTest data = bundled();
        assertEquals(5000, data.train().size());
        assertEquals(1000, data.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, data.train().featureShape());
        assertEquals(FashionMnist.CLASSES, data.train().classNames());
        int[] perClass = new int[10];
        for (int c : data.train().classIndices()) {
            perClass[c]++;
        }
        for (int count : perClass) {
            assertEquals(500, count);
        }
        INDArray f = data.train().features();
        assertTrue(f.minNumber().doubleValue() >= 0 && f.maxNumber().doubleValue() <= 255, "raw pixel values");
        assertEquals(255.0, f.maxNumber().doubleValue(), 1e-6, "some pixel is white");
        assertEquals(0.0, f.minNumber().doubleValue(), 1e-6, "some pixel is black");
        INDArray fractional = f.sub(org.nd4j.linalg.ops.transforms.Transforms.floor(f, true));
        assertEquals(0.0, fractional.maxNumber().doubleValue(), 0, "whole numbers, not scaled");
    }

    @Test
    void theBundledImagesAreRealFashionMnistImages() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.SYSTEM_DIR), "Debian's dataset-fashion-mnist is not installed");
        TrainTest full = FashionMnist.load(null);
        assertEquals(60000, full.train().size());
        assertEquals(10000, full.test().size());
        INDArray firstBundled = bundled().test().features().getRow(0);
        boolean found = false;
        for (int i = 0; i < full.test().size() && !found; i++) {
            found = full.test().features().getRow(i).equals(firstBundled);
        }
        assertTrue(found, "the first bundled test image is one of the official test images");
    }

    @Test
    void aMissingDatasetNamesEveryPlaceItLooked(@TempDir Path empty) {
        IOException e = assertThrows(IOException.class, () -> FashionMnist.loadFrom(null,
                empty.resolve("system"), empty.resolve("cache"), "http://127.0.0.1:9/", FashionMnist.CLASSES));
        assertTrue(e.getMessage().contains("system") && e.getMessage().contains("cache"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:9"), e.getMessage());
    }

    @Test
    void anExplicitFolderWithoutTheFilesIsRefusedThoughAnotherCopyExists(@TempDir Path dir) throws IOException {
        Path system = Files.createDirectories(dir.resolve("system"));
        writeTinyIdx(system);
        Path mine = Files.createDirectories(dir.resolve("mine"));
        IOException e = assertThrows(IOException.class, () -> FashionMnist.loadFrom(mine, system, dir.resolve("cache"),
                "http://127.0.0.1:9/", FashionMnist.CLASSES));
        assertTrue(e.getMessage().contains(mine.toString()) && e.getMessage().contains("train-images-idx3-ubyte"),
                e.getMessage());
        assertFalse(e.getMessage().contains(system.toString()), "the other copy is not looked at: " + e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> FashionMnist.loadFrom(dir.resolve("nowhere"), system,
                dir.resolve("cache"), "http://127.0.0.1:9/", FashionMnist.CLASSES));
        assertTrue(missing.getMessage().contains("nowhere") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
        assertEquals(2, FashionMnist.loadFrom(system, null, dir.resolve("cache"), "http://127.0.0.1:9/",
                FashionMnist.CLASSES).train().size(), "a folder with the files is read");
    }

    private static void writeTinyIdx(Path dir) throws IOException {
        byte[] pixels = new byte[2 * 2 * 3];
        for (String prefix : List.of("train", "t10k")) {
            org.dl4jtuner.datasets.tools.MakeFashionSubset.writeIdx(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803,
                    new int[] {2, 2, 3}, pixels);
            org.dl4jtuner.datasets.tools.MakeFashionSubset.writeIdx(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801,
                    new int[] {2}, new byte[] {3, 9});
        }
    }

    @Test
    void aFolderOfIdxFilesLoads(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[2 * 2 * 3];
        pixels[5] = (byte) 255;
        for (String prefix : List.of("train", "t10k")) {
            org.dl4jtuner.datasets.tools.MakeFashionSubset.writeIdx(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803,
                    new int[] {2, 2, 3}, pixels);
            org.dl4jtuner.datasets.tools.MakeFashionSubset.writeIdx(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801,
                    new int[] {2}, new byte[] {3, 9});
        }
        TrainTest data = FashionMnist.loadFolder(dir, FashionMnist.CLASSES);
        assertArrayEquals(new int[] {1, 2, 3}, data.train().featureShape());
        assertEquals(255.0, data.train().features().getDouble(0, 5), 1e-6);
        assertArrayEquals(new int[] {3, 9}, data.train().classIndices());
    }

    @Test
    void installedIsTheFirstSearchedFolderThatHoldsTheFilesAndReadsNothing() {
        assertEquals(List.of(FashionMnist.SYSTEM_DIR, FashionMnist.cacheDir()), FashionMnist.searchedFolders());
        FashionMnist.installed().ifPresent(dir -> {
            assertTrue(FashionMnist.searchedFolders().contains(dir), dir.toString());
            for (String file : FashionMnist.FILES) {
                assertTrue(Files.isRegularFile(dir.resolve(file + ".gz")) || Files.isRegularFile(dir.resolve(file)),
                        dir + " holds " + file);
            }
        });
    }
}
