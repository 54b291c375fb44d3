package org.dl4jtuner.tuner.sampler;

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
 * NSGA-II (Deb et al. 2002) for one or more objectives, with Deb's (2000) constraint domination
 * (a feasible trial beats an infeasible one; of two infeasible ones, the smaller total violation
 * wins). Generation 0 is {@code populationSize} random trials; every later trial is a child of two
 * parents of the current elite, chosen by binary tournaments on (front, crowding distance), crossed
 * (each parameter taken from either parent, or, for half of them, blended by simulated binary
 * crossover) and mutated by polynomial mutation on the unit cube (log-scaled
 * parameters in log space, integers and stepped floats snapped, categorical ones crossed uniformly
 * and mutated to a random choice). It works on the parameters every finished (complete or pruned)
 * trial shares; conditional ones are drawn at random.
 *
 * <p>Pruned trials count towards a generation: a generation is filled once {@code populationSize}
 * of its trials are complete or pruned (failed ones do not count), and in the elite a
 * pruned trial ranks after every complete one (see {@link Nsga2Population}). So a study whose
 * pruner stops most trials still breeds generation after generation rather than drawing random
 * trials until enough of them complete; a study without pruned trials is unaffected.
 *
 * <p>The sampler keeps no state: each trial records its generation ({@value #GENERATION_ATTR}) and
 * parents' numbers ({@value #PARENTS_ATTR}) as system attributes, and the elite is rebuilt from
 * them (see {@link Nsga2Population}); a resumed study, or parallel workers, continue the same run.
 *
 * <pre>{@code
 * Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE)
 *         .sampler(Nsga2Sampler.builder(42).populationSize(40).build()).build();
 * }</pre>
 */
public final class Nsga2Sampler implements Sampler {
    /** System attribute: the trial's generation (0 for the random first population). */
    public static final String GENERATION_ATTR = "nsga2_generation";
    /** System attribute: the numbers of the trial's two parents; absent in generation 0. */
    public static final String PARENTS_ATTR = "nsga2_parents";

    private final long seed;
    private final int populationSize;
    private final double crossoverProbability;
    private final Double mutationProbability;
    private final double crossoverEta;
    private final double mutationEta;
    private final double uniformMutation;
    private final double sbxShare;
    private final Nsga2Variation variation;
    private final RandomSampler random;

    private Nsga2Sampler(Builder b) {
        this.seed = b.seed;
        this.populationSize = b.populationSize;
        this.crossoverProbability = b.crossoverProbability;
        this.mutationProbability = b.mutationProbability;
        this.crossoverEta = b.crossoverEta;
        this.mutationEta = b.mutationEta;
        this.uniformMutation = b.uniformMutation;
        this.sbxShare = b.sbxShare;
        this.variation = new Nsga2Variation(crossoverProbability, crossoverEta, mutationProbability, mutationEta,
                uniformMutation, sbxShare);
        this.random = new RandomSampler(seed, false);
    }

    /**
     * A builder: population 20 (Optuna's is 50: with the 50 to 300 trials a network's study runs, a
     * smaller one gets more generations; see docs/benchmarks.md), crossover probability 0.9 (half
     * the parameters blended by SBX, eta 20, the others from either parent), mutation probability
     * 1/d (polynomial, eta 20); Optuna's operators through {@link Builder#sbxShare} and
     * {@link Builder#uniformMutation}.
     */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** Records the trial's generation: one past the last filled generation. */
    @Override
    public void beforeTrial(Study study, FrozenTrial trial) {
        if (trial.systemAttrs().containsKey(GENERATION_ATTR)) {
            return;
        }
        Nsga2Population parents = population(study);
        study.storage().setTrialSystemAttr(trial.id(), GENERATION_ATTR, parents.generation() + 1);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return SearchSpaces.intersection(study.trials(TrialState.COMPLETE, TrialState.PRUNED));
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        Nsga2Population parents = population(study);
        if (space.isEmpty() || parents.generation() < 0) {
            return Map.of();
        }
        UnitCube cube = new UnitCube(space);
        SplittableRandom rng = Seeds.random(seed, trial.number(), 0x6e736761L);
        List<Nsga2Population.Member> members = parents.members();
        int first = tournament(members, rng, -1);
        int second = tournament(members, rng, first);
        double[] a = cube.encode(members.get(first).trial());
        double[] b = cube.encode(members.get(second).trial());
        if (a == null || b == null) {
            return Map.of();
        }
        study.storage().setTrialSystemAttr(trial.id(), PARENTS_ATTR,
                List.of(members.get(first).trial().number(), members.get(second).trial().number()));
        return cube.decode(variation.child(cube, a, b, rng));
    }

    private Nsga2Population population(Study study) {
        return Nsga2Population.of(study.trials(), study.directions(), populationSize, GENERATION_ATTR);
    }

    /** The winner of a binary tournament (crowded comparison), never {@code other} when there is a choice. */
    private static int tournament(List<Nsga2Population.Member> members, SplittableRandom rng, int other) {
        int n = members.size();
        int i = pick(n, rng, other);
        int j = pick(n, rng, other);
        return members.get(j).beats(members.get(i)) ? j : i;
    }

    private static int pick(int n, SplittableRandom rng, int other) {
        if (other < 0 || n < 2) {
            return rng.nextInt(n);
        }
        int k = rng.nextInt(n - 1);
        return k >= other ? k + 1 : k;
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    /** NSGA-II ranks vectors, so any number of objectives works. */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "nsga2");
        settings.put("seed", seed);
        settings.put("population_size", populationSize);
        settings.put("crossover_prob", crossoverProbability);
        if (mutationProbability != null) {
            settings.put("mutation_prob", mutationProbability);
        }
        settings.put("sbx_share", sbxShare);
        settings.put("crossover_eta", crossoverEta);
        settings.put("mutation_eta", mutationEta);
        settings.put("uniform_mutation", uniformMutation);
        return settings;
    }

    @Override
    public String name() {
        return "nsga2(seed=" + seed + ", population=" + populationSize + ")";
    }

    /** Builder of an {@link Nsga2Sampler}. */
    public static final class Builder {
        private final long seed;
        private int populationSize = 20;
        private double crossoverProbability = 0.9;
        private Double mutationProbability;
        private double crossoverEta = 20;
        private double mutationEta = 20;
        private double uniformMutation = 0;
        private double sbxShare = 0.5;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Trials per generation, and random trials before the first children (default 20; at least 2). */
        public Builder populationSize(int n) {
            this.populationSize = Requires.atLeast("populationSize", n, 2);
            return this;
        }

        /** Probability that a child crosses its two parents rather than copying the first (default 0.9). */
        public Builder crossoverProbability(double p) {
            this.crossoverProbability = Requires.inRange("crossoverProbability", p, 0, 1);
            return this;
        }

        /** Probability that each parameter of a child mutates (default 1 / number of parameters). */
        public Builder mutationProbability(double p) {
            this.mutationProbability = Requires.inRange("mutationProbability", p, 0, 1);
            return this;
        }

        /**
         * Share of a crossover's numeric parameters blended by SBX; the others are taken from
         * either parent (default 0.5; 0 to 1; 0 is uniform crossover alone, as Optuna's NSGA-II).
         */
        public Builder sbxShare(double share) {
            this.sbxShare = Requires.inRange("sbxShare", share, 0, 1);
            return this;
        }

        /** SBX's distribution index: larger keeps children nearer their parents (default 20; 0 to 1000). */
        public Builder crossoverEta(double eta) {
            this.crossoverEta = Requires.inRange("crossoverEta", eta, 0, 1000);
            return this;
        }

        /** Polynomial mutation's distribution index: larger makes smaller steps (default 20; 0 to 1000). */
        public Builder mutationEta(double eta) {
            this.mutationEta = Requires.inRange("mutationEta", eta, 0, 1000);
            return this;
        }

        /**
         * Share of a numeric parameter's mutations that redraw it uniformly in its range, as
         * Optuna's NSGA-II does, instead of a polynomial step (default 0; 0 to 1; at 0 the
         * children are exactly those of polynomial mutation alone). Categorical parameters always
         * mutate to a random choice. With {@code sbxShare(0)} this is Optuna's pair of operators:
         * better on ZDT2, weaker at steering a study of two parameters into its constraints (see
         * docs/benchmarks.md).
         */
        public Builder uniformMutation(double share) {
            this.uniformMutation = Requires.inRange("uniformMutation", share, 0, 1);
            return this;
        }

        /** The sampler. */
        public Nsga2Sampler build() {
            return new Nsga2Sampler(this);
        }
    }
}
