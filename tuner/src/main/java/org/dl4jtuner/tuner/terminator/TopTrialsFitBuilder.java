package org.dl4jtuner.tuner.terminator;

import org.dl4jtuner.tuner.util.Requires;

/**
 * The settings every terminator that fits a Gaussian process to the best trials shares
 * ({@link RegretBoundTerminator}, {@link ConvergedTerminator}): how many trials, which share of them,
 * the noise and the candidate points. Each setter checks its value and names it in the error.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class TopTrialsFitBuilder<B extends TopTrialsFitBuilder<B>> {
    int minTrials = 20;
    double topTrialsRatio = 0.1;
    Double noise;
    int candidates = 2000;

    TopTrialsFitBuilder() {
    }

    /** This builder as its concrete type. */
    abstract B self();

    /** Complete trials before anything is computed, and the fewest fitted (default 20, at least 2). */
    public B minTrials(int n) {
        this.minTrials = Requires.atLeast("min_trials", n, 2);
        return self();
    }

    /**
     * The share of the complete trials, best first, the Gaussian process is fitted to (default 0.1;
     * the paper's and Optuna's regret bound uses 0.5, over the whole space).
     */
    public B topTrialsRatio(double ratio) {
        Requires.argument(ratio > 0 && ratio <= 1,
                () -> "0 < top_trials_ratio <= 1 must hold, but got top_trials_ratio=" + ratio);
        this.topTrialsRatio = ratio;
        return self();
    }

    /**
     * The objective's noise as a standard deviation in its own units, instead of the
     * cross-validation scores or the fitted estimate (default: not given).
     */
    public B noise(double std) {
        Requires.argument(std > 0 && Double.isFinite(std), () -> "noise > 0 must hold, but got noise=" + std);
        this.noise = std;
        return self();
    }

    /** Random points searched for the smallest lower bound (default 2,000). */
    public B candidates(int n) {
        this.candidates = Requires.atLeast("candidates", n, 1);
        return self();
    }
}
