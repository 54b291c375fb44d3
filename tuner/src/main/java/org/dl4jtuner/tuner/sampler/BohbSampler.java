package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * The model half of BOHB (Falkner, Klein and Hutter, ICML 2018); pair it with Hyperband's schedule
 * ({@code Pruners.hyperband(...)} or the synchronous {@code Hyperband}). Every reported epoch is an
 * observation at that budget: the sampler picks the largest budget (step) at which enough trials
 * have reported, splits them into the best {@code topFraction} ("good") and the rest ("bad"), fits
 * a {@link ProductKde} to each, draws {@code candidates} points from the good density with its
 * bandwidths widened by {@code bandwidthFactor}, and proposes the one with the largest good/bad
 * ratio. A fraction {@code randomFraction} of trials, and every trial before a model can be fitted,
 * is random, which keeps BOHB's guarantee of never being much worse than Hyperband.
 */
public final class BohbSampler implements Sampler {
    private final long seed;
    private final Integer minPointsInModel;
    private final double topFraction;
    private final int candidates;
    private final double randomFraction;
    private final double bandwidthFactor;
    private final double minBandwidth;
    private final RandomSampler random;

    private BohbSampler(Builder b) {
        this.seed = b.seed;
        this.minPointsInModel = b.minPointsInModel;
        this.topFraction = b.topFraction;
        this.candidates = b.candidates;
        this.randomFraction = b.randomFraction;
        this.bandwidthFactor = b.bandwidthFactor;
        this.minBandwidth = b.minBandwidth;
        this.random = new RandomSampler(seed);
    }

    /** A builder with the paper's defaults: top 15%, 64 candidates, 1/3 random, bandwidth factor 3. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        Map<String, Distribution> space = new TreeMap<>();
        for (FrozenTrial t : study.trials()) {
            if (t.id() != trial.id() && !t.intermediateValues().isEmpty()) {
                if (space.isEmpty()) {
                    space.putAll(t.distributions());
                } else {
                    space.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
                }
            }
        }
        space.values().removeIf(Distribution::isSingle);
        return space;
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        SplittableRandom rng = Seeds.random(seed, trial.number(), 0x626f6862L);
        if (space.isEmpty() || rng.nextDouble() < randomFraction) {
            return Map.of();
        }
        UnitCube cube = new UnitCube(space);
        int minPoints = minPointsInModel != null ? minPointsInModel : cube.dimension() + 1;
        // observations per budget: (point, loss at that step)
        Map<Integer, List<Observation>> byBudget = new TreeMap<>(Comparator.reverseOrder());
        for (FrozenTrial t : study.trials()) {
            if (t.id() == trial.id() || t.state() == TrialState.FAIL) {
                continue;
            }
            double[] x = cube.encode(t);
            if (x == null) {
                continue;
            }
            t.intermediateValues().forEach((step, value) -> {
                if (Double.isFinite(value)) {
                    byBudget.computeIfAbsent(step, s -> new ArrayList<>())
                            .add(new Observation(x, study.direction().toLoss(value), t.number()));
                }
            });
        }
        for (List<Observation> observations : byBudget.values()) {
            int n = observations.size();
            int nGood = Math.max(minPoints, (int) Math.ceil(topFraction * n));
            if (n - nGood < minPoints) {
                continue;
            }
            observations.sort(Comparator.comparingDouble(Observation::loss).thenComparingInt(Observation::number));
            List<double[]> good = new ArrayList<>();
            List<double[]> bad = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (i < nGood ? good : bad).add(observations.get(i).x);
            }
            ProductKde l = new ProductKde(cube, good, minBandwidth);
            ProductKde g = new ProductKde(cube, bad, minBandwidth);
            double[] best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates; c++) {
                double[] x = l.sample(rng, bandwidthFactor);
                double score = l.logPdf(x) - g.logPdf(x);
                if (best == null || score > bestScore) {
                    best = x;
                    bestScore = score;
                }
            }
            return cube.decode(best);
        }
        return Map.of();
    }

    private record Observation(double[] x, double loss, int number) {
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "bohb");
        settings.put("seed", seed);
        settings.put("top_fraction", topFraction);
        settings.put("candidates", candidates);
        settings.put("random_fraction", randomFraction);
        settings.put("bandwidth_factor", bandwidthFactor);
        if (minPointsInModel != null) {
            settings.put("min_points_in_model", minPointsInModel);
        }
        settings.put("min_bandwidth", minBandwidth);
        return settings;
    }

    @Override
    public String name() {
        return "bohb(seed=" + seed + ")";
    }

    /** Builder of a {@link BohbSampler}. */
    public static final class Builder {
        private final long seed;
        private Integer minPointsInModel;
        private double topFraction = 0.15;
        private int candidates = 64;
        private double randomFraction = 1.0 / 3;
        private double bandwidthFactor = 3;
        private double minBandwidth = 1e-3;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Observations each density needs at a budget (default: number of parameters + 1). */
        public Builder minPointsInModel(int n) {
            this.minPointsInModel = Requires.atLeast("minPointsInModel", n, 2);
            return this;
        }

        /** Fraction of observations in the good density (default 0.15). */
        public Builder topFraction(double f) {
            Requires.argument(f > 0 && f < 1, () -> "0 < topFraction < 1 must hold, but got topFraction=" + f);
            this.topFraction = f;
            return this;
        }

        /** Points drawn from the good density per proposal (default 64). */
        public Builder candidates(int n) {
            this.candidates = Requires.atLeast("candidates", n, 1);
            return this;
        }

        /** Fraction of trials drawn at random (default 1/3). */
        public Builder randomFraction(double f) {
            this.randomFraction = Requires.inRange("randomFraction", f, 0, 1);
            return this;
        }

        /** Widening of the good density's bandwidths when drawing candidates (default 3). */
        public Builder bandwidthFactor(double f) {
            Requires.argument(f > 0 && Double.isFinite(f), () -> "bandwidthFactor > 0 must hold, but got bandwidthFactor=" + f);
            this.bandwidthFactor = f;
            return this;
        }

        /** Smallest bandwidth on the unit scale (default 1e-3). */
        public Builder minBandwidth(double w) {
            this.minBandwidth = Requires.inRange("minBandwidth", w, 1e-9, 1);
            return this;
        }

        /** The sampler. */
        public BohbSampler build() {
            return new BohbSampler(this);
        }
    }
}
