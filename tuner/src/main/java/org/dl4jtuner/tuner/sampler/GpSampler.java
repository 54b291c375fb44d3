package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.sampler.gp.GaussianProcess;
import org.dl4jtuner.tuner.sampler.gp.OutputWarping;
import org.dl4jtuner.tuner.sampler.gp.Posterior;
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
 * every complete (and, see below, pruned) trial shares; conditional parameters outside it are
 * drawn at random. The fitted hyperparameters are stored with the trial (system attribute
 * {@value #THETA_ATTR}) and start the next fit, which keeps the fit cheap and a resumed study
 * reproducible.
 *
 * <p><b>Pruned trials: a multi-fidelity model.</b> Under a pruner most trials stop early, and a
 * model of the complete ones alone learns from a few points; with fewer complete trials than
 * {@code startupTrials} it never starts at all. So once a trial has been pruned after reporting,
 * the model's inputs become the parameters plus the <em>fidelity</em> {@code s = log(step) /
 * log(full step)} in [0, 1]: a complete trial's value sits at {@code s = 1}, a pruned trial's last
 * reported value at the fidelity of its last step, and every trial's values at the steps where
 * trials were pruned (up to four such rungs) are added, so the model sees the same configurations at
 * several fidelities. The kernel is the Matern kernel over parameters and fidelity plus a quadratic
 * trend in the fidelity shared by all configurations ({@link GaussianProcess}'s fidelity
 * coordinate): the trend carries the improvement every learning curve shows, and the fidelity's
 * length scale, fitted like the others, says how well early values predict final ones on this
 * problem. Expected improvement is computed and maximised at {@code s = 1} only, against the
 * smallest predicted full-fidelity value over the observed points, and never at a configuration
 * already tried: on a discrete space the model, still unsure at {@code s = 1} about a pruned
 * configuration, would otherwise send it back to be pruned again (on the fashion-cnn-lc grid, 28
 * distinct configurations in 100 trials under Hyperband before this rule). Pruned trials count towards
 * {@code startupTrials}. The full step is {@link Builder#maxFidelity(int)} or else the largest step
 * a complete trial reported; until one is known, pruned trials are left out. The fit keeps at most
 * 300 observations, dropping the lowest fidelities first. A study with no pruned trial gets exactly
 * the single-fidelity model above, proposal for proposal.
 *
 * <p>Why this design: Optuna's {@code GPSampler} (4.x) fits complete trials only (running ones as
 * pending) and ignores pruned ones. Optuna's TPE ranks pruned trials after the complete ones, by
 * the step they reached and then their value, which needs no model of how values change with
 * training but also learns nothing from it. DEHB keeps one differential-evolution population per
 * budget and breeds a budget's candidates from the best of the budget below, so lower fidelities
 * steer higher ones without a joint model. A Gaussian process can do what neither ranking nor
 * per-budget populations do: model the fidelity as an input, as BOCA (Kandasamy et al. 2017) and
 * FABOLAS (Klein et al. 2017, whose kernel over training-set size has a polynomial basis like our
 * trend) do, and predict the full-fidelity value of a configuration seen only early. A plain
 * stationary kernel over (parameters, fidelity), tried first, did not: on curves that all improve
 * alike it explained the improvement by shortening the fidelity's length scale (to 0.3), so a
 * region pruned with bad early values still looked promising at the full fidelity.
 *
 * <p><b>Warm start.</b> With past studies ({@link Study#pastStudies()}), a model of their values is
 * the prior mean of this study's, scaled by how well it fits this study's values so far
 * ({@link GpPrior}); there are no random start-up trials then, and no constant liar.
 *
 * <p>The cost grows with the cube of the number of observations: meant for the tens to few
 * hundreds of expensive trials of network tuning, not for thousands of cheap ones.
 *
 * <pre>{@code
 * Study.builder().sampler(GpSampler.builder(42).build()).pruner(Pruners.hyperband(1, 81, 3)).build();
 * GpSampler.builder(42).maxFidelity(81).build();      // the full training is 81 epochs
 * GpSampler.builder(42).prunedTrials(false).build();  // complete trials only, as Optuna's GPSampler
 * }</pre>
 */
public final class GpSampler implements Sampler {
    /** System attribute holding the fitted kernel hyperparameters of the trial's proposal. */
    public static final String THETA_ATTR = "gp_theta";
    /**
     * System attribute of a warm-started study's trial: the slope the past studies' model entered the
     * proposal's model with ({@link Study#pastStudies()}; 0: the past was ignored).
     */
    public static final String PRIOR_SCALE_ATTR = "gp_prior_scale";
    private final long seed;
    private final int startupTrials;
    private final int candidates;
    private final int localStarts;
    private final boolean deterministic;
    private final boolean prunedTrials;
    private final Integer maxFidelity;
    private final RandomSampler random;

    private GpSampler(Builder b) {
        this.seed = b.seed;
        this.startupTrials = b.startupTrials;
        this.candidates = b.candidates;
        this.localStarts = b.localStarts;
        this.deterministic = b.deterministic;
        this.prunedTrials = b.prunedTrials;
        this.maxFidelity = b.maxFidelity;
        this.random = new RandomSampler(seed);
    }

    /** A builder: 10 startup trials, 1,024 random candidates, 5 local searches, noise fitted. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        if (!prunedTrials) {
            return SearchSpaces.intersection(study);
        }
        List<FrozenTrial> observed = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            if (t.state() == TrialState.COMPLETE || GpObservations.isPrunedObservation(t)) {
                observed.add(t);
            }
        }
        return SearchSpaces.intersection(observed);
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        UnitCube cube = new UnitCube(space);
        Integer fullStep = prunedTrials ? fullFidelityStep(study, trial) : null;
        GpObservations data = fullStep != null ? GpObservations.multiFidelity(study, trial, cube, fullStep)
                : GpObservations.singleFidelity(study, trial, cube);
        GaussianProcess past = data.multiFidelity || study.pastStudies().isEmpty() ? null
                : GpPrior.pastModel(study.pastStudies(), cube, study.direction(), deterministic);
        if (past != null) {
            return data.x.length == 0 ? Map.of() : proposeWithPast(study, trial, past, data, cube);
        }
        if (data.trials < startupTrials) {
            return Map.of();
        }
        double[] y = OutputWarping.warp(data.losses);
        double[][] x = data.x;
        boolean[] categorical = data.multiFidelity ? Arrays.copyOf(cube.categorical(), cube.dimension() + 1)
                : cube.categorical();
        int fidelity = data.multiFidelity ? cube.dimension() : GaussianProcess.NO_FIDELITY;
        GaussianProcess gp = GaussianProcess.fit(x, y, categorical, fidelity, data.startTheta, deterministic);
        double[] proposal = data.multiFidelity ? proposeAtFullFidelity(gp, data, y, cube, trial)
                : propose(gp, data, y, cube, trial);
        List<Double> theta = new ArrayList<>();
        for (double t : gp.theta()) {
            theta.add(t);
        }
        study.storage().setTrialSystemAttr(trial.id(), THETA_ATTR, theta);
        return cube.decode(proposal);
    }

    /**
     * Log EI of the model on top of the past studies' ({@link GpPrior}); running trials are not
     * counted. No random start-up: the past studies stand in for it.
     */
    private Map<String, Object> proposeWithPast(Study study, FrozenTrial trial, GaussianProcess past,
            GpObservations data, UnitCube cube) {
        double[] y = OutputWarping.warp(data.losses);
        GpPrior model = GpPrior.fit(past, data.x, y, cube.categorical(), data.startTheta, deterministic);
        double best = Arrays.stream(y).min().orElseThrow();
        double[] proposal = new AcquisitionOptimizer(model, cube, best).maximize(bestPoints(data.x, y, 3), candidates,
                localStarts, Seeds.random(seed, trial.number(), 0x6770L));
        List<Double> theta = new ArrayList<>();
        for (double t : model.theta()) {
            theta.add(t);
        }
        study.storage().setTrialSystemAttr(trial.id(), THETA_ATTR, theta);
        study.storage().setTrialSystemAttr(trial.id(), PRIOR_SCALE_ATTR, model.scale());
        return cube.decode(proposal);
    }

    /** Log EI over the complete trials' values, running trials counted at the worst of them. */
    private double[] propose(GaussianProcess gp, GpObservations data, double[] y, UnitCube cube, FrozenTrial trial) {
        double best = Double.POSITIVE_INFINITY;
        double worst = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            best = Math.min(best, v);
            worst = Math.max(worst, v);
        }
        Posterior model = data.pending.isEmpty() ? gp : withPending(gp, data.x, y, data.pending, worst, cube);
        List<double[]> incumbents = bestPoints(data.x, y, 3);
        return new AcquisitionOptimizer(model, cube, best)
                .maximize(incumbents, candidates, localStarts, Seeds.random(seed, trial.number(), 0x6770L));
    }

    /**
     * Log EI of the full-fidelity prediction: the incumbent is the smallest posterior mean at
     * fidelity 1 over the observed points (plug-in EI: a pruned trial's point may be the best guess
     * even though it never finished), and running trials count at fidelity 1 with the worst value
     * observed there. A configuration already tried (complete, pruned or running) is not proposed
     * again: the model keeps some uncertainty at fidelity 1 about a pruned one and would send it
     * back to the pruner, which stops it again where it stopped before.
     */
    private double[] proposeAtFullFidelity(GaussianProcess gp, GpObservations data, double[] y, UnitCube cube,
            FrozenTrial trial) {
        int d = cube.dimension();
        Posterior full = new FullFidelity(gp, d);
        double[][] points = new double[data.x.length][];
        double[] means = new double[data.x.length];
        double[] out = new double[2];
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.x.length; i++) {
            points[i] = Arrays.copyOf(data.x[i], d);
            full.predict(points[i], out, null, null);
            means[i] = out[0];
            if (data.x[i][d] == 1) {
                worst = Math.max(worst, y[i]);
            }
        }
        double best = Arrays.stream(means).min().orElseThrow();
        Posterior model = full;
        if (!data.pending.isEmpty()) {
            boolean[] categorical = Arrays.copyOf(cube.categorical(), d + 1);
            model = new FullFidelity(withPending(gp, data.x, y, data.pending,
                    Double.isFinite(worst) ? worst : Arrays.stream(y).max().orElseThrow(), categorical), d);
        }
        Set<List<Double>> tried = new HashSet<>();
        for (double[] p : points) {
            tried.add(AcquisitionOptimizer.key(p));
        }
        for (double[] p : data.pending) {
            tried.add(AcquisitionOptimizer.key(Arrays.copyOf(p, d)));
        }
        return new AcquisitionOptimizer(model, cube, best, tried)
                .maximize(bestPoints(points, means, 3), candidates, localStarts,
                        Seeds.random(seed, trial.number(), 0x6770L));
    }

    /**
     * The step that counts as the full training: the builder's {@code maxFidelity}, else the largest
     * step a complete trial reported; null (no multi-fidelity model) when no trial was pruned after
     * reporting, or when the full step is not known yet.
     */
    private Integer fullFidelityStep(Study study, FrozenTrial current) {
        boolean anyPruned = false;
        int largest = -1;
        for (FrozenTrial t : study.trials()) {
            if (t.id() == current.id()) {
                continue;
            }
            anyPruned |= GpObservations.isPrunedObservation(t);
            if (t.state() == TrialState.COMPLETE) {
                largest = Math.max(largest, t.lastStep());
            }
        }
        if (!anyPruned) {
            return null;
        }
        if (maxFidelity != null) {
            return maxFidelity;
        }
        return largest >= 1 ? largest : null;
    }

    private static GaussianProcess withPending(GaussianProcess gp, double[][] x, double[] y, List<double[]> pending,
            double worst, UnitCube cube) {
        return withPending(gp, x, y, pending, worst, cube.categorical());
    }

    private static GaussianProcess withPending(GaussianProcess gp, double[][] x, double[] y, List<double[]> pending,
            double worst, boolean[] categorical) {
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
        return GaussianProcess.condition(xs, ys, categorical, gp.fidelity(), gp.theta());
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

    /** The hyperparameters stored with a trial, or null when absent or not of {@code dimension} length scales. */
    static double[] storedTheta(FrozenTrial t, int dimension) {
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
        if (!prunedTrials) {
            settings.put("pruned_trials", false);
        }
        if (maxFidelity != null) {
            settings.put("max_fidelity", maxFidelity);
        }
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
        private boolean prunedTrials = true;
        private Integer maxFidelity;

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

        /**
         * Learn from pruned trials at the fidelity they reached (default true); false fits complete
         * trials only, as Optuna's GP sampler does.
         */
        public Builder prunedTrials(boolean use) {
            this.prunedTrials = use;
            return this;
        }

        /**
         * The step (epoch) that counts as the full training, for scaling pruned trials' fidelities
         * (default: the largest step any complete trial reported).
         */
        public Builder maxFidelity(int steps) {
            this.maxFidelity = Requires.atLeast("maxFidelity", steps, 2);
            return this;
        }

        /** The sampler. */
        public GpSampler build() {
            return new GpSampler(this);
        }
    }
}
