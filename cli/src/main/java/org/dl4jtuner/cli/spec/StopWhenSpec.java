package org.dl4jtuner.cli.spec;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.terminator.RegretBoundTerminator;
import org.dl4jtuner.tuner.terminator.Terminator;
import org.dl4jtuner.tuner.terminator.Terminators;

/**
 * The {@code study.stop_when} section: when a study ends before its trials are used up.
 *
 * @param noImprovementTrials  stop after this many finished trials without a better value, or null
 * @param regretBound          stop when the regret bound falls below the objective's noise
 * @param regretBoundNoise     the noise (a standard deviation of the metric), or null: from the best
 *                             trial's cross-validation folds, else estimated by the Gaussian process
 * @param regretBoundMinTrials complete trials before the regret bound is computed
 * @param regretBoundRegion    where the regret bound looks for its smallest lower bound
 */
public record StopWhenSpec(Integer noImprovementTrials, boolean regretBound, Double regretBoundNoise,
        int regretBoundMinTrials, RegretBoundTerminator.Region regretBoundRegion) {
    /** As the canonical constructor, with the regret bound's default region (the best trials' box). */
    public StopWhenSpec(Integer noImprovementTrials, boolean regretBound, Double regretBoundNoise, int regretBoundMinTrials) {
        this(noImprovementTrials, regretBound, regretBoundNoise, regretBoundMinTrials,
                RegretBoundTerminator.Region.BEST_TRIALS);
    }

    /** The default minimum number of complete trials of the regret bound. */
    public static final int DEFAULT_MIN_TRIALS = 20;
    /** No {@code stop_when}: the study runs its trials. */
    public static final StopWhenSpec NONE = new StopWhenSpec(null, false, null, DEFAULT_MIN_TRIALS);

    /** Whether any terminator is on. */
    public boolean any() {
        return noImprovementTrials != null || regretBound;
    }

    /** The study's terminator, or null when none is on. */
    public Terminator terminator() {
        List<Terminator> terminators = new ArrayList<>();
        if (noImprovementTrials != null) {
            terminators.add(Terminators.noImprovement(noImprovementTrials));
        }
        if (regretBound) {
            RegretBoundTerminator.Builder b = RegretBoundTerminator.builder().minTrials(regretBoundMinTrials)
                    .region(regretBoundRegion);
            if (regretBoundRegion == RegretBoundTerminator.Region.SPACE) {
                b.topTrialsRatio(0.5);
            }
            if (regretBoundNoise != null) {
                b.noise(regretBoundNoise);
            }
            terminators.add(b.build());
        }
        return terminators.isEmpty() ? null : Terminators.anyOf(terminators);
    }
}
