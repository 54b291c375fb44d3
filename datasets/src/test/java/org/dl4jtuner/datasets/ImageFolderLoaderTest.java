package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {
    private static final List<String> CLASSES = List.of("bag", "sneaker", "trouser");
    private static final int[] LABELS = {8, 7, 1};
    private static final int PER_CLASS = 20;

    @TempDir
    Path dir;

    /** Writes the first 20 bundled test images of three classes as grey PNGs; returns their rows per class. */
    private int[][] writeFashionPngs() throws IOException {
        LabeledData source = FashionMnistTest.bundled().test();
        int[] classOf = source.classIndices();
        int[][] rows = new int[CLASSES.size()][PER_CLASS];
        for (int c = 0; c < CLASSES.size(); c++) {
            Path classDir = Files.createDirectories(dir.resolve(CLASSES.get(c)));
            int taken = 0;
            for (int i = 0; i < source.size() && taken < PER_CLASS; i++) {
                if (classOf[i] != LABELS[c]) {
                    continue;
                }
                BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        png.getRaster().setSample(x, y, 0, (int) source.features().getDouble(i, y * 28 + x));
                    }
                }
                assertTrue(ImageIO.write(png, "png", classDir.resolve(String.format("img%02d.png", taken)).toFile()));
                rows[c][taken++] = i;
            }
        }
        return rows;
    }

    @Test
    void realPngsFromFashionMnistLoadWithTheirExactPixelsAndLabels() throws IOException {
        int[][] rows = writeFashionPngs();
        Files.writeString(dir.resolve("bag").resolve("notes.txt"), "not an image, skipped");
        LabeledData loaded = ImageFolderLoader.load(dir, 28, 28, 1);
        assertEquals(CLASSES.size() * PER_CLASS, loaded.size());
        assertEquals(CLASSES, loaded.classNames());
        assertArrayEquals(new int[] {1, 28, 28}, loaded.featureShape());
        LabeledData source = FashionMnistTest.bundled().test();
        int[] classOf = loaded.classIndices();
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int k = 0; k < PER_CLASS; k++) {
                int n = c * PER_CLASS + k;
                assertEquals(c, classOf[n]);
                assertEquals(source.features().getRow(rows[c][k]), loaded.features().getRow(n),
                        "image " + k + " of " + CLASSES.get(c) + " has the IDX pixels");
            }
        }
    }

    @Test
    void rgbImagesAreStoredChannelsFirstAndResized() throws IOException {
        for (String cls : List.of("blue", "red")) {
            Files.createDirectories(dir.resolve(cls));
        }
        BufferedImage rgb = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                rgb.setRGB(x, y, (10 * x) << 16 | (100 + y) << 8 | 200);
            }
        }
        ImageIO.write(rgb, "png", dir.resolve("red").resolve("a.png").toFile());
        ImageIO.write(rgb, "png", dir.resolve("blue").resolve("b.PNG").toFile());
        LabeledData same = ImageFolderLoader.load(dir, 2, 4, 3);
        assertArrayEquals(new int[] {3, 2, 4}, same.featureShape());
        assertEquals(30.0, same.features().getDouble(0, 0 * 8 + 0 * 4 + 3), 0, "red of (y=0, x=3)");
        assertEquals(101.0, same.features().getDouble(0, 1 * 8 + 1 * 4 + 2), 0, "green of (y=1, x=2)");
        assertEquals(200.0, same.features().getDouble(0, 2 * 8 + 0 * 4 + 1), 0, "blue of (y=0, x=1)");

        LabeledData small = ImageFolderLoader.load(dir, 1, 2, 3);
        assertArrayEquals(new int[] {3, 1, 2}, small.featureShape());
        assertEquals(5.0, small.features().getDouble(0, 0), 1e-4, "red averaged over x = 0, 1");
        assertEquals(100.5, small.features().getDouble(0, 2), 1e-4, "green averaged over both rows");

        LabeledData grey = ImageFolderLoader.load(dir, 2, 4, 1);
        assertEquals(0.299 * 30 + 0.587 * 100 + 0.114 * 200, grey.features().getDouble(0, 3), 1e-3);
    }

    @Test
    void aMissingFolderIsAnIoErrorNamingIt() {
        IOException e = assertThrows(IOException.class, () -> ImageFolderLoader.load(dir.resolve("nope"), 28, 28, 1));
        assertTrue(e.getMessage().startsWith("data.path: image folder ") && e.getMessage().contains("nope")
                && e.getMessage().endsWith("does not exist"), e.getMessage());
    }

    @Test
    void aFolderWithoutImagesInClassSubfoldersIsRefused() throws IOException {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderLoader.load(dir, 28, 28, 1));
        assertTrue(empty.getMessage().startsWith("data.path: " + dir + " holds no images in class subfolders"),
                empty.getMessage());
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("loose.png"), "a file outside any class folder");
        IllegalArgumentException noImages = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderLoader.load(dir, 28, 28, 1));
        assertTrue(noImages.getMessage().contains("holds no images in class subfolders"), noImages.getMessage());
    }

    @Test
    void aClassWithoutImagesIsNamed() throws IOException {
        writeFashionPngs();
        Files.createDirectories(dir.resolve("dress"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderLoader.load(dir, 28, 28, 1));
        assertTrue(e.getMessage().startsWith("data.path: class folder " + dir.resolve("dress") + " holds no images"),
                e.getMessage());
    }

    @Test
    void oneClassIsTooFew() throws IOException {
        writeFashionPngs();
        for (String cls : List.of("sneaker", "trouser")) {
            try (var files = Files.list(dir.resolve(cls))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir.resolve(cls));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderLoader.load(dir, 28, 28, 1));
        assertTrue(e.getMessage().contains("at least 2 class subfolders") && e.getMessage().contains("[bag]"),
                e.getMessage());
    }

    @Test
    void aCorruptImageIsNamedByItsPath() throws IOException {
        writeFashionPngs();
        Path bad = dir.resolve("sneaker").resolve("x.png");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        IOException e = assertThrows(IOException.class, () -> ImageFolderLoader.load(dir, 28, 28, 1));
        assertTrue(e.getMessage().startsWith("data.path: cannot read image " + bad + ": "), e.getMessage());

        byte[] real = Files.readAllBytes(dir.resolve("bag").resolve("img00.png"));
        Files.write(bad, java.util.Arrays.copyOf(real, real.length / 2));
        IOException truncated = assertThrows(IOException.class, () -> ImageFolderLoader.load(dir, 28, 28, 1));
        assertTrue(truncated.getMessage().startsWith("data.path: cannot read image " + bad + ": "),
                truncated.getMessage());
    }

    @Test
    void impossibleSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderLoader.load(dir, 28, 28, 2));
        assertEquals("data.channels: channels = 1 (grey) or 3 (RGB) must hold, but got 2", e.getMessage());
    }
}
