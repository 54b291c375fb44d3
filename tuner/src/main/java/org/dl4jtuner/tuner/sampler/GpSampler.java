package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.sampler.gp.GaussianProcess;
import org.dl4jtuner.tuner.sampler.gp.OutputWarping;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Gaussian-process Bayesian optimisation. After {@code startupTrials} random trials, each trial
 * fits a {@link GaussianProcess} (Matern 5/2, one length scale per parameter, maximum a posteriori
 * hyperparameters) to the complete trials' values, after a Yeo-Johnson warping that tames heavy
 * tails, and proposes the point of largest log expected improvement.
 *
 * <p>Integers and stepped floats are snapped onto their grid before the kernel sees them, so the
 * model never scores a value the trial could not take; categorical parameters enter the kernel
 * through a Hamming distance. Running trials count as observations at the worst value seen
 * (a constant liar), so parallel workers propose different points. The joint space is the one
 * every complete trial shares; conditional parameters outside it are drawn at random. The fitted
 * hyperparameters are stored with the trial (system attribute {@value #THETA_ATTR}) and start the
 * next fit, which keeps the fit cheap and a resumed study reproducible.
 *
 * <p>The cost grows with the cube of the number of complete trials: meant for the tens to few
 * hundreds of expensive trials of network tuning, not for thousands of cheap ones.
 */
public final class GpSampler implements Sampler {
    /** System attribute holding the fitted kernel hyperparameters of the trial's proposal. */
    public static final String THETA_ATTR = "gp_theta";
    private final long seed;
    private final int startupTrials;
    private final int candidates;
    private final int localStarts;
    private final boolean deterministic;
    private final RandomSampler random;

    private GpSampler(Builder b) {
        this.seed = b.seed;
        this.startupTrials = b.startupTrials;
        this.candidates = b.candidates;
        this.localStarts = b.localStarts;
        this.deterministic = b.deterministic;
        this.random = new RandomSampler(seed);
    }

    /** A builder: 10 startup trials, 1,024 random candidates, 5 local searches, noise fitted. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return SearchSpaces.intersection(study);
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        UnitCube cube = new UnitCube(space);
        List<double[]> points = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<double[]> pending = new ArrayList<>();
        double[] start = null;
        int startNumber = -1;
        for (FrozenTrial t : study.trials()) {
            if (t.id() == trial.id()) {
                continue;
            }
            boolean complete = t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value());
            if (!complete && t.state() != TrialState.RUNNING) {
                continue;
            }
            double[] x = cube.encode(t);
            if (x == null) {
                continue;
            }
            if (complete) {
                points.add(x);
                losses.add(study.direction().toLoss(t.value()));
                double[] theta = storedTheta(t, cube.dimension());
                if (theta != null && t.number() > startNumber) {
                    start = theta;
                    startNumber = t.number();
                }
            } else {
                pending.add(x);
            }
        }
        if (points.size() < startupTrials) {
            return Map.of();
        }
        double[] y = OutputWarping.warp(losses.stream().mapToDouble(Double::doubleValue).toArray());
        double[][] x = points.toArray(double[][]::new);
        GaussianProcess gp = GaussianProcess.fit(x, y, cube.categorical(), start, deterministic);
        double best = Double.POSITIVE_INFINITY;
        double worst = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            best = Math.min(best, v);
            worst = Math.max(worst, v);
        }
        GaussianProcess model = pending.isEmpty() ? gp : withPending(gp, x, y, pending, worst, cube);
        List<double[]> incumbents = bestPoints(x, y, 3);
        double[] proposal = new AcquisitionOptimizer(model, cube, best)
                .maximize(incumbents, candidates, localStarts, Seeds.random(seed, trial.number(), 0x6770L));
        List<Double> theta = new ArrayList<>();
        for (double t : gp.theta()) {
            theta.add(t);
        }
        study.storage().setTrialSystemAttr(trial.id(), THETA_ATTR, theta);
        return cube.decode(proposal);
    }

    private static GaussianProcess withPending(GaussianProcess gp, double[][] x, double[] y, List<double[]> pending,
            double worst, UnitCube cube) {
        double[][] xs = new double[x.length + pending.size()][];
        double[] ys = new double[xs.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[i];
            ys[i] = y[i];
        }
        for (int i = 0; i < pending.size(); i++) {
            xs[x.length + i] = pending.get(i);
            ys[x.length + i] = worst;
        }
        return GaussianProcess.condition(xs, ys, cube.categorical(), gp.theta());
    }

    private static List<double[]> bestPoints(double[][] x, double[] y, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> y[i]));
        List<double[]> result = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.size()); i++) {
            result.add(x[order.get(i)]);
        }
        return result;
    }

    private static double[] storedTheta(FrozenTrial t, int dimension) {
        if (!(t.systemAttrs().get(THETA_ATTR) instanceof List<?> list) || list.size() != dimension + 2) {
            return null;
        }
        double[] theta = new double[list.size()];
        for (int i = 0; i < theta.length; i++) {
            if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                return null;
            }
            theta[i] = n.doubleValue();
        }
        return theta;
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "gp");
        settings.put("seed", seed);
        settings.put("startup_trials", startupTrials);
        settings.put("candidates", candidates);
        settings.put("deterministic", deterministic);
        settings.put("local_starts", localStarts);
        return settings;
    }

    @Override
    public String name() {
        return "gp(seed=" + seed + (deterministic ? ", deterministic" : "") + ")";
    }

    /** Builder of a {@link GpSampler}. */
    public static final class Builder {
        private final long seed;
        private int startupTrials = 10;
        private int candidates = 1024;
        private int localStarts = 5;
        private boolean deterministic;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Random trials before the model is used (default 10; at least 2). */
        public Builder startupTrials(int n) {
            this.startupTrials = Requires.atLeast("startupTrials", n, 2);
            return this;
        }

        /** Random points scored before the local searches (default 1,024). */
        public Builder candidates(int n) {
            this.candidates = Requires.atLeast("candidates", n, 1);
            return this;
        }

        /** Local searches from the best-scored points (default 5). */
        public Builder localStarts(int n) {
            this.localStarts = Requires.atLeast("localStarts", n, 1);
            return this;
        }

        /** The objective returns the same value for the same parameters: fix the noise near zero (default false). */
        public Builder deterministic(boolean deterministic) {
            this.deterministic = deterministic;
            return this;
        }

        /** The sampler. */
        public GpSampler build() {
            return new GpSampler(this);
        }
    }
}
