package org.dl4jtuner.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the small datasets scikit-learn ships as CSV files ({@code breast_cancer.csv},
 * {@code iris.csv}, {@code wine_data.csv}, {@code boston_house_prices.csv}, ...). Their first line
 * holds the number of examples, the number of features and, for classification, the class names;
 * a line of column names may follow (the Boston file has one); every row is the features and then
 * the target, a 0-based class index for classification. Rows go through {@link CsvLoader}; this
 * class checks them against the first line and names the classes.
 *
 * <pre>{@code
 * LabeledData cancer = SklearnCsv.debian("breast_cancer.csv", Task.CLASSIFICATION);  // 569 x 30, 2 classes
 * LabeledData boston = SklearnCsv.load(Path.of("boston_house_prices.csv"), Task.REGRESSION);
 * }</pre>
 */
public final class SklearnCsv {
    /** Where Debian's {@code python3-sklearn} package installs the bundled CSV files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");
    /** The Debian package that provides {@link #DEBIAN_DIR}. */
    public static final String DEBIAN_PACKAGE = "python3-sklearn";

    private SklearnCsv() {
    }

    /** Reads {@code fileName} (e.g. {@code "breast_cancer.csv"}) from {@link #DEBIAN_DIR}. */
    public static LabeledData debian(String fileName, Task task) throws IOException {
        return load(DEBIAN_DIR.resolve(fileName), task);
    }

    /**
     * Reads one of scikit-learn's CSV files.
     *
     * @throws IOException              when the file is missing (the message names the path and the Debian package)
     * @throws IllegalArgumentException when the rows disagree with the first line or a class index is out of range
     */
    public static LabeledData load(Path file, Task task) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("scikit-learn's dataset file " + file + " does not exist; Debian's " + DEBIAN_PACKAGE
                    + " package installs these files in " + DEBIAN_DIR + " (apt-get install " + DEBIAN_PACKAGE + ")");
        }
        String[] first;
        boolean header;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            first = line.split(",", -1);
            String second = reader.readLine();
            header = second != null && CsvLoader.unfit(second.split(",", -1)[0].trim()) != null;
        }
        int examples = count(file, first, 0, "examples");
        int features = count(file, first, 1, "features");
        List<String> classNames = Arrays.stream(first).skip(2).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (task == Task.CLASSIFICATION && classNames.size() < 2) {
            throw new IllegalArgumentException(file + " line 1 must name at least 2 classes after the counts for"
                    + " classification, but names " + classNames);
        }
        LabeledData data = CsvLoader.builder(file).skipLines(1).header(header).labelIndex(features).task(task).build()
                .load();
        int columns = data.featureShape()[0] + 1;
        if (data.size() != examples || columns != features + 1) {
            throw new IllegalArgumentException(file + " line 1 announces " + examples + " examples of " + features
                    + " features (plus the target), but the file holds " + data.size() + " rows of " + columns
                    + " values");
        }
        return task == Task.CLASSIFICATION ? named(file, data, classNames) : data;
    }

    /** The data with its classes renamed from "0", "1", ... to the names on line 1. */
    private static LabeledData named(Path file, LabeledData data, List<String> classNames) {
        List<String> indices = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            indices.add(Integer.toString(c));
        }
        if (!data.classNames().equals(indices)) {
            throw new IllegalArgumentException(file + " names " + classNames.size() + " classes " + classNames
                    + ", so its last column must hold each of the class indices " + indices + ", but it holds "
                    + data.classNames());
        }
        return new LabeledData(data.features(), data.labels(), data.featureShape(), Task.CLASSIFICATION, classNames);
    }

    private static int count(Path file, String[] first, int index, String what) {
        String text = index < first.length ? first[index].trim() : "";
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + " line 1 must start with the number of examples and of features,"
                + " each >= 1, but its " + what + " field is '" + text + "'");
    }
}
