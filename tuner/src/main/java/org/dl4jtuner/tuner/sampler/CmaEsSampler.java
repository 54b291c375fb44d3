package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * CMA-ES with IPOP restarts (Auger and Hansen 2005) over the numeric parameters every complete
 * trial shares, on the unit cube (log-scaled parameters in log space; integers and stepped floats
 * snapped when the trial takes them). The first run starts at the centre of the space with step
 * size 1/6 of each range (or, warm-started, at the past studies' best points: see
 * {@link Study#pastStudies()}); when a run converges (tiny step, ill-conditioned covariance, or a
 * generation of equal values) the next starts at a random point with twice the population.
 * Categorical and conditional parameters are drawn at random.
 *
 * <p>The sampler keeps no optimiser state: each trial records its restart, generation and index
 * (system attributes), and the state is rebuilt by replaying the recorded generations, whose
 * candidates follow from the seed. A generation is complete when its population of trials has
 * finished (pruned trials rank by their last reported value; failed ones are replaced by extra
 * candidates). So a resumed study continues exactly, and parallel workers share one run.
 */
public final class CmaEsSampler implements Sampler {
    /** System attribute: the CMA-ES run (0 for the first, 1 after the first restart, ...). */
    public static final String RESTART_ATTR = "cmaes_restart";
    /** System attribute: the generation within the run. */
    public static final String GENERATION_ATTR = "cmaes_generation";
    /** System attribute: the candidate's index within its generation. */
    public static final String INDEX_ATTR = "cmaes_index";
    private static final String SPACE_ATTR = "cmaes_space";
    private static final int MAX_POPULATION = 512;
    /** Past points the first run needs to start from them instead of the centre. */
    private static final int MIN_PAST_POINTS = 3;
    /** The smallest step along an axis of a first run started from past points. */
    private static final double MIN_PAST_STEP = 0.02;
    private final long seed;
    private final Integer population;
    private final double sigma0;
    private final boolean restarts;
    private final RandomSampler random;

    private CmaEsSampler(Builder b) {
        this.seed = b.seed;
        this.population = b.population;
        this.sigma0 = b.sigma0;
        this.restarts = b.restarts;
        this.random = new RandomSampler(seed);
    }

    /** A builder: default population 4 + 3 ln d, step size 1/6, IPOP restarts on. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        Map<String, Distribution> space = new LinkedHashMap<>(SearchSpaces.intersection(study));
        space.values().removeIf(d -> d instanceof CategoricalDistribution);
        return space;
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        UnitCube cube = new UnitCube(space);
        String spaceKey = space.toString();
        Map<Long, List<FrozenTrial>> byGeneration = new HashMap<>();
        for (FrozenTrial t : study.trials()) {
            if (t.id() != trial.id() && spaceKey.equals(t.systemAttrs().get(SPACE_ATTR))) {
                byGeneration.computeIfAbsent(key(intAttr(t, RESTART_ATTR), intAttr(t, GENERATION_ATTR)),
                        k -> new ArrayList<>()).add(t);
            }
        }
        int restart = 0;
        int lambda = population != null ? population : CmaEsState.defaultPopulation(cube.dimension());
        CmaEsState state = firstRun(study, cube, lambda);
        while (true) {
            List<FrozenTrial> members = byGeneration.getOrDefault(key(restart, state.generation()), List.of());
            List<FrozenTrial> finished = new ArrayList<>();
            for (FrozenTrial t : members) {
                if (!Double.isNaN(loss(study, t))) {
                    finished.add(t);
                }
            }
            if (finished.size() < state.population()) {
                return propose(study, trial, cube, state, restart, members.size(), spaceKey);
            }
            finished.sort(Comparator.comparingInt(FrozenTrial::number));
            List<FrozenTrial> generation = new ArrayList<>(finished.subList(0, state.population()));
            generation.sort(Comparator.comparingDouble(t -> loss(study, t)));
            List<double[]> ranked = new ArrayList<>();
            for (FrozenTrial t : generation) {
                ranked.add(state.sample(candidateRandom(restart, state.generation(), intAttr(t, INDEX_ATTR))));
            }
            double range = loss(study, generation.get(generation.size() - 1)) - loss(study, generation.get(0));
            state.update(ranked);
            if (restarts && state.shouldStop(range)) {
                restart++;
                lambda = Math.min(MAX_POPULATION, 2 * lambda);
                state = new CmaEsState(randomPoint(cube.dimension(), Seeds.random(seed, restart, 0x6d65616eL)),
                        sigma0, lambda);
            }
        }
    }

    /**
     * The first run's start: the centre of the space with step size {@code sigma0}; with past studies
     * ({@link Study#pastStudies()}), the mean of their best {@code lambda / 2} points (at least
     * {@value #MIN_PAST_POINTS} of them), with each axis's step the spread of those points along it
     * (between {@value #MIN_PAST_STEP} and {@code sigma0}).
     */
    private CmaEsState firstRun(Study study, UnitCube cube, int lambda) {
        int d = cube.dimension();
        List<double[]> best = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (List<FrozenTrial> past : study.pastStudies()) {
            for (FrozenTrial t : past) {
                double[] x = cube.encode(t);
                double loss = loss(study, t);
                if (x != null && t.state() == TrialState.COMPLETE && !Double.isNaN(loss)) {
                    best.add(x);
                    losses.add(loss);
                }
            }
        }
        if (best.size() < MIN_PAST_POINTS) {
            return new CmaEsState(centre(d), sigma0, lambda);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(losses::get));
        int k = Math.min(best.size(), Math.max(MIN_PAST_POINTS, lambda / 2));
        double[] mean = new double[d];
        for (int r = 0; r < k; r++) {
            double[] x = best.get(order.get(r));
            for (int j = 0; j < d; j++) {
                mean[j] += x[j] / k;
            }
        }
        double[] spread = new double[d];
        double logSum = 0;
        for (int j = 0; j < d; j++) {
            double var = 0;
            for (int r = 0; r < k; r++) {
                double diff = best.get(order.get(r))[j] - mean[j];
                var += diff * diff / (k - 1);
            }
            spread[j] = Math.max(MIN_PAST_STEP, Math.min(sigma0, Math.sqrt(var)));
            logSum += Math.log(spread[j]);
        }
        double sigma = Math.exp(logSum / d);
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            scales[j] = spread[j] / sigma;
        }
        return new CmaEsState(mean, sigma, scales, lambda);
    }

    private Map<String, Object> propose(Study study, FrozenTrial trial, UnitCube cube, CmaEsState state, int restart,
            int index, String spaceKey) {
        double[] x = state.sample(candidateRandom(restart, state.generation(), index));
        study.storage().setTrialSystemAttr(trial.id(), SPACE_ATTR, spaceKey);
        study.storage().setTrialSystemAttr(trial.id(), RESTART_ATTR, restart);
        study.storage().setTrialSystemAttr(trial.id(), GENERATION_ATTR, state.generation());
        study.storage().setTrialSystemAttr(trial.id(), INDEX_ATTR, index);
        return cube.decode(x);
    }

    private SplittableRandom candidateRandom(int restart, int generation, int index) {
        return Seeds.random(seed, restart, generation, index, 0x636d61L);
    }

    /** The trial's loss for ranking, or NaN while it has none (running, failed). */
    private static double loss(Study study, FrozenTrial t) {
        if (t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())) {
            return study.direction().toLoss(t.value());
        }
        if (t.state() == TrialState.PRUNED && !t.intermediateValues().isEmpty()) {
            double last = t.intermediateValues().lastEntry().getValue();
            return Double.isFinite(last) ? study.direction().toLoss(last) : Double.NaN;
        }
        return Double.NaN;
    }

    private static long key(int restart, int generation) {
        return ((long) restart << 32) | (generation & 0xffffffffL);
    }

    private static int intAttr(FrozenTrial t, String name) {
        return t.systemAttrs().get(name) instanceof Number n ? n.intValue() : -1;
    }

    private static double[] centre(int dimension) {
        double[] x = new double[dimension];
        java.util.Arrays.fill(x, 0.5);
        return x;
    }

    private static double[] randomPoint(int dimension, SplittableRandom rng) {
        double[] x = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            x[i] = rng.nextDouble();
        }
        return x;
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "cmaes");
        settings.put("seed", seed);
        if (population != null) {
            settings.put("population", population);
        }
        settings.put("sigma0", sigma0);
        settings.put("restarts", restarts);
        return settings;
    }

    @Override
    public String name() {
        return "cmaes(seed=" + seed + (population != null ? ", population=" + population : "")
                + (restarts ? ", ipop" : "") + ")";
    }

    /** Builder of a {@link CmaEsSampler}. */
    public static final class Builder {
        private final long seed;
        private Integer population;
        private double sigma0 = 1.0 / 6;
        private boolean restarts = true;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Candidates per generation of the first run (default 4 + floor(3 ln d); at least 4). */
        public Builder population(int n) {
            this.population = Requires.atLeast("population", n, 4);
            return this;
        }

        /** Initial step size as a fraction of each range (default 1/6; 0 &lt; sigma0 &lt;= 1). */
        public Builder sigma0(double sigma0) {
            Requires.argument(sigma0 > 0 && sigma0 <= 1, () -> "0 < sigma0 <= 1 must hold, but got sigma0=" + sigma0);
            this.sigma0 = sigma0;
            return this;
        }

        /** Restart with a doubled population when a run converges (default true). */
        public Builder restarts(boolean restarts) {
            this.restarts = restarts;
            return this;
        }

        /** The sampler. */
        public CmaEsSampler build() {
            return new CmaEsSampler(this);
        }
    }
}
