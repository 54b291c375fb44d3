package org.dl4jtuner.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * Turns a {@link DataSource} into {@link PreparedData}: loads the data, takes the subset, holds
 * out the test set (the published one for fashion-mnist, mnist and idx; a stratified
 * {@code test} fraction otherwise), splits the rest into one train/validation pair or k folds,
 * optionally turns grey images into row sequences for recurrent networks, and fits one ND4J
 * normalizer per fold on that fold's training split:
 * <ul>
 * <li>csv (classification and regression) and csv-sequences: {@code NormalizerStandardize} on the
 * features (see {@link Normalizers#standardize(LabeledData)}; labels are left as they are);</li>
 * <li>fashion-mnist, mnist, idx and images: {@code ImagePreProcessingScaler(0, 1)}, pixels 0..255
 * to [0, 1], a fixed scaler that needs no fitting.</li>
 * </ul>
 * The values in the prepared data stay raw. Results are kept in {@link DatasetCache#shared()},
 * keyed by the source, the sequence flag and the seed, so the trials of a process share one copy.
 *
 * <pre>{@code
 * PreparedData data = DataPreparation.prepare(DataSource.csv(Path.of("wine.csv"), "cultivar",
 *         Task.CLASSIFICATION).withFolds(5), false, 7);
 * }</pre>
 */
public final class DataPreparation {
    private DataPreparation() {
    }

    /**
     * Prepares (or takes from the cache) the data {@code source} describes.
     *
     * @param sequences whether grey images become sequences of their rows (for recurrent networks)
     * @param seed      seeds the subset, the splits and the folds
     * @throws IOException              if a file is missing or unreadable (named in the message)
     * @throws IllegalArgumentException if the data does not fit the source (named field and value)
     */
    public static PreparedData prepare(DataSource source, boolean sequences, long seed) throws IOException {
        String key = "prepared|" + source + "|sequences=" + sequences + "|seed=" + seed;
        try {
            return DatasetCache.shared().get(key, () -> {
                try {
                    return load(source, sequences, seed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Prepares the data without the cache. */
    static PreparedData load(DataSource source, boolean sequences, long seed) throws IOException {
        if (sequences && source.type().equals("images") && source.channels() != 1) {
            throw new IllegalArgumentException("data.channels: row sequences for recurrent networks need grey images,"
                    + " so channels = 1 must hold, but got " + source.channels());
        }
        LabeledData pool;
        LabeledData test;
        if (source.publishedTestSet()) {
            TrainTest published = published(source);
            pool = published.train().subsetFraction(source.subset(), seed);
            test = published.test();
        } else {
            LabeledData all = unsplit(source).subsetFraction(source.subset(), seed);
            if (source.crossValidation() && source.test() > 0) {
                TrainTest held = DataSplitter.holdOut(all, source.test(), seed);
                pool = held.train();
                test = held.test();
            } else if (source.crossValidation()) {
                pool = all;
                test = null;
            } else {
                Splits s = DataSplitter.split(all, source.validation(), source.test(), seed);
                return new PreparedData(List.of(fold(source, s.train(), s.validation(), sequences)),
                        rows(s.test(), sequences));
            }
        }
        List<Fold> folds = new ArrayList<>();
        if (source.crossValidation()) {
            if (source.folds() > pool.size()) {
                throw new IllegalArgumentException("data.folds: folds <= " + pool.size() + " (the examples left for"
                        + " training and validation) must hold, but got " + source.folds());
            }
            for (Splits s : DataSplitter.kFold(pool, source.folds(), seed)) {
                folds.add(fold(source, s.train(), s.validation(), sequences));
            }
        } else {
            Splits s = DataSplitter.split(pool, source.validation(), 0, seed);
            folds.add(fold(source, s.train(), s.validation(), sequences));
        }
        return new PreparedData(folds, rows(test, sequences));
    }

    private static Fold fold(DataSource source, LabeledData train, LabeledData validation, boolean sequences) {
        LabeledData t = rows(train, sequences);
        return new Fold(t, rows(validation, sequences), normalizer(source, t));
    }

    /** The normalizer for {@code source}, fitted on {@code train}. */
    static DataNormalization normalizer(DataSource source, LabeledData train) {
        return source.imageData() ? Normalizers.pixelsToUnitRange() : Normalizers.standardize(train);
    }

    /** Images {1, h, w} as row sequences when asked for; anything else as it is. */
    private static LabeledData rows(LabeledData data, boolean sequences) {
        if (data == null || !sequences || data.featureShape().length != 3) {
            return data;
        }
        return Sequences.imageRowsAsTimeSteps(data);
    }

    private static LabeledData unsplit(DataSource source) throws IOException {
        return switch (source.type()) {
            case "csv" -> {
                CsvLoader.Builder csv = CsvLoader.builder(source.path()).header(source.header())
                        .delimiter(source.delimiter()).task(source.task());
                if (source.label() != null) {
                    csv.label(source.label());
                } else {
                    csv.labelIndex(source.labelIndex());
                }
                yield csv.build().load();
            }
            case "csv-sequences" -> CsvSequenceLoader.load(source.path());
            case "images" -> ImageFolderLoader.load(source.path(), source.height(), source.width(), source.channels());
            default -> throw new IllegalStateException("type " + source.type() + " has a published test set");
        };
    }

    private static TrainTest published(DataSource source) throws IOException {
        if (source.bundled()) {
            return FashionMnist.bundledSubset();
        }
        try {
            if (source.type().equals("fashion-mnist")) {
                return FashionMnist.load(source.path());
            }
            return FashionMnist.loadFolder(source.path(), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        } catch (IOException e) {
            throw source.path() == null ? e : new IOException("data.path: " + e.getMessage(), e);
        }
    }
}
