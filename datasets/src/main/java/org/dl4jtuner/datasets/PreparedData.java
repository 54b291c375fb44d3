package org.dl4jtuner.datasets;

import java.util.List;

import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A study's data, ready for trials: one {@link Fold} for a holdout split or k folds for k-fold
 * cross-validation, and an optional test set. The values in every {@link LabeledData} are RAW
 * (pixels 0..255, CSV values as read); each fold's normalizer, fitted on that fold's training
 * split only, is what the engine applies to each batch. The model kept for the test set is the
 * one trained on the first fold, so the test set is scaled with {@link #testNormalizer()}, and
 * that normalizer is saved with the exported model so plain DL4J code can score raw data.
 *
 * <pre>{@code
 * PreparedData data = DataPreparation.prepare(DataSource.bundledFashionMnist(), false, 42);
 * Fold fold = data.firstFold();
 * DataSetIterator test = data.test().iterator(256, 0);
 * test.setPreProcessor(data.testNormalizer());
 * }</pre>
 *
 * @param folds one fold (holdout) or k >= 2 folds whose validation splits partition the non-test data
 * @param test  the test set, scored once with the kept model; null when the source has none
 */
public record PreparedData(List<Fold> folds, LabeledData test) {

    /** Checks that there is at least one fold and copies the list. */
    public PreparedData {
        if (folds == null || folds.isEmpty()) {
            throw new IllegalArgumentException("at least one fold must be given, but got " + folds);
        }
        folds = List.copyOf(folds);
    }

    /** The first fold: the only one of a holdout split, and the one the kept model trains on. */
    public Fold firstFold() {
        return folds.get(0);
    }

    /** Whether there are k >= 2 folds to cross-validate on. */
    public boolean crossValidation() {
        return folds.size() >= 2;
    }

    /**
     * The normalizer fitted on the first fold's training split: the one to apply to the test set
     * with the kept model and to save with it; null when the values are used unscaled.
     */
    public DataNormalization testNormalizer() {
        return firstFold().normalizer();
    }
}
