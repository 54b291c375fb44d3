package org.dl4jtuner.tuner;

/** Whether a study looks for the smallest or the largest objective value. */
public enum Direction {
    /** Smaller values are better (losses, errors). */
    MINIMIZE,
    /** Larger values are better (accuracy, F1). */
    MAXIMIZE;

    /**
     * Whether {@code candidate} is strictly better than {@code incumbent} in this direction.
     * NaN is never better than anything.
     */
    public boolean isBetter(double candidate, double incumbent) {
        return this == MINIMIZE ? candidate < incumbent : candidate > incumbent;
    }

    /**
     * The COMPLETE trial with the best value in this direction among {@code trials} (the first of
     * equals), or null when none has a value that is a number.
     */
    public FrozenTrial best(Iterable<FrozenTrial> trials) {
        FrozenTrial best = null;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && !t.value().isNaN()
                    && (best == null || isBetter(t.value(), best.value()))) {
                best = t;
            }
        }
        return best;
    }

    /** The worst possible value in this direction (used to rank missing values last). */
    public double worst() {
        return this == MINIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Maps a value so that smaller is always better: identity for MINIMIZE, negation for MAXIMIZE.
     * NaN maps to positive infinity, so it ranks last.
     */
    public double toLoss(double value) {
        if (Double.isNaN(value)) {
            return Double.POSITIVE_INFINITY;
        }
        return this == MINIMIZE ? value : -value;
    }
}
