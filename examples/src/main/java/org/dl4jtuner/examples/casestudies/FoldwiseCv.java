package org.dl4jtuner.examples.casestudies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;

/**
 * k-fold cross-validation inside a trial, with the fold as the step: after fold k the mean score
 * of folds 1..k is reported as step k, so the study's pruner (median, percentile, ...) compares it
 * with what completed configurations had after k folds and may stop a hopeless configuration
 * before it has fitted every fold. Each fold's own score is kept in {@value #FOLD_VALUES_ATTR}.
 *
 * <pre>{@code
 * study.optimize(trial -> {
 *     double c = trial.suggestFloat("C", 1e-3, 1e3, true);
 *     return FoldwiseCv.mean(trial, folds, fold -> accuracy(train(c, fold.train()), fold.validation()));
 * }, 20);
 * }</pre>
 */
public final class FoldwiseCv {
    /** User attribute: each fitted fold's score, in fold order. */
    public static final String FOLD_VALUES_ATTR = "cv_fold_values";

    private FoldwiseCv() {
    }

    /** A model fitted on one fold's training part and scored on its validation part. */
    @FunctionalInterface
    public interface FoldScore<F> {
        /** The fold's score (accuracy, RMSE, ...). */
        double score(F fold) throws Exception;
    }

    /**
     * The mean score over the folds, reporting the running mean after each fold.
     *
     * @throws TrialPrunedException when the study's pruner stops the trial between two folds
     */
    public static <F> double mean(Trial trial, List<F> folds, FoldScore<F> score) throws Exception {
        requireFolds(folds);
        List<Double> values = new ArrayList<>();
        double sum = 0;
        for (int k = 1; k <= folds.size(); k++) {
            double value = score.score(folds.get(k - 1));
            values.add(value);
            sum += value;
            trial.setUserAttr(FOLD_VALUES_ATTR, List.copyOf(values));
            trial.report(k, sum / k);
            if (k < folds.size() && trial.shouldPrune()) {
                throw new TrialPrunedException(String.format(Locale.ROOT, "stopped after fold %d of %d: mean %.4f so far",
                        k, folds.size(), sum / k));
            }
        }
        return sum / folds.size();
    }

    /** The mean score over the folds, outside any study (the baseline's cross-validation). */
    public static <F> double mean(List<F> folds, FoldScore<F> score) throws Exception {
        requireFolds(folds);
        double sum = 0;
        for (F fold : folds) {
            sum += score.score(fold);
        }
        return sum / folds.size();
    }

    /** Folds fitted by every trial of the study: its reported steps, pruned trials' included. */
    public static long foldsFitted(Study study) {
        long fitted = 0;
        for (FrozenTrial trial : study.trials()) {
            fitted += trial.intermediateValues().size();
        }
        return fitted;
    }

    private static void requireFolds(List<?> folds) {
        if (folds == null || folds.isEmpty()) {
            throw new IllegalArgumentException("cross-validation needs at least one fold, but got " + folds);
        }
    }
}
