package org.dl4jtuner.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * ND4J's own normalizers, set up the way a study uses them, so a model exported with one (DL4J's
 * {@code ModelSerializer.addNormalizerToModel}) restores with plain DL4J code.
 *
 * <pre>{@code
 * NormalizerStandardize scaler = Normalizers.standardize(fold.train());
 * LabeledData scaledValidation = fold.validation().normalized(scaler);
 * }</pre>
 */
public final class Normalizers {
    private Normalizers() {
    }

    /**
     * A {@link NormalizerStandardize} fitted on the features of {@code train} (per column for
     * tabular data, per feature over all time steps for sequences). A feature that is constant in
     * {@code train} gets standard deviation 1, so it is centred but not scaled: ND4J alone would
     * divide it by its floor of 1e-5 and blow up any other value met in validation or test.
     */
    public static NormalizerStandardize standardize(LabeledData train) {
        DataSet all = train.toDataSet();
        NormalizerStandardize fitted = new NormalizerStandardize();
        fitted.fit(all);
        INDArray byFeature = featureRows(all.getFeatures());
        INDArray range = byFeature.max(1).subi(byFeature.min(1));
        INDArray std = fitted.getStd().dup();
        boolean constant = false;
        for (long f = 0; f < range.length(); f++) {
            if (range.getDouble(f) == 0) {
                std.putScalar(f, 1.0);
                constant = true;
            }
        }
        return constant ? new NormalizerStandardize(fitted.getMean().dup(), std) : fitted;
    }

    /** ND4J's {@link ImagePreProcessingScaler} mapping pixel values 0..255 to [0, 1]; it needs no fitting. */
    public static ImagePreProcessingScaler pixelsToUnitRange() {
        return new ImagePreProcessingScaler(0, 1);
    }

    /** Features [n, d] or [n, f, t] as [features, values of that feature]. */
    private static INDArray featureRows(INDArray features) {
        if (features.rank() == 3) {
            long f = features.size(1);
            return features.permute(1, 0, 2).dup('c').reshape('c', f, features.size(0) * features.size(2));
        }
        return features.transpose().dup('c');
    }
}
