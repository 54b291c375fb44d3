package org.dl4jtuner.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a study's data comes from and how it is split: what the {@code data} section of a study
 * spec says, validated in the constructor. Messages name the field as {@code data.<field>}.
 * {@link DataPreparation#prepare(DataSource, boolean, long)} turns it into {@link PreparedData}.
 *
 * <pre>{@code
 * DataSource wine = DataSource.csv(Path.of("wine.csv"), "cultivar", Task.CLASSIFICATION).withFolds(5);
 * DataSource photos = DataSource.images(Path.of("photos"), 32, 32, 3).withSplits(0.2, 0.1);
 * PreparedData data = DataPreparation.prepare(DataSource.bundledFashionMnist(), false, 42);
 * }</pre>
 *
 * @param type       one of {@link #TYPES}: fashion-mnist, mnist and idx (IDX files with a published
 *                   test set), csv (one example per row), csv-sequences (a folder with features/ and
 *                   labels/, see {@link CsvSequenceLoader}), images (one subfolder per class, see
 *                   {@link ImageFolderLoader})
 * @param path       the file or folder; {@code bundled} for the Fashion-MNIST subset in the jar; null
 *                   only for fashion-mnist (then it is looked for on this machine, see {@link FashionMnist})
 * @param label      the CSV label column by header name, or null
 * @param labelIndex the CSV label column by 0-based index, or null (csv needs exactly one of the two)
 * @param task       classification, or regression (csv only)
 * @param validation fraction of the non-test data held out for validation, in (0, 1); unused with k-fold
 * @param test       fraction held out for the test set, in [0, 1); must be 0 for types with a published test set
 * @param subset     fraction of the data used (the data-subset fidelity), in (0, 1]
 * @param header     whether a CSV file starts with a header line
 * @param delimiter  the CSV delimiter
 * @param height     image height in pixels after resizing (images only; else 0)
 * @param width      image width in pixels after resizing (images only; else 0)
 * @param channels   1 (grey) or 3 (RGB) for images; else 0
 * @param folds      1 for one train/validation split (holdout), k >= 2 for k-fold cross-validation
 */
public record DataSource(String type, Path path, String label, Integer labelIndex, Task task, double validation,
        double test, double subset, boolean header, char delimiter, int height, int width, int channels, int folds) {

    /** The data types, in the order error messages list them. */
    public static final List<String> TYPES = List.of("fashion-mnist", "mnist", "idx", "csv", "csv-sequences", "images");
    /** The {@code path} that names the Fashion-MNIST subset shipped in this jar. */
    public static final String BUNDLED = "bundled";
    /** The default validation fraction. */
    public static final double DEFAULT_VALIDATION = 0.2;

    /** Validates every field; {@code task} null means classification. */
    public DataSource {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("data.type: " + (type == null ? "null" : "'" + type + "'")
                    + " is not one of " + String.join(", ", TYPES));
        }
        task = task == null ? Task.CLASSIFICATION : task;
        boolean csv = type.equals("csv");
        if (task == Task.REGRESSION && !csv) {
            throw new IllegalArgumentException("data.task: regression needs tabular data (type csv), but got type " + type);
        }
        if (path == null && !type.equals("fashion-mnist")) {
            throw new IllegalArgumentException("data.path: is required for type " + type);
        }
        if (isBundled(path) && !type.equals("fashion-mnist")) {
            throw new IllegalArgumentException("data.path: '" + BUNDLED + "' (the subset in the jar) exists for"
                    + " fashion-mnist only, but got type " + type);
        }
        if (csv && (label == null) == (labelIndex == null)) {
            throw new IllegalArgumentException("data.label: a csv source needs its label column by name or by index,"
                    + " exactly one of them, but got label=" + label + ", labelIndex=" + labelIndex);
        }
        if (!csv && (label != null || labelIndex != null)) {
            throw new IllegalArgumentException("data.label: goes with type csv only, but got type " + type);
        }
        if (label != null && label.isBlank()) {
            throw new IllegalArgumentException("data.label: a non-empty column name must be given, but got '" + label + "'");
        }
        if (labelIndex != null && labelIndex < 0) {
            throw new IllegalArgumentException("data.label: 0 <= labelIndex must hold, but got " + labelIndex);
        }
        if (label != null && !header) {
            throw new IllegalArgumentException("data.label: a column name needs a header line, but got header=false;"
                    + " give the column's index instead");
        }
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("data.validation: 0 < validation < 1 must hold, but got " + validation);
        }
        if (!(test >= 0 && test < 1)) {
            throw new IllegalArgumentException("data.test: 0 <= test < 1 must hold, but got " + test);
        }
        if (folds < 2 && validation + test >= 1) {
            throw new IllegalArgumentException("data.test: validation + test < 1 must hold, but got " + validation
                    + " + " + test);
        }
        if (test != 0 && hasPublishedTestSet(type)) {
            throw new IllegalArgumentException("data.test: " + type + " has a published test set, so test = 0 must"
                    + " hold, but got " + test);
        }
        if (!(subset > 0 && subset <= 1)) {
            throw new IllegalArgumentException("data.subset: 0 < subset <= 1 must hold, but got " + subset);
        }
        if (type.equals("images")) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("data.height: height >= 1 and width >= 1 must hold for images, but got "
                        + "height=" + height + ", width=" + width);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("data.channels: channels = 1 (grey) or 3 (RGB) must hold, but got "
                        + channels);
            }
        } else if (height != 0 || width != 0 || channels != 0) {
            throw new IllegalArgumentException("data.height: height, width and channels go with type images only, but got "
                    + "height=" + height + ", width=" + width + ", channels=" + channels + " for type " + type);
        }
        if (folds < 1) {
            throw new IllegalArgumentException("data.folds: 1 <= folds must hold (1 is one holdout split), but got "
                    + folds);
        }
    }

    /** Fashion-MNIST from this machine (see {@link FashionMnist#load(Path)}), or from {@code dir} if not null. */
    public static DataSource fashionMnist(Path dir) {
        return of("fashion-mnist", dir, null, null, Task.CLASSIFICATION);
    }

    /** The 5,000 + 1,000-image Fashion-MNIST subset shipped in this jar. */
    public static DataSource bundledFashionMnist() {
        return fashionMnist(Path.of(BUNDLED));
    }

    /** MNIST (or any 10-class IDX data set) from a folder of the four IDX files; {@code type} is mnist or idx. */
    public static DataSource idx(String type, Path dir) {
        if (!"mnist".equals(type) && !"idx".equals(type)) {
            throw new IllegalArgumentException("data.type: 'mnist' or 'idx' must be given, but got '" + type + "'");
        }
        return of(type, dir, null, null, Task.CLASSIFICATION);
    }

    /** A CSV file with a header line whose column {@code label} holds the labels. */
    public static DataSource csv(Path file, String label, Task task) {
        return of("csv", file, label, null, task);
    }

    /** A CSV file whose column {@code labelIndex} (0-based) holds the labels. */
    public static DataSource csv(Path file, int labelIndex, Task task) {
        return of("csv", file, null, labelIndex, task);
    }

    /** A folder of sequences in DataVec's layout (see {@link CsvSequenceLoader}). */
    public static DataSource csvSequences(Path dir) {
        return of("csv-sequences", dir, null, null, Task.CLASSIFICATION);
    }

    /** A folder with one subfolder of PNG or JPEG images per class (see {@link ImageFolderLoader}). */
    public static DataSource images(Path dir, int height, int width, int channels) {
        return new DataSource("images", dir, null, null, Task.CLASSIFICATION, DEFAULT_VALIDATION, 0, 1, true, ',',
                height, width, channels, 1);
    }

    private static DataSource of(String type, Path path, String label, Integer labelIndex, Task task) {
        return new DataSource(type, path, label, labelIndex, task, DEFAULT_VALIDATION, 0, 1, true, ',', 0, 0, 0, 1);
    }

    /** This source with other validation and test fractions. */
    public DataSource withSplits(double validation, double test) {
        return new DataSource(type, path, label, labelIndex, task, validation, test, subset, header, delimiter, height,
                width, channels, folds);
    }

    /** This source using a fraction of the data (the data-subset fidelity). */
    public DataSource withSubset(double subset) {
        return new DataSource(type, path, label, labelIndex, task, validation, test, subset, header, delimiter, height,
                width, channels, folds);
    }

    /** This source with k-fold cross-validation ({@code folds} >= 2) or one holdout split (1). */
    public DataSource withFolds(int folds) {
        return new DataSource(type, path, label, labelIndex, task, validation, test, subset, header, delimiter, height,
                width, channels, folds);
    }

    /** This CSV source with another header setting and delimiter. */
    public DataSource withCsvFormat(boolean header, char delimiter) {
        return new DataSource(type, path, label, labelIndex, task, validation, test, subset, header, delimiter, height,
                width, channels, folds);
    }

    /** Whether the path names the subset in the jar. */
    public boolean bundled() {
        return isBundled(path);
    }

    /** Whether the data comes with its own test set (fashion-mnist, mnist, idx). */
    public boolean publishedTestSet() {
        return hasPublishedTestSet(type);
    }

    /** Whether the examples are images with pixel values 0..255 (fashion-mnist, mnist, idx, images). */
    public boolean imageData() {
        return hasPublishedTestSet(type) || type.equals("images");
    }

    /** Whether the data is split into {@link #folds()} >= 2 folds for cross-validation. */
    public boolean crossValidation() {
        return folds >= 2;
    }

    private static boolean isBundled(Path path) {
        return path != null && BUNDLED.equals(path.toString());
    }

    private static boolean hasPublishedTestSet(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "fashion-mnist", "mnist", "idx" -> true;
            default -> false;
        };
    }
}
