package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.Hypervolume;
import org.junit.jupiter.api.Test;

class Nsga2SamplerTest extends SamplerContractTest {
    private static final Direction MIN = Direction.MINIMIZE;

    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.nsga2(seed);
    }

    /** Tells a trial of generation 0 with the given values (and constraint, if any). */
    private static FrozenTrial told(Study study, double[] values, Double constraint) {
        Trial trial = study.ask();
        if (constraint != null) {
            trial.setConstraint(constraint);
        }
        return study.tell(trial, values);
    }

    @Test
    void theEliteIsRankedByFrontThenCrowdingWithInfeasibleTrialsLast() {
        Study study = Study.builder().directions(MIN, MIN).sampler(Nsga2Sampler.builder(1).populationSize(6).build())
                .build();
        told(study, new double[] {1, 4}, null);    // 0: front 0, an extreme
        told(study, new double[] {2, 2.5}, null);  // 1: front 0, crowded between 0 and 2
        told(study, new double[] {2.5, 2}, null);  // 2: front 0, crowded between 1 and 3
        told(study, new double[] {4, 1}, null);    // 3: front 0, an extreme
        told(study, new double[] {3, 3}, null);    // 4: front 1 (dominated by 1 and 2)
        told(study, new double[] {0, 0}, 0.5);     // 5: the best values, but infeasible: last
        Nsga2Population population = Nsga2Population.of(study.trials(), study.directions(), 6,
                Nsga2Sampler.GENERATION_ATTR);
        assertEquals(0, population.generation());
        List<Integer> order = population.members().stream().map(m -> m.trial().number()).toList();
        assertEquals(List.of(0, 3), order.subList(0, 2), "the extremes first (infinite crowding distance)");
        assertEquals(List.of(1, 2), order.subList(2, 4).stream().sorted().toList());
        assertEquals(List.of(4, 5), order.subList(4, 6));
        assertEquals(List.of(0, 0, 0, 0, 1, 2), population.members().stream().map(Nsga2Population.Member::front).toList());
        List<Integer> elite = Nsga2Population.select(new ArrayList<>(study.trials()), study.directions(), 3).stream()
                .map(m -> m.trial().number()).toList();
        assertEquals(3, elite.size());
        assertTrue(elite.containsAll(List.of(0, 3)), "truncating front 0 keeps its extremes: " + elite);
    }

    @Test
    void generationsAndParentsAreRecordedAndFailedTrialsAreReplaced() {
        Study study = Study.builder().directions(MIN, MIN).sampler(Nsga2Sampler.builder(5).populationSize(10).build())
                .seed(5).build();
        MultiObjective zdt = MultiObjectiveProblems.zdt1(5);
        study.optimize((MultiObjective) trial -> {
            if (trial.number() == 3) {
                throw new IllegalStateException("a failed trial of generation 0");
            }
            return zdt.evaluate(trial);
        }, 36);
        List<FrozenTrial> trials = study.trials();
        for (FrozenTrial t : trials) {
            int expected = t.number() <= 10 ? 0 : (t.number() - 1) / 10;
            assertEquals(expected, ((Number) t.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue(),
                    "trial " + t.number() + " (trial 3 failed, so generation 0 took trials 0 to 10)");
            Object parents = t.systemAttrs().get(Nsga2Sampler.PARENTS_ATTR);
            if (expected == 0) {
                assertEquals(null, parents, "generation 0 is random");
                continue;
            }
            List<?> numbers = (List<?>) parents;
            assertEquals(2, numbers.size());
            assertTrue(!numbers.get(0).equals(numbers.get(1)), "two different parents: " + numbers);
            for (Object n : numbers) {
                FrozenTrial parent = trials.get(((Number) n).intValue());
                assertEquals(TrialState.COMPLETE, parent.state());
                int parentGeneration = ((Number) parent.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue();
                assertTrue(parentGeneration < expected, "trial " + t.number() + "'s parent " + n + " is of generation "
                        + parentGeneration);
            }
        }
    }

    @Test
    void improvesTheHypervolumeOfZdt1OverRandomSearchByAMargin() {
        double[] reference = {11, 11};
        int seeds = 3;
        double nsga2 = 0;
        double random = 0;
        for (long seed = 0; seed < seeds; seed++) {
            nsga2 += hypervolume(Samplers.nsga2(seed), seed, reference) / seeds;
            random += hypervolume(Samplers.random(seed), seed, reference) / seeds;
        }
        // ZDT1's ideal hypervolume at (11, 11) is 120.67; random search stays far from the front
        assertTrue(nsga2 > random + 3, "mean hypervolume after 200 trials: nsga2 " + nsga2 + ", random " + random);
    }

    @Test
    void constraintsSteerTheSearchToFeasibleTrials() {
        Study study = Study.builder().directions(MIN, MIN).sampler(Samplers.nsga2(9)).seed(9).build();
        study.optimize((MultiObjective) trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            double y = trial.suggestFloat("y", 0, 1);
            trial.setConstraint(0.8 - x - y);   // x + y >= 0.8: 32% of the square is infeasible
            return new double[] {x, y};
        }, 120);
        long feasibleLate = study.trials().subList(80, 120).stream().filter(FrozenTrial::isFeasible).count();
        // random search keeps 68% of its trials feasible: 27 of 40, standard deviation 3
        assertTrue(feasibleLate >= 33, "feasible among the last 40 trials: " + feasibleLate);
        for (FrozenTrial t : study.bestTrials()) {
            assertTrue(t.isFeasible());
        }
    }

    private static double hypervolume(Sampler sampler, long seed, double[] reference) {
        Study study = Study.builder().directions(MIN, MIN).sampler(sampler).seed(seed).build();
        study.optimize(MultiObjectiveProblems.zdt1(10), 200);
        List<double[]> values = study.trials(TrialState.COMPLETE).stream().map(FrozenTrial::values).toList();
        return Hypervolume.of(values, reference);
    }
}
