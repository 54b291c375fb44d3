package org.dl4jtuner.models;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound on one measured value of a trial, such as {@code parameters <= 100000}: the validation
 * metric or a {@link SecondaryMetric}. It becomes one of the trial's constraints
 * ({@link org.dl4jtuner.tuner.Trial#setConstraint(double...)}, satisfied when {@code <= 0}):
 * {@code value - bound} for {@code <=}, {@code bound - value} for {@code >=}; the strict
 * {@code <} and {@code >} move the bound by one ulp ({@link Math#nextDown}, {@link Math#nextUp}) so
 * that a value equal to the bound violates them.
 *
 * <pre>{@code
 * MetricConstraint small = MetricConstraint.parse("parameters", "<= 100000");
 * small.violation(120_000);   // 20000.0: infeasible by 20,000 parameters
 * }</pre>
 *
 * @param metric   the measured value's name: a {@link Metric} id or a {@link SecondaryMetric} id
 * @param operator {@code <=}, {@code <}, {@code >=} or {@code >}
 * @param bound    a finite number
 */
public record MetricConstraint(String metric, String operator, double bound) {
    private static final Pattern EXPRESSION = Pattern.compile("\\s*(<=|>=|<|>)\\s*([-+0-9.eE_]+)\\s*");
    /** What an expression looks like, for messages. */
    public static final String RULE = "an operator (<=, <, >=, >) and a number, such as \"<= 100000\"";

    /** Validates the operator and the bound. */
    public MetricConstraint {
        Objects.requireNonNull(metric, "metric");
        if (!java.util.List.of("<=", "<", ">=", ">").contains(operator)) {
            throw new IllegalArgumentException("operator must be one of <=, <, >=, >, but got '" + operator + "'");
        }
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("the bound of " + metric + " must be a finite number, but got " + bound);
        }
    }

    /**
     * Parses {@code "<= 100000"} (underscores allowed in the number) for {@code metric}; an
     * IllegalArgumentException giving the expression and {@link #RULE} otherwise.
     */
    public static MetricConstraint parse(String metric, String expression) {
        Matcher m = EXPRESSION.matcher(expression == null ? "" : expression);
        if (m.matches()) {
            try {
                return new MetricConstraint(metric, m.group(1), Double.parseDouble(m.group(2).replace("_", "")));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("expected " + RULE + ", but got " + (expression == null ? "nothing"
                : "\"" + expression + "\""));
    }

    /** The constraint value of a measured value: {@code <= 0} when it satisfies the bound. */
    public double violation(double value) {
        return switch (operator) {
            case "<=" -> value - bound;
            case "<" -> value - Math.nextDown(bound);
            case ">=" -> bound - value;
            default -> Math.nextUp(bound) - value;
        };
    }

    /** {@code parameters <= 100000}. */
    @Override
    public String toString() {
        return metric + " " + operator + " " + (bound == Math.rint(bound) && Math.abs(bound) < 1e15
                ? Long.toString((long) bound) : Double.toString(bound));
    }
}
