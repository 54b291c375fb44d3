package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.util.Locale;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.DataSpec;
import org.dl4jtuner.datasets.CsvLoader;
import org.dl4jtuner.datasets.CsvSequenceLoader;
import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.DatasetCache;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Sequences;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.datasets.Standardizer;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.datasets.TrainTest;
import org.dl4jtuner.models.Family;

/** Loads the train/validation/test splits a spec's {@code data} section describes, once per process. */
final class StudyData {
    private StudyData() {
    }

    /** Where the 5,000 + 1,000-image Fashion-MNIST subset in the jar is asked for. */
    static final String BUNDLED = "bundled";

    static Splits load(DataSpec data, Family family, long seed) {
        String key = data + "|" + family + "|" + seed;
        return DatasetCache.shared().get(key, () -> {
            try {
                return adapt(splits(data, seed), family);
            } catch (IOException e) {
                throw new UserError("data: " + e.getMessage());
            }
        });
    }

    private static Splits splits(DataSpec data, long seed) throws IOException {
        String type = data.type().toLowerCase(Locale.ROOT);
        switch (type) {
            case "fashion-mnist", "mnist", "idx" -> {
                TrainTest tt = published(data, type);
                LabeledData train = tt.train().subsetFraction(data.subset(), seed);
                Splits s = DataSplitter.split(train, data.validation(), 0, seed);
                return new Splits(s.train(), s.validation(), tt.test());
            }
            case "csv" -> {
                CsvLoader.Builder csv = CsvLoader.builder(data.path()).header(data.header()).delimiter(data.delimiter())
                        .task("regression".equalsIgnoreCase(data.task()) ? Task.REGRESSION : Task.CLASSIFICATION);
                if (data.label() != null) {
                    csv.label(data.label());
                } else {
                    csv.labelIndex(data.labelIndex());
                }
                LabeledData all = csv.build().load().subsetFraction(data.subset(), seed);
                Splits s = DataSplitter.split(all, data.validation(), data.test(), seed);
                return Standardizer.fit(s.train()).apply(s);
            }
            case "csv-sequences" -> {
                LabeledData all = CsvSequenceLoader.load(data.path()).subsetFraction(data.subset(), seed);
                return DataSplitter.split(all, data.validation(), data.test(), seed);
            }
            default -> throw new UserError("data.type: '" + data.type() + "' is not one of fashion-mnist, mnist, idx, csv,"
                    + " csv-sequences");
        }
    }

    private static TrainTest published(DataSpec data, String type) throws IOException {
        if (data.path() != null && BUNDLED.equals(data.path().toString())) {
            if (!type.equals("fashion-mnist")) {
                throw new UserError("data.path: 'bundled' exists only for fashion-mnist, but data.type is " + type);
            }
            return FashionMnist.bundledSubset();
        }
        return switch (type) {
            case "fashion-mnist" -> FashionMnist.load(data.path());
            default -> FashionMnist.loadFolder(data.path(), java.util.List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        };
    }

    /** Images become row-by-row sequences for recurrent families; the rest is used as is. */
    private static Splits adapt(Splits s, Family family) {
        if (family != Family.LSTM || s.train().featureShape().length != 3) {
            return s;
        }
        return new Splits(Sequences.imageRowsAsTimeSteps(s.train()), Sequences.imageRowsAsTimeSteps(s.validation()),
                s.test() == null ? null : Sequences.imageRowsAsTimeSteps(s.test()));
    }
}
