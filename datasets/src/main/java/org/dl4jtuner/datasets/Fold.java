package org.dl4jtuner.datasets;

import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * One training/validation pair of a study's data and the normalizer that goes with it. The
 * examples in both splits hold RAW values (pixels 0..255, CSV values as read); the normalizer was
 * fitted on {@code train} only and is what the engine applies to every batch it trains on or
 * scores, so validation data never leaks into the scaling.
 *
 * <pre>{@code
 * Fold fold = prepared.folds().get(0);
 * DataSetIterator batches = fold.train().trainingIterator(64, seed);
 * if (fold.normalizer() != null) {
 *     batches.setPreProcessor(fold.normalizer());
 * }
 * }</pre>
 *
 * @param train      fits the weights (and the normalizer)
 * @param validation scores each epoch, for pruning and model choice
 * @param normalizer ND4J's normalizer fitted on {@code train}, or null when the values are used unscaled
 */
public record Fold(LabeledData train, LabeledData validation, DataNormalization normalizer) {

    /** Checks that both splits are given and alike. */
    public Fold {
        if (train == null || validation == null) {
            throw new IllegalArgumentException("train != null and validation != null must hold, but got train=" + train
                    + ", validation=" + validation);
        }
        if (!java.util.Arrays.equals(train.featureShape(), validation.featureShape())
                || train.numClasses() != validation.numClasses()) {
            throw new IllegalArgumentException("train and validation must have the same example shape and classes, but"
                    + " got " + train + " and " + validation);
        }
    }
}
