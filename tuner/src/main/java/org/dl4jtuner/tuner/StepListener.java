package org.dl4jtuner.tuner;

/**
 * Told each value a trial reports, in the thread that reported it, after it is stored: for progress
 * displays and logs that follow trials epoch by epoch. It must not block; pruning is the pruner's.
 *
 * <pre>{@code
 * Study.builder().onReport((trial, step, value) -> System.out.printf("trial %d epoch %d: %.4f%n", trial, step, value));
 * }</pre>
 */
@FunctionalInterface
public interface StepListener {
    /** Trial {@code trialNumber} reported {@code value} at {@code step}. */
    void reported(int trialNumber, int step, double value);
}
