package org.dl4jtuner.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feature standardisation (zero mean, unit variance per column) fitted on the training split
 * only, then applied unchanged to validation and test. Constant columns are centred, not scaled.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(splits.train());
 * Splits scaled = s.apply(splits);
 * }</pre>
 */
public final class Standardizer {
    private final INDArray mean;
    private final INDArray std;

    private Standardizer(INDArray mean, INDArray std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits the statistics on {@code train}. */
    public static Standardizer fit(LabeledData train) {
        INDArray mean = train.features().mean(0).reshape(1, train.features().columns());
        INDArray std = train.features().std(false, 0).reshape(1, train.features().columns());
        std = std.dup();
        for (long i = 0; i < std.length(); i++) {
            if (std.getDouble(i) < 1e-12) {
                std.putScalar(i, 1.0);
            }
        }
        return new Standardizer(mean, std);
    }

    /** Per-column means learned from the training split. */
    public double[] means() {
        return mean.toDoubleVector();
    }

    /** A standardised copy of {@code data}. */
    public LabeledData apply(LabeledData data) {
        INDArray scaled = data.features().subRowVector(mean).diviRowVector(std);
        return new LabeledData(scaled, data.labels(), data.featureShape(), data.task(), data.classNames());
    }

    /** Standardised copies of every split. */
    public Splits apply(Splits splits) {
        return new Splits(apply(splits.train()), apply(splits.validation()),
                splits.test() == null ? null : apply(splits.test()));
    }
}
