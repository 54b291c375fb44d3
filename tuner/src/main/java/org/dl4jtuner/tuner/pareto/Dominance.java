package org.dl4jtuner.tuner.pareto;

import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;

/**
 * Pareto dominance on loss vectors (smaller is better in every coordinate), and Deb's (2000)
 * constraint domination: a feasible point beats an infeasible one, of two infeasible points the one
 * with the smaller total violation wins, and two feasible points compare by Pareto dominance.
 *
 * <pre>{@code
 * Dominance.dominates(new double[] {1, 2}, new double[] {1, 3});   // true
 * Dominance.dominates(new double[] {1, 2}, new double[] {2, 1});   // false: neither dominates
 * }</pre>
 */
public final class Dominance {
    private Dominance() {
    }

    /**
     * Whether {@code a} dominates {@code b}: no coordinate worse, at least one better. NaN counts as
     * +infinity.
     */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dominance compares vectors of one length, but got " + a.length
                    + " and " + b.length + " objectives");
        }
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            double x = nanLast(a[i]);
            double y = nanLast(b[i]);
            if (x > y) {
                return false;
            }
            if (x < y) {
                better = true;
            }
        }
        return better;
    }

    /**
     * Deb's constraint domination: with {@code violationA} and {@code violationB} the total
     * violations (0 for feasible), a feasible point dominates an infeasible one, the smaller
     * violation wins between infeasible ones, and feasible points compare by {@link #dominates}.
     */
    public static boolean constrainedDominates(double[] a, double violationA, double[] b, double violationB) {
        boolean feasibleA = violationA <= 0;
        boolean feasibleB = violationB <= 0;
        if (feasibleA && feasibleB) {
            return dominates(a, b);
        }
        if (feasibleA != feasibleB) {
            return feasibleA;
        }
        return violationA < violationB;
    }

    /**
     * The total violation of constraint values (each feasible when {@code <= 0}): the sum of their
     * positive parts; 0 for null (no constraints) or feasible ones.
     */
    public static double violation(double[] constraints) {
        if (constraints == null) {
            return 0;
        }
        double sum = 0;
        for (double c : constraints) {
            sum += Double.isNaN(c) ? Double.POSITIVE_INFINITY : Math.max(0, c);
        }
        return sum;
    }

    /**
     * A trial's values as losses, every objective minimized ({@link Direction#toLoss}: MAXIMIZE
     * negated, NaN to +infinity); null when it has no values. Throws IllegalArgumentException when it
     * has another number of values than {@code directions}.
     */
    public static double[] losses(FrozenTrial trial, List<Direction> directions) {
        double[] values = trial.values();
        if (values == null) {
            return null;
        }
        if (values.length != directions.size()) {
            throw new IllegalArgumentException("trial " + trial.number() + " has " + values.length
                    + " values, but the study has " + directions.size() + " objectives (directions " + directions + ")");
        }
        double[] losses = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            losses[i] = directions.get(i).toLoss(values[i]);
        }
        return losses;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
