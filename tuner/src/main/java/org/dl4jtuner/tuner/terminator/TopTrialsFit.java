package org.dl4jtuner.tuner.terminator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.sampler.SearchSpaces;
import org.dl4jtuner.tuner.sampler.gp.GaussianProcess;

/**
 * A Gaussian process fitted to a study's best complete trials, shared by the terminators that
 * bound what is left to gain: the trials (best first), their points (each parameter mapped to
 * [0, 1] by its distribution, categorical ones as indices), their losses standardised, and the
 * model. The kernel hyperparameters of each fit are kept as a study system attribute and start
 * the next fit, so a new {@code Study} over the same storage fits (and decides) as the old one.
 */
final class TopTrialsFit {
    /** The complete trials with a finite value, best first (ties by number). */
    final List<FrozenTrial> complete;
    /** How many of them, best first, are fitted. */
    final int n;
    final List<Distribution> dists;
    final boolean[] categorical;
    /** The fitted trials' points, best first. */
    final double[][] x;
    /** The fitted trials' losses (minimised values). */
    final double[] loss;
    final double mean;
    /** The standard deviation of the fitted losses; 0 when they are all equal (then {@link #gp} is null). */
    final double scale;
    final GaussianProcess gp;

    private TopTrialsFit(List<FrozenTrial> complete, int n, List<Distribution> dists, boolean[] categorical,
            double[][] x, double[] loss, double mean, double scale, GaussianProcess gp) {
        this.complete = complete;
        this.n = n;
        this.dists = dists;
        this.categorical = categorical;
        this.x = x;
        this.loss = loss;
        this.mean = mean;
        this.scale = scale;
        this.gp = gp;
    }

    /**
     * Fits the best {@code topTrialsRatio} of the complete trials (at least {@code minTrials}),
     * starting from and then storing the hyperparameters under the study system attribute
     * {@code thetaAttr}; null before {@code minTrials} complete trials or when they share no parameter.
     */
    static TopTrialsFit of(Study study, int minTrials, double topTrialsRatio, String thetaAttr) {
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : study.trials(TrialState.COMPLETE)) {
            if (t.value() != null && Double.isFinite(t.value())) {
                complete.add(t);
            }
        }
        if (complete.size() < minTrials) {
            return null;
        }
        Map<String, Distribution> space = SearchSpaces.intersection(complete);
        if (space.isEmpty()) {
            return null;
        }
        complete.sort(Comparator.comparingDouble((FrozenTrial t) -> study.direction().toLoss(t.value()))
                .thenComparingInt(FrozenTrial::number));
        int n = Math.min(complete.size(), Math.max(minTrials, (int) Math.ceil(topTrialsRatio * complete.size())));
        List<String> names = new ArrayList<>(space.keySet());
        List<Distribution> dists = new ArrayList<>(space.values());
        int d = names.size();
        boolean[] categorical = new boolean[d];
        for (int j = 0; j < d; j++) {
            categorical[j] = dists.get(j) instanceof CategoricalDistribution;
        }
        double[][] x = new double[n][];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = encode(complete.get(i), names, dists, categorical);
            loss[i] = study.direction().toLoss(complete.get(i).value());
        }
        double mean = 0;
        for (double v : loss) {
            mean += v / n;
        }
        double variance = 0;
        for (double v : loss) {
            variance += (v - mean) * (v - mean) / n;
        }
        double scale = Math.sqrt(variance);
        GaussianProcess gp = null;
        if (scale > 0) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (loss[i] - mean) / scale;
            }
            gp = GaussianProcess.fit(x, y, categorical, storedTheta(study, thetaAttr, d), false);
            study.storage().setStudySystemAttr(study.id(), thetaAttr, boxed(gp.theta()));
        }
        return new TopTrialsFit(complete, n, dists, categorical, x, loss, mean, scale, gp);
    }

    /** The number of parameters modelled. */
    int dimension() {
        return categorical.length;
    }

    /** The best complete trial. */
    FrozenTrial best() {
        return complete.get(0);
    }

    /**
     * The confidence multiplier of the bound, {@code sqrt(2 ln(d n^2 pi^2 / (6 delta)) / 5)}: the
     * GP-UCB confidence of Srinivas et al. scaled down by 5, as Makarova et al. do.
     */
    double sqrtBeta(double delta) {
        return Math.sqrt(2 * Math.log(dimension() * (double) n * n * Math.PI * Math.PI / (6 * delta)) / 5);
    }

    /**
     * The regret bound of Makarova et al. in the objective's units: the smallest upper confidence
     * bound at the fitted points minus the smallest lower confidence bound over them and
     * {@code candidates} random points, both {@code width} posterior standard deviations from the
     * mean. The random points lie in the box the fitted points span (categorical parameters: a fitted
     * point's choice), or with {@code wholeSpace} anywhere (categorical parameters: any choice).
     * Needs the process ({@link #gp} not null).
     */
    double regretBound(double width, boolean wholeSpace, int candidates, SplittableRandom rng) {
        int d = dimension();
        double[] out = new double[2];
        double minUcb = Double.POSITIVE_INFINITY;
        double minLcb = Double.POSITIVE_INFINITY;
        for (double[] point : x) {
            gp.predict(point, out, null, null);
            double sd = Math.sqrt(out[1]);
            minUcb = Math.min(minUcb, out[0] + width * sd);
            minLcb = Math.min(minLcb, out[0] - width * sd);
        }
        double[] low = new double[d];
        double[] high = new double[d];
        for (int j = 0; j < d; j++) {
            low[j] = wholeSpace ? 0 : Double.POSITIVE_INFINITY;
            high[j] = wholeSpace ? 1 : Double.NEGATIVE_INFINITY;
            for (double[] p : x) {
                low[j] = Math.min(low[j], p[j]);
                high[j] = Math.max(high[j], p[j]);
            }
        }
        double[] point = new double[d];
        for (int c = 0; c < candidates; c++) {
            for (int j = 0; j < d; j++) {
                if (!categorical[j]) {
                    point[j] = low[j] + (high[j] - low[j]) * rng.nextDouble();
                } else if (wholeSpace) {
                    point[j] = rng.nextInt(((CategoricalDistribution) dists.get(j)).choices().size());
                } else {
                    point[j] = x[rng.nextInt(n)][j];
                }
            }
            gp.predict(point, out, null, null);
            minLcb = Math.min(minLcb, out[0] - width * Math.sqrt(out[1]));
        }
        return (minUcb - minLcb) * scale;
    }

    /** The noise standard deviation the process fitted, in the objective's units. */
    double fittedNoise() {
        return Math.sqrt(GaussianProcess.MIN_NOISE + Math.exp(gp.theta()[dimension() + 1])) * scale;
    }

    private static double[] encode(FrozenTrial t, List<String> names, List<Distribution> dists, boolean[] categorical) {
        double[] x = new double[names.size()];
        for (int j = 0; j < x.length; j++) {
            double internal = dists.get(j).toInternal(t.params().get(names.get(j)));
            x[j] = categorical[j] ? internal : dists.get(j).toUnit(internal);
        }
        return x;
    }

    private static double[] storedTheta(Study study, String attr, int d) {
        if (!(study.storage().studySystemAttrs(study.id()).get(attr) instanceof List<?> list) || list.size() != d + 2) {
            return null;
        }
        double[] theta = new double[d + 2];
        for (int i = 0; i < theta.length; i++) {
            if (!(list.get(i) instanceof Number v) || !Double.isFinite(v.doubleValue())) {
                return null;
            }
            theta[i] = v.doubleValue();
        }
        return theta;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
