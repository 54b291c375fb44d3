package org.dl4jtuner.tuner;

import org.dl4jtuner.tuner.util.Requires;

/**
 * The patience rule, as Keras' {@code EarlyStopping} has it, in the one place both its users
 * read it: {@code PatiencePruner} (over a trial's reported values) and the DL4J epoch loop's
 * early stopping (epoch by epoch). A value improves when it beats the reference (the last value
 * that improved) by more than {@code minDelta}; the rule is used up after {@code patience} values
 * in a row that did not improve. The first value that is a number always improves; NaN never does.
 * <pre>{@code
 * Patience rule = new Patience(2, 0.0);
 * rule.isExhausted(List.of(0.5, 0.7, 0.6, 0.7), Direction.MAXIMIZE);   // true: 0.6 and 0.7 did not beat 0.7
 * }</pre>
 *
 * @param patience values without improvement to tolerate, at least 1
 * @param minDelta smallest change that counts as an improvement, finite and at least 0
 */
public record Patience(int patience, double minDelta) {

    public Patience {
        Requires.atLeast("patience", patience, 1);
        Requires.argument(minDelta >= 0 && Double.isFinite(minDelta), () ->
                "minDelta >= 0 must hold, but got minDelta=" + minDelta);
    }

    /**
     * Where a run of values stands.
     *
     * @param reference             the last value that improved, NaN before the first
     * @param valuesSinceImprovement values since then that did not improve
     */
    public record Progress(double reference, int valuesSinceImprovement) {
        /** Before the first value. */
        public static final Progress START = new Progress(Double.NaN, 0);

        public Progress {
            Requires.atLeast("valuesSinceImprovement", valuesSinceImprovement, 0);
        }
    }

    /** The progress after one more value. */
    public Progress next(Progress progress, double value, Direction direction) {
        boolean improves = !Double.isNaN(value) && (Double.isNaN(progress.reference())
                || direction.toLoss(value) < direction.toLoss(progress.reference()) - minDelta);
        return improves ? new Progress(value, 0) : new Progress(progress.reference(), progress.valuesSinceImprovement() + 1);
    }

    /** Whether the rule is used up at this progress: {@code patience} values in a row without improvement. */
    public boolean isExhausted(Progress progress) {
        return progress.valuesSinceImprovement() >= patience;
    }

    /** The progress after a run of values, in order. */
    public Progress progress(Iterable<Double> values, Direction direction) {
        Progress p = Progress.START;
        for (double v : values) {
            p = next(p, v, direction);
        }
        return p;
    }

    /** Whether the rule is used up after a run of values, in order. */
    public boolean isExhausted(Iterable<Double> values, Direction direction) {
        return isExhausted(progress(values, direction));
    }
}
