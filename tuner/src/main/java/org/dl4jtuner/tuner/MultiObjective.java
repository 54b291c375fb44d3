package org.dl4jtuner.tuner;

/**
 * What a multi-objective study optimizes: one value per objective, in the order of the study's
 * {@link Study#directions()}. As with {@link Objective}, the {@code trial.suggest*} calls made inside
 * {@link #evaluate} define the search space; {@link Trial#setConstraint(double...)} declares
 * constraints and {@link Trial#report(int, double[])} reports values per epoch for pruning.
 *
 * <pre>{@code
 * MultiObjective objective = trial -> {
 *     double x = trial.suggestFloat("x", 0, 1);
 *     return new double[] {x, (1 - x) * (1 - x)};   // two goals that pull apart
 * };
 * study.optimize(objective, 100);
 * }</pre>
 */
@FunctionalInterface
public interface MultiObjective {
    /**
     * Evaluates one configuration.
     *
     * @return one value per objective; another count, or a NaN among them, ends the trial as
     *         {@link TrialState#FAIL} with a reason naming them
     * @throws TrialPrunedException when the trial was pruned
     * @throws Exception any other failure, which ends the trial as {@link TrialState#FAIL}
     */
    double[] evaluate(Trial trial) throws Exception;
}
