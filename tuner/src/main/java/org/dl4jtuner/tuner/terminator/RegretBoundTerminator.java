package org.dl4jtuner.tuner.terminator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Stops when what is left to gain is smaller than the noise of the objective: the automatic
 * termination of Makarova et al. 2022 ("Automatic termination for hyperparameter optimization",
 * AutoML-Conf), as Optuna 3.x's {@code Terminator} with its {@code RegretBoundEvaluator} computes it,
 * with one choice of ours: where the smallest lower bound is looked for.
 *
 * <p><b>The bound.</b> A Gaussian process (Matern 5/2, hyperparameters fitted) is fitted to the
 * best {@code topTrialsRatio} of the complete trials (at least {@code minTrials}), values
 * standardised, each parameter mapped to [0, 1] by its distribution. With {@code beta = 2 ln(d n^2
 * pi^2 / (6 delta)) / 5} ({@code d} parameters, {@code n} trials fitted, {@code delta = 0.1}: the
 * GP-UCB confidence of Srinivas et al. scaled down by 5, as the paper does), the simple regret of
 * the best trial is at most {@code min UCB - min LCB}: the smallest upper bound over the fitted
 * trials minus the smallest lower bound over them and {@code candidates} random points of the
 * {@link Region region}. The study stops once that bound, in the objective's units, is below the
 * noise.
 *
 * <p><b>The region</b> is by default {@link Region#BEST_TRIALS}: the box the fitted trials span
 * (per numeric parameter, from the smallest to the largest value among them; per categorical
 * one, the choices among them), with the best 10% of the trials fitted. The bound is then on what
 * is left to gain where the search is converging, not in the whole space: fitted to the best
 * trials only, the process knows nothing of the regions the other trials showed to be poor, so
 * their prior uncertainty keeps a whole-space lower bound far below the best value (on three of
 * the four test functions of the terminator benchmark it did not stop within 500 trials of a TPE
 * study). {@link Region#SPACE} with {@code topTrialsRatio(0.5)} is the paper's and
 * Optuna's candidate set. A study that converges in a local basin stops in it: the bound says
 * the basin is exhausted, not that no other basin is better.
 *
 * <p><b>The noise</b>, first that applies: a fixed standard deviation given to the builder; the
 * spread of the best trial's cross-validation scores, {@code sqrt((1/k + 1/(k-1)) var)} over its
 * {@code k} fold values (the standard error the paper derives, from the user attribute
 * {@value #CV_SCORES_ATTR}, a list, or from {@value #FOLD_VALUES_ATTR}, the values per epoch
 * that the DL4J engine records with {@code data.folds}, at the trial's {@value #BEST_EPOCH_ATTR}
 * or last epoch); otherwise the noise standard deviation the Gaussian process fitted, an
 * estimate of the objective's noise (a deterministic objective estimates it near zero and is
 * then seldom stopped: give it a fixed noise, the least difference worth a trial). Fitted to the
 * best trials, whose noisy draws lean low, that estimate is below the true noise, the more so the
 * fewer trials are fitted: the study then stops later than with the true noise, never earlier.
 *
 * <p>The fitted kernel hyperparameters are kept as the study attribute {@value #THETA_ATTR} and
 * start the next fit, so a new {@code Study} over the same storage decides as the old one would.
 * Only the parameters every complete trial shares enter the model.
 */
public final class RegretBoundTerminator implements Terminator {
    /** Trial user attribute an objective may set: its cross-validation scores, a list of numbers. */
    public static final String CV_SCORES_ATTR = "cv_scores";
    /** Trial user attribute the DL4J engine sets with k-fold cross-validation: per epoch, each fold's value. */
    public static final String FOLD_VALUES_ATTR = "fold_values";
    /** Trial user attribute the DL4J engine sets: the epoch whose value the trial returned. */
    public static final String BEST_EPOCH_ATTR = "best_epoch";
    /** Study system attribute: the kernel hyperparameters of the last fit, which start the next one. */
    public static final String THETA_ATTR = "regret_bound_theta";
    private static final double DELTA = 0.1;

    /** Where the smallest lower bound of the regret bound is looked for. */
    public enum Region {
        /** The whole search space, as the paper and Optuna do. */
        SPACE,
        /** The box spanned by the fitted (best) trials: what is left to gain where the search converges. */
        BEST_TRIALS;

        /** The name in a spec: {@code space} or {@code best_trials}. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The region named {@code name} in a spec ({@code space} or {@code best_trials}). */
        public static Region fromSpecName(String name) {
            for (Region r : values()) {
                if (r.specName().equals(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("region must be space or best_trials, but got region=" + name);
        }
    }

    private final int minTrials;
    private final double topTrialsRatio;
    private final Double noise;
    private final int candidates;
    private final Region region;

    /** What the terminator computed from a study: the bound, the noise it is held against, and where that came from. */
    public record Evaluation(double regretBound, double noise, String noiseSource, int completeTrials) {
        /** Whether the study should stop: the bound is below the noise. */
        public boolean shouldStop() {
            return regretBound < noise;
        }
    }

    private RegretBoundTerminator(Builder b) {
        this.minTrials = b.minTrials;
        this.topTrialsRatio = b.topTrialsRatio;
        this.noise = b.noise;
        this.candidates = b.candidates;
        this.region = b.region;
    }

    /**
     * A builder: at least 20 complete trials, the best 10% of them fitted (at least 20), 2,000
     * random points in the box the fitted trials span, noise from the trials.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<String> reasonToStop(Study study) {
        Evaluation e = evaluate(study);
        if (e == null || !e.shouldStop()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "regret bound %.4g < noise %.4g (%s) after %d complete trials",
                e.regretBound(), e.noise(), e.noiseSource(), e.completeTrials()));
    }

    /** The bound and the noise now, or null before {@code minTrials} complete trials or without a shared parameter. */
    public Evaluation evaluate(Study study) {
        TopTrialsFit fit = TopTrialsFit.of(study, minTrials, topTrialsRatio, THETA_ATTR);
        if (fit == null) {
            return null;
        }
        Noise noiseNow = noiseOf(noise, fit);
        if (fit.gp == null) {
            return new Evaluation(0, noiseNow.std(), noiseNow.source(), fit.complete.size());
        }
        double bound = fit.regretBound(fit.sqrtBeta(DELTA), region == Region.SPACE, candidates,
                Seeds.random(study.seed(), fit.complete.size(), 0x7265677265L));
        return new Evaluation(bound, noiseNow.std(), noiseNow.source(), fit.complete.size());
    }

    /** A noise standard deviation and where it came from. */
    record Noise(double std, String source) {
    }

    /**
     * The noise a fit is held against: the fixed noise (when not null), else the best fitted
     * trial's cross-validation error, else the Gaussian process's fitted noise; 0 when there is no
     * process (the fitted trials' values are all equal).
     */
    static Noise noiseOf(Double noise, TopTrialsFit fit) {
        Noise given = fixedOrCrossValidation(noise, fit.best());
        if (given != null) {
            return given;
        }
        return fit.gp != null ? new Noise(fit.fittedNoise(), "the Gaussian process's fitted noise")
                : new Noise(0, "the fitted trials' values are all equal");
    }

    /** The fixed noise (when not null), else the best trial's cross-validation error, else null. */
    private static Noise fixedOrCrossValidation(Double noise, FrozenTrial best) {
        if (noise != null) {
            return new Noise(noise, "given");
        }
        List<Double> scores = crossValidationScores(best);
        if (scores == null) {
            return null;
        }
        int k = scores.size();
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var = scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum() / k;
        return new Noise(Math.sqrt((1.0 / k + 1.0 / (k - 1)) * var),
                "cross-validation error of trial " + best.number() + " over " + k + " folds");
    }

    /** The trial's cross-validation scores (at least two finite numbers), or null. */
    static List<Double> crossValidationScores(FrozenTrial t) {
        Object scores = t.userAttrs().get(CV_SCORES_ATTR);
        if (scores == null && t.userAttrs().get(FOLD_VALUES_ATTR) instanceof Map<?, ?> byEpoch && !byEpoch.isEmpty()) {
            Object bestEpoch = t.userAttrs().get(BEST_EPOCH_ATTR);
            scores = bestEpoch != null ? byEpoch.get(bestEpoch.toString()) : null;
            if (scores == null) {
                int last = byEpoch.keySet().stream().mapToInt(k -> Integer.parseInt(k.toString())).max().orElseThrow();
                scores = byEpoch.get(Integer.toString(last));
            }
        }
        if (!(scores instanceof List<?> list) || list.size() < 2) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number v) || !Double.isFinite(v.doubleValue())) {
                return null;
            }
            values.add(v.doubleValue());
        }
        return values;
    }

    @Override
    public String name() {
        return "regret_bound";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", name());
        settings.put("min_trials", minTrials);
        settings.put("top_trials_ratio", topTrialsRatio);
        if (noise != null) {
            settings.put("noise", noise);
        }
        settings.put("candidates", candidates);
        settings.put("region", region.specName());
        return settings;
    }

    /** Builder of a {@link RegretBoundTerminator}. */
    public static final class Builder extends TopTrialsFitBuilder<Builder> {
        private Region region = Region.BEST_TRIALS;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** Where the smallest lower bound is looked for (default {@link Region#BEST_TRIALS}). */
        public Builder region(Region region) {
            this.region = java.util.Objects.requireNonNull(region, "region");
            return this;
        }

        /** The terminator. */
        public RegretBoundTerminator build() {
            return new RegretBoundTerminator(this);
        }
    }
}
