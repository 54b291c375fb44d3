package org.dl4jtuner.models;

import java.util.function.Function;

import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.util.Requires;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.MultiDataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

/**
 * One fold of a {@link Dl4jObjective}: a function from a trial to its training batches, the
 * validation batches with the lock parallel trials share, and the normalizer applied to both.
 * {@link Spec} is what the objective's builder collects for a fold and checks when it builds.
 *
 * @param train      the training batches of a trial, normalized
 * @param validation the validation batches, normalized, and their lock
 * @param normalizer the fitted normalizer, or null
 */
record TrainingFold(Function<Trial, Batches> train, EpochLoop.Validation validation, Normalizer<?> normalizer) {

    /** Whether a normalizer that learns statistics has learned them (ND4J keeps the flag protected). */
    private static boolean isFitted(Normalizer<?> normalizer) {
        if (!(normalizer instanceof org.nd4j.linalg.dataset.api.preprocessor.AbstractDataSetNormalizer<?>)) {
            return true;
        }
        try {
            java.lang.reflect.Method isFit = org.nd4j.linalg.dataset.api.preprocessor.AbstractDataSetNormalizer.class
                    .getDeclaredMethod("isFit");
            isFit.setAccessible(true);
            return (Boolean) isFit.invoke(normalizer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;   // cannot tell: the first batch will say
        }
    }

    /** What a builder holds for one fold before it is checked. */
    static final class Spec {
        Function<Trial, DataSetIterator> train;
        Function<Trial, MultiDataSetIterator> trainMulti;
        DataSetIterator validation;
        MultiDataSetIterator validationMulti;
        Normalizer<?> normalizer;

        boolean isEmpty() {
            return train == null && trainMulti == null && validation == null && validationMulti == null;
        }

        TrainingFold build(int index) {
            String which = index == 0 ? "" : " of fold " + (index + 1);
            Requires.argument(train != null || trainMulti != null,
                    () -> "the training data" + which + " is missing: call train(trial -> iterator)");
            Requires.argument(validation != null || validationMulti != null,
                    () -> "the validation data" + which + " is missing: call validation(iterator)");
            Requires.argument((train != null) == (validation != null), () -> "training and validation data" + which
                    + " must be both DataSetIterators or both MultiDataSetIterators");
            Requires.argument(isFitted(normalizer), () -> "normalizer" + which + ": " + normalizer.getClass().getSimpleName()
                    + " is not fitted; call normalizer.fit(trainingIterator) on the training data first");
            if (train != null) {
                Requires.argument(normalizer == null || normalizer instanceof DataNormalization, () -> "normalizer" + which
                        + ": a " + normalizer.getClass().getSimpleName() + " needs MultiDataSetIterators, but the data"
                        + " is a DataSetIterator; use a DataNormalization such as NormalizerStandardize");
                DataNormalization n = (DataNormalization) normalizer;
                Function<Trial, DataSetIterator> fn = train;
                return new TrainingFold(trial -> Batches.of(NormalizedBatches.of(fn.apply(trial), n)),
                        new EpochLoop.Validation(Batches.of(NormalizedBatches.of(validation, n)), new Object()), n);
            }
            Requires.argument(normalizer == null || normalizer instanceof MultiDataNormalization, () -> "normalizer"
                    + which + ": a " + normalizer.getClass().getSimpleName() + " needs DataSetIterators, but the data is"
                    + " a MultiDataSetIterator; use a MultiDataNormalization such as MultiNormalizerStandardize");
            MultiDataNormalization n = (MultiDataNormalization) normalizer;
            Function<Trial, MultiDataSetIterator> fn = trainMulti;
            return new TrainingFold(trial -> Batches.of(NormalizedBatches.of(fn.apply(trial), n)),
                    new EpochLoop.Validation(Batches.of(NormalizedBatches.of(validationMulti, n)), new Object()), n);
        }
    }
}
