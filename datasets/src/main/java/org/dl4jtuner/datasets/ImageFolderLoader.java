package org.dl4jtuner.datasets;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * Reads a folder of labelled images: one subfolder per class (the classes are the subfolder names
 * in sorted order), holding PNG or JPEG files, read with the JDK's {@link ImageIO}. Every image is
 * resized (bilinearly, pixel centres aligned) to {@code height x width} if its size differs, and
 * stored with RAW values 0..255 channels-first, so the example shape is
 * {channels, height, width} and row index {@code c * height * width + y * width + x}, the layout
 * of {@link FashionMnist} and of DL4J's {@code InputType.convolutionalFlat(height, width, channels)}.
 * With 1 channel, colour images become grey as ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B);
 * with 3, grey images repeat their value in R, G and B. Alpha is ignored. Files with other
 * extensions and hidden entries are skipped; files and classes are taken in name order.
 *
 * <pre>{@code
 * LabeledData photos = ImageFolderLoader.load(Path.of("photos"), 32, 32, 3);
 * }</pre>
 */
public final class ImageFolderLoader {
    /** File extensions read, in lower case. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");

    private ImageFolderLoader() {
    }

    /**
     * Loads every image of every class subfolder of {@code dir}.
     *
     * @throws IOException              if the folder is missing or an image cannot be read (named by its path)
     * @throws IllegalArgumentException if the folder holds no class subfolders, a class holds no
     *                                  images, or there are fewer than 2 classes
     */
    public static LabeledData load(Path dir, int height, int width, int channels) throws IOException {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("data.height: height >= 1 and width >= 1 must hold, but got height="
                    + height + ", width=" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("data.channels: channels = 1 (grey) or 3 (RGB) must hold, but got "
                    + channels);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("data.path: image folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        List<Path> classDirs = list(dir, true);
        List<List<Path>> files = new ArrayList<>();
        int total = 0;
        for (Path classDir : classDirs) {
            List<Path> images = list(classDir, false);
            files.add(images);
            total += images.size();
        }
        if (total == 0) {
            throw new IllegalArgumentException("data.path: " + dir + " holds no images in class subfolders (one subfolder"
                    + " per class, holding ." + String.join(", .", EXTENSIONS) + " files)");
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            classes.add(classDirs.get(c).getFileName().toString());
            if (files.get(c).isEmpty()) {
                throw new IllegalArgumentException("data.path: class folder " + classDirs.get(c) + " holds no images (."
                        + String.join(", .", EXTENSIONS) + ")");
            }
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("data.path: classification needs at least 2 class subfolders, but " + dir
                    + " has " + classes.size() + ": " + classes);
        }
        int size = channels * height * width;
        float[] features = new float[total * size];
        float[] oneHot = new float[total * classes.size()];
        int n = 0;
        for (int c = 0; c < classes.size(); c++) {
            for (Path file : files.get(c)) {
                float[] pixels = pixels(read(file), height, width, channels);
                System.arraycopy(pixels, 0, features, n * size, size);
                oneHot[n * classes.size() + c] = 1f;
                n++;
            }
        }
        return new LabeledData(LabeledData.matrix(features, total, size), LabeledData.matrix(oneHot, total, classes.size()),
                new int[] {channels, height, width}, Task.CLASSIFICATION, classes);
    }

    private static List<Path> list(Path dir, boolean folders) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> folders ? Files.isDirectory(p) : Files.isRegularFile(p) && isImage(p))
                    .sorted().toList();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("data.path: cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException("data.path: cannot read image " + file + ": not a PNG or JPEG image ImageIO can decode");
        }
        return image;
    }

    /** The image's values 0..255, channels-first, resized to height x width. */
    static float[] pixels(BufferedImage image, int height, int width, int channels) {
        int h0 = image.getHeight();
        int w0 = image.getWidth();
        float[][] planes = new float[channels][h0 * w0];
        ColorModel model = image.getColorModel();
        boolean grey = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel);
        if (grey) {
            Raster raster = image.getRaster();
            int bits = model.getComponentSize(0);
            float scale = bits == 8 ? 1f : 255f / ((1 << bits) - 1);
            for (int y = 0; y < h0; y++) {
                for (int x = 0; x < w0; x++) {
                    float g = raster.getSample(x, y, 0) * scale;
                    for (float[] plane : planes) {
                        plane[y * w0 + x] = g;
                    }
                }
            }
        } else {
            for (int y = 0; y < h0; y++) {
                for (int x = 0; x < w0; x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (channels == 1) {
                        planes[0][y * w0 + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                    } else {
                        planes[0][y * w0 + x] = r;
                        planes[1][y * w0 + x] = g;
                        planes[2][y * w0 + x] = b;
                    }
                }
            }
        }
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            float[] plane = h0 == height && w0 == width ? planes[c] : resize(planes[c], h0, w0, height, width);
            System.arraycopy(plane, 0, out, c * height * width, height * width);
        }
        return out;
    }

    /** Bilinear resizing with pixel centres aligned (as OpenCV's INTER_LINEAR). */
    static float[] resize(float[] src, int h0, int w0, int height, int width) {
        float[] out = new float[height * width];
        for (int y = 0; y < height; y++) {
            double sy = Math.min(Math.max((y + 0.5) * h0 / height - 0.5, 0), h0 - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, h0 - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.min(Math.max((x + 0.5) * w0 / width - 0.5, 0), w0 - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, w0 - 1);
                double fx = sx - x0;
                double top = src[y0 * w0 + x0] * (1 - fx) + src[y0 * w0 + x1] * fx;
                double bottom = src[y1 * w0 + x0] * (1 - fx) + src[y1 * w0 + x1] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
