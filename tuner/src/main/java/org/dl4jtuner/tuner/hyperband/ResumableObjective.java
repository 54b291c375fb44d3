package org.dl4jtuner.tuner.hyperband;

import org.dl4jtuner.tuner.Trial;

/**
 * An objective that can train a configuration up to a resource and later continue it from where
 * it stopped, as synchronous Hyperband needs when it promotes a configuration to the next rung.
 *
 * <pre>{@code
 * ResumableObjective objective = (trial, epochs) -> {
 *     Model model = checkpoints.getOrDefault(trial.number(), newModel(trial));
 *     while (model.epochs() < epochs) {
 *         model.fitOneEpoch();
 *         trial.report(model.epochs(), model.validationAccuracy());
 *     }
 *     checkpoints.put(trial.number(), model);
 *     return model.validationAccuracy();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ResumableObjective {
    /**
     * Trains the trial's configuration until it has had {@code resource} units in total (the
     * first call starts from nothing; later calls for the same trial continue) and returns the
     * value at that point.
     */
    double evaluate(Trial trial, int resource) throws Exception;
}
