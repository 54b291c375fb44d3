package org.dl4jtuner.examples.casestudies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.datasets.Task;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The datasets module's {@link LabeledData} as Tribuo datasets, so the loaders and the seeded,
 * stratified splits and folds of the datasets module feed Tribuo's trainers. Features are named
 * {@code x00}, {@code x01}, ... in column order; every value is kept, zeros included.
 *
 * <pre>{@code
 * List<TribuoData.Fold<Label>> folds = TribuoData.folds(DataSplitter.kFold(train, 5, seed), TribuoData::classification);
 * }</pre>
 */
public final class TribuoData {
    private TribuoData() {
    }

    /** One cross-validation fold as Tribuo datasets. */
    public record Fold<T extends org.tribuo.Output<T>>(Dataset<T> train, Dataset<T> validation) {
    }

    /** A classification dataset whose labels are the class names. */
    public static MutableDataset<Label> classification(LabeledData data) {
        require(data, Task.CLASSIFICATION);
        int[] classes = data.classIndices();
        List<Label> labels = new ArrayList<>();
        for (int c : classes) {
            labels.add(new Label(data.classNames().get(c)));
        }
        return build(data, new LabelFactory(), labels);
    }

    /** A regression dataset with one target, named {@code target}. */
    public static MutableDataset<Regressor> regression(LabeledData data) {
        require(data, Task.REGRESSION);
        if (data.numClasses() != 1) {
            throw new IllegalArgumentException("one regression target is supported, but the data has "
                    + data.numClasses());
        }
        List<Regressor> targets = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            targets.add(new Regressor("target", data.labels().getDouble(i, 0)));
        }
        return build(data, new RegressionFactory(), targets);
    }

    /** Each (train, validation) pair converted once, so every trial reuses the same Tribuo datasets. */
    public static <T extends org.tribuo.Output<T>> List<Fold<T>> folds(List<Splits> splits,
            Function<LabeledData, ? extends Dataset<T>> convert) {
        List<Fold<T>> folds = new ArrayList<>();
        for (Splits split : splits) {
            folds.add(new Fold<>(convert.apply(split.train()), convert.apply(split.validation())));
        }
        return folds;
    }

    private static <T extends org.tribuo.Output<T>> MutableDataset<T> build(LabeledData data, OutputFactory<T> factory,
            List<T> outputs) {
        INDArray features = data.features();
        int d = features.columns();
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = String.format(Locale.ROOT, "x%02d", j);
        }
        MutableDataset<T> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(data.toString(), factory), factory);
        for (int i = 0; i < data.size(); i++) {
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = features.getDouble(i, j);
            }
            dataset.add(new ArrayExample<>(outputs.get(i), names, row));
        }
        return dataset;
    }

    private static void require(LabeledData data, Task task) {
        if (data.task() != task) {
            throw new IllegalArgumentException("a " + task.name().toLowerCase(Locale.ROOT) + " dataset was expected, but got "
                    + data);
        }
    }
}
