package org.dl4jtuner.models;

import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;

/**
 * What happens at the end of every epoch, wherever the epoch ran (the engine's loop or a user's
 * own {@code fit} through {@link TrialReporter}): a loss or value that is not finite ends the
 * trial as diverged; the value is reported; the pruner may stop the trial.
 */
final class EpochRules {
    private EpochRules() {
    }

    /** Fails the trial when the training loss is NaN or infinite. */
    static void requireFiniteLoss(double loss, int epoch) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException("training loss became " + loss + " at epoch " + epoch);
        }
    }

    /** Fails the trial when the validation value is NaN or infinite. */
    static void requireFiniteValue(double value, Metric metric, int epoch) {
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException("validation " + metric.id() + " became " + value + " at epoch " + epoch);
        }
    }

    /** Reports the epoch's value to the trial. */
    static void report(Trial trial, int epoch, double value) {
        trial.report(epoch, value);
    }

    /** Throws {@link TrialPrunedException} when the study's pruner stops the trial at this epoch. */
    static void pruneIfTold(Trial trial, int epoch, double value, Metric metric) {
        if (trial.shouldPrune()) {
            throw new TrialPrunedException("pruned at epoch " + epoch + " with validation " + metric.id() + " " + value);
        }
    }
}
