package org.dl4jtuner.cli.spec;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.terminator.ConvergedTerminator;
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
 * @param converged            the {@code converged} terminator's options, or null when it is off
 */
public record StopWhenSpec(Integer noImprovementTrials, boolean regretBound, Double regretBoundNoise,
        int regretBoundMinTrials, RegretBoundTerminator.Region regretBoundRegion, Converged converged) {
    /**
     * The options of {@code study.stop_when.converged} ({@link ConvergedTerminator}).
     *
     * @param noise       the noise (a standard deviation of the metric), or null: from the best trial's
     *                    cross-validation folds, else estimated by the Gaussian process
     * @param minTrials   complete trials before either test is made
     * @param minProgress noise standard deviations the best trials must lie below the median one beyond noise
     * @param confidence  the scale of the regret bound's confidence width, or null for the default by dimension
     */
    public record Converged(Double noise, int minTrials, double minProgress, Double confidence) {
        /** {@code converged: true}: every option at its default. */
        public static final Converged DEFAULTS = new Converged(null, DEFAULT_MIN_TRIALS, DEFAULT_MIN_PROGRESS, null);

        /** The terminator. */
        public Terminator terminator() {
            ConvergedTerminator.Builder b = ConvergedTerminator.builder().minTrials(minTrials).minProgress(minProgress);
            if (noise != null) {
                b.noise(noise);
            }
            if (confidence != null) {
                b.confidence(confidence);
            }
            return b.build();
        }
    }

    /** As the canonical constructor, without the {@code converged} terminator. */
    public StopWhenSpec(Integer noImprovementTrials, boolean regretBound, Double regretBoundNoise, int regretBoundMinTrials,
            RegretBoundTerminator.Region regretBoundRegion) {
        this(noImprovementTrials, regretBound, regretBoundNoise, regretBoundMinTrials, regretBoundRegion, null);
    }

    /** As the canonical constructor, with the regret bound's default region (the best trials' box). */
    public StopWhenSpec(Integer noImprovementTrials, boolean regretBound, Double regretBoundNoise, int regretBoundMinTrials) {
        this(noImprovementTrials, regretBound, regretBoundNoise, regretBoundMinTrials,
                RegretBoundTerminator.Region.BEST_TRIALS);
    }

    /** The default minimum number of complete trials of the regret bound and of {@code converged}. */
    public static final int DEFAULT_MIN_TRIALS = 20;
    /** The default {@code converged.min_progress}, in noise standard deviations. */
    public static final double DEFAULT_MIN_PROGRESS = 0.5;
    /** No {@code stop_when}: the study runs its trials. */
    public static final StopWhenSpec NONE = new StopWhenSpec(null, false, null, DEFAULT_MIN_TRIALS);

    /** Whether any terminator is on. */
    public boolean any() {
        return noImprovementTrials != null || regretBound || converged != null;
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
        if (converged != null) {
            terminators.add(converged.terminator());
        }
        return terminators.isEmpty() ? null : Terminators.anyOf(terminators);
    }
}
