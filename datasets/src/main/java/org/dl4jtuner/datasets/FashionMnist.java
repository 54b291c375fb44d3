package org.dl4jtuner.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fashion-MNIST (Zalando, MIT licence) and MNIST in their IDX files: 28x28 grey images, 10
 * classes, example shape {1, 28, 28}. Pixels are the RAW values 0..255 (as floats), row by row;
 * scaling them is the job of a normalizer such as ND4J's {@code ImagePreProcessingScaler}, which
 * {@link DataPreparation} fits per fold and the engine applies to each batch.
 *
 * <p>{@link #load(Path)} reads the user's folder when one is given, and nothing else: a folder
 * without the IDX files is refused, never replaced by another copy. Without a folder it looks, in
 * order, in Debian's {@code /usr/share/datasets/fashion-mnist/} (package dataset-fashion-mnist), in
 * {@code ~/.cache/dl4j-tuner/fashion-mnist}, and finally downloads into that cache.
 * {@link #bundledSubset()} needs nothing: 5,000 training and 1,000 test images ship in this jar.
 */
public final class FashionMnist {
    /** Class names in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Debian's folder. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte"};
    private static final String DOWNLOAD = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final String BUNDLED = "/org/dl4jtuner/datasets/fashion-mnist-subset/";
    private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);

    private FashionMnist() {
    }

    /** The bundled real subset: 500 training and 100 test images per class. */
    public static TrainTest bundledSubset() {
        try {
            return new TrainTest(
                    images(IdxReader.read(resource(FILES[0]), FILES[0]), IdxReader.read(resource(FILES[1]), FILES[1]), CLASSES),
                    images(IdxReader.read(resource(FILES[2]), FILES[2]), IdxReader.read(resource(FILES[3]), FILES[3]), CLASSES));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled Fashion-MNIST subset is unreadable", e);
        }
    }

    /** The bundled subset's files (gzipped IDX), in the order training images, labels, test images, labels. */
    public static List<InputStream> bundledFiles() throws IOException {
        List<InputStream> files = new java.util.ArrayList<>();
        for (String name : FILES) {
            files.add(resource(name));
        }
        return files;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FashionMnist.class.getResourceAsStream(BUNDLED + name + ".gz");
        if (in == null) {
            throw new IOException("resource " + BUNDLED + name + ".gz is missing from the classpath");
        }
        return in;
    }

    /** The full Fashion-MNIST from {@code userDir}, or (when null) from the first place that has it (see the class comment). */
    public static TrainTest load(Path userDir) throws IOException {
        return loadFrom(userDir, SYSTEM_DIR, cacheDir(), DOWNLOAD, CLASSES);
    }

    /** The download cache, {@code ~/.cache/dl4j-tuner/fashion-mnist}. */
    public static Path cacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "dl4j-tuner", "fashion-mnist");
    }

    /** The folders {@link #load} searches without a folder, in order: Debian's, then the cache. */
    public static List<Path> searchedFolders() {
        return List.of(SYSTEM_DIR, cacheDir());
    }

    /**
     * The folder {@link #load} reads the full dataset from without a folder, without reading it; empty
     * when no searched folder holds the IDX files (load would then download them).
     */
    public static java.util.Optional<Path> installed() {
        return searchedFolders().stream().filter(dir -> find(dir) != null).findFirst();
    }

    /** IDX files (MNIST or Fashion-MNIST layout) from one folder, 10 classes named by digit. */
    public static TrainTest loadFolder(Path dir, List<String> classNames) throws IOException {
        return read(requireFiles(dir), classNames);
    }

    static TrainTest loadFrom(Path userDir, Path systemDir, Path cacheDir, String downloadBase, List<String> classes)
            throws IOException {
        if (userDir != null) {
            // an explicit folder is used or refused: another copy would train on data the user did not name
            return read(requireFiles(userDir), classes);
        }
        List<String> tried = new ArrayList<>();
        for (Path dir : new Path[] {systemDir, cacheDir}) {
            if (dir == null) {
                continue;
            }
            Path[] files = find(dir);
            if (files != null) {
                LOG.info("Reading {} from {}", "Fashion-MNIST", dir);
                return read(files, classes);
            }
            tried.add(dir.toString());
        }
        try {
            download(downloadBase, cacheDir);
            return read(find(cacheDir), classes);
        } catch (IOException e) {
            tried.add(downloadBase + " (" + e.getMessage() + ")");
            throw new IOException("Fashion-MNIST not found; looked in: " + String.join("; ", tried)
                    + ". Install Debian's dataset-fashion-mnist, give data.path, or use the bundled subset", e);
        }
    }

    /** The IDX files in {@code dir}; an IOException naming the folder and the first missing file otherwise. */
    private static Path[] requireFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new IOException("folder " + dir + " does not exist; give a folder holding " + String.join(", ", FILES)
                    + " (raw or .gz)");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a folder; give a folder holding " + String.join(", ", FILES)
                    + " (raw or .gz)");
        }
        Path[] files = find(dir);
        if (files == null) {
            String missing = java.util.Arrays.stream(FILES)
                    .filter(f -> !Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f + ".gz")))
                    .collect(java.util.stream.Collectors.joining(", "));
            throw new IOException("folder " + dir + " does not hold the IDX files " + missing + " (raw or .gz);"
                    + " no other copy is used in its place");
        }
        return files;
    }

    private static Path[] find(Path dir) {
        Path[] found = new Path[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            Path gz = dir.resolve(FILES[i] + ".gz");
            Path raw = dir.resolve(FILES[i]);
            found[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(raw) ? raw : null;
            if (found[i] == null) {
                return null;
            }
        }
        return found;
    }

    private static TrainTest read(Path[] files, List<String> classes) throws IOException {
        return new TrainTest(images(IdxReader.read(files[0]), IdxReader.read(files[1]), classes),
                images(IdxReader.read(files[2]), IdxReader.read(files[3]), classes));
    }

    private static void download(String base, Path cacheDir) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Files.createDirectories(cacheDir);
        for (String name : FILES) {
            Path target = cacheDir.resolve(name + ".gz");
            Path partial = cacheDir.resolve(name + ".gz.part");
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + name + ".gz")).timeout(Duration.ofSeconds(60)).build();
            try {
                HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(partial));
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " for " + request.uri());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download interrupted", e);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Images and labels as a classification dataset with raw pixel values 0..255. */
    static LabeledData images(IdxReader.Idx images, IdxReader.Idx labels, List<String> classes) {
        if (images.dims().length != 3 || labels.dims().length != 1 || images.count() != labels.count()) {
            throw new IllegalArgumentException("expected images [n, h, w] and labels [n], but got "
                    + java.util.Arrays.toString(images.dims()) + " and " + java.util.Arrays.toString(labels.dims()));
        }
        int n = images.count();
        int size = images.itemSize();
        float[] pixels = new float[n * size];
        byte[] raw = images.values();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = raw[i] & 0xff;
        }
        float[] oneHot = new float[n * classes.size()];
        for (int i = 0; i < n; i++) {
            int label = labels.values()[i] & 0xff;
            if (label >= classes.size()) {
                throw new IllegalArgumentException("label " + label + " of example " + i + " is not below "
                        + classes.size());
            }
            oneHot[i * classes.size() + label] = 1f;
        }
        return new LabeledData(LabeledData.matrix(pixels, n, size), LabeledData.matrix(oneHot, n, classes.size()),
                new int[] {1, images.dims()[1], images.dims()[2]}, Task.CLASSIFICATION, classes);
    }
}
