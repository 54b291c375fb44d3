package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * A steady-state genetic search, the search Arbiter users knew: the first {@code populationSize}
 * trials are random; afterwards the population is the best {@code populationSize} finished trials
 * (elitist; pruned trials rank below complete ones, by how far they got), and each new trial is a
 * child of two parents chosen by tournament selection, with uniform crossover and per-parameter
 * mutation (a Gaussian step on the unit scale for numbers, a new choice for categoricals). A child
 * identical to a parent is mutated once more. It works on the parameters every complete trial
 * shares, categorical ones included; conditional parameters are drawn at random.
 */
public final class EvolutionSampler implements Sampler {
    private final long seed;
    private final int populationSize;
    private final int tournamentSize;
    private final double crossoverRate;
    private final Double mutationRate;
    private final double mutationScale;
    private final RandomSampler random;

    private EvolutionSampler(Builder b) {
        this.seed = b.seed;
        this.populationSize = b.populationSize;
        this.tournamentSize = b.tournamentSize;
        this.crossoverRate = b.crossoverRate;
        this.mutationRate = b.mutationRate;
        this.mutationScale = b.mutationScale;
        this.random = new RandomSampler(seed);
    }

    /** A builder: population 20, tournaments of 3, crossover rate 0.9, mutation rate 1/d, step 0.1. */
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
        record Member(double[] x, int group, double key, int number) {
        }
        List<Member> finished = new ArrayList<>();
        for (FrozenTrial t : study.trials(TrialState.COMPLETE, TrialState.PRUNED)) {
            double[] x = cube.encode(t);
            if (x == null) {
                continue;
            }
            if (t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())) {
                finished.add(new Member(x, 0, study.direction().toLoss(t.value()), t.number()));
            } else if (t.state() == TrialState.PRUNED && !t.intermediateValues().isEmpty()) {
                finished.add(new Member(x, 1, -t.lastStep(), t.number()));
            }
        }
        if (finished.size() < populationSize) {
            return Map.of();
        }
        finished.sort(Comparator.comparingInt(Member::group).thenComparingDouble(Member::key)
                .thenComparingInt(Member::number));
        List<Member> population = finished.subList(0, populationSize);
        SplittableRandom rng = Seeds.random(seed, trial.number(), 0x6576L);
        double[] a = population.get(tournament(rng)).x;
        double[] b = population.get(tournament(rng)).x;
        int d = cube.dimension();
        double[] child = new double[d];
        boolean cross = rng.nextDouble() < crossoverRate;
        for (int j = 0; j < d; j++) {
            child[j] = cross && rng.nextBoolean() ? b[j] : a[j];
        }
        double rate = mutationRate != null ? mutationRate : 1.0 / d;
        for (int j = 0; j < d; j++) {
            if (rng.nextDouble() < rate) {
                mutate(cube, child, j, rng);
            }
        }
        for (int attempt = 0; attempt < 8 && (java.util.Arrays.equals(child, a) || java.util.Arrays.equals(child, b));
                attempt++) {
            mutate(cube, child, rng.nextInt(d), rng);
        }
        return cube.decode(child);
    }

    /** The index (into the ranked population) of the best of {@code tournamentSize} random members. */
    private int tournament(SplittableRandom rng) {
        int best = populationSize;
        for (int i = 0; i < tournamentSize; i++) {
            best = Math.min(best, rng.nextInt(populationSize));
        }
        return best;
    }

    private void mutate(UnitCube cube, double[] x, int j, SplittableRandom rng) {
        if (cube.categorical()[j]) {
            x[j] = rng.nextInt(cube.choices(j));
        } else {
            double before = x[j];
            x[j] = cube.snap(j, x[j] + mutationScale * Normal.sample(rng));
            if (x[j] == before && cube.discrete()[j]) {
                x[j] = cube.snap(j, rng.nextDouble());
            }
        }
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "evolution");
        settings.put("seed", seed);
        settings.put("population", populationSize);
        settings.put("tournament", tournamentSize);
        settings.put("crossover_rate", crossoverRate);
        if (mutationRate != null) {
            settings.put("mutation_rate", mutationRate);
        }
        settings.put("mutation_scale", mutationScale);
        return settings;
    }

    @Override
    public String name() {
        return "evolution(seed=" + seed + ", population=" + populationSize + ")";
    }

    /** Builder of an {@link EvolutionSampler}. */
    public static final class Builder {
        private final long seed;
        private int populationSize = 20;
        private int tournamentSize = 3;
        private double crossoverRate = 0.9;
        private Double mutationRate;
        private double mutationScale = 0.1;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Trials in the population, and random trials before evolution starts (default 20; at least 2). */
        public Builder populationSize(int n) {
            this.populationSize = Requires.atLeast("populationSize", n, 2);
            return this;
        }

        /** Members drawn per tournament (default 3; at least 1). */
        public Builder tournamentSize(int n) {
            this.tournamentSize = Requires.atLeast("tournamentSize", n, 1);
            return this;
        }

        /** Probability that a child mixes two parents (default 0.9). */
        public Builder crossoverRate(double p) {
            this.crossoverRate = Requires.inRange("crossoverRate", p, 0, 1);
            return this;
        }

        /** Probability that each parameter mutates (default 1 / number of parameters). */
        public Builder mutationRate(double p) {
            this.mutationRate = Requires.inRange("mutationRate", p, 0, 1);
            return this;
        }

        /** Standard deviation of a numeric mutation on the unit scale (default 0.1). */
        public Builder mutationScale(double s) {
            this.mutationScale = Requires.inRange("mutationScale", s, 1e-6, 1);
            return this;
        }

        /** The sampler. */
        public EvolutionSampler build() {
            return new EvolutionSampler(this);
        }
    }
}
