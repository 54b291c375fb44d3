package org.dl4jtuner.tuner.hyperband;

/**
 * One rung of a Hyperband bracket.
 *
 * @param n configurations evaluated at this rung
 * @param r resource (epochs) each of them has been trained for when it is judged
 */
public record Rung(int n, int r) {
}
