package org.dl4jtuner.tuner;

/**
 * What a study optimizes. The {@code trial.suggest*} calls made inside {@link #evaluate} define
 * the search space, so a conditional parameter is a plain {@code if}.
 *
 * <pre>{@code
 * Objective objective = trial -> {
 *     double x = trial.suggestFloat("x", -10, 10);
 *     int layers = trial.suggestInt("layers", 1, 3);
 *     return (x - 2) * (x - 2) + layers;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Objective {
    /**
     * Evaluates one configuration.
     *
     * @return the objective value; NaN ends the trial as {@link TrialState#FAIL}
     * @throws TrialPrunedException when the trial was pruned
     * @throws Exception any other failure, which ends the trial as {@link TrialState#FAIL}
     */
    double evaluate(Trial trial) throws Exception;
}
