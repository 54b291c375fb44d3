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
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
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
    void generationsAndParentsAreRecordedAndFailedTrialsAreReplacedButPrunedOnesFillTheirGeneration() {
        Study study = Study.builder().directions(MIN, MIN).sampler(Nsga2Sampler.builder(5).populationSize(10).build())
                .seed(5).build();
        MultiObjective zdt = MultiObjectiveProblems.zdt1(5);
        study.optimize((MultiObjective) trial -> {
            if (trial.number() == 3) {
                throw new IllegalStateException("a failed trial of generation 0");
            }
            double[] values = zdt.evaluate(trial);
            if (trial.number() == 6 || trial.number() == 15) {
                trial.report(1, values);
                throw new TrialPrunedException();
            }
            return values;
        }, 36);
        List<FrozenTrial> trials = study.trials();
        assertEquals(TrialState.PRUNED, trials.get(6).state());
        assertEquals(TrialState.PRUNED, trials.get(15).state());
        for (FrozenTrial t : trials) {
            int expected = t.number() <= 10 ? 0 : (t.number() - 1) / 10;
            assertEquals(expected, ((Number) t.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue(),
                    "trial " + t.number() + " (trial 3 failed, so generation 0 took trials 0 to 10; pruned trials 6"
                            + " and 15 filled their generations like complete ones)");
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
                assertTrue(parent.state() == TrialState.COMPLETE || parent.state() == TrialState.PRUNED,
                        "trial " + t.number() + "'s parent " + n + " is " + parent.state());
                int parentGeneration = ((Number) parent.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue();
                assertTrue(parentGeneration < expected, "trial " + t.number() + "'s parent " + n + " is of generation "
                        + parentGeneration);
            }
        }
    }

    @Test
    void aPrunedTrialRanksAfterEveryCompleteOneAndByHowFarItGot() {
        Study study = Study.builder().directions(MIN, MIN).sampler(Nsga2Sampler.builder(1).populationSize(7).build())
                .build();
        told(study, new double[] {5, 5}, null);      // 0: complete, the worst values of all
        pruned(study, new double[] {0, 0}, 1);       // 1: pruned at epoch 1 with the best values of all
        told(study, new double[] {4, 6}, null);      // 2: complete
        pruned(study, new double[] {1, 1}, 3);       // 3: pruned at epoch 3
        pruned(study, new double[] {2, 2}, 3);       // 4: pruned at epoch 3, dominated by 3
        told(study, new double[] {9, 9}, 0.5);       // 5: complete but infeasible
        pruned(study, new double[] {0.5, 3}, 1);     // 6: pruned at epoch 1, dominated by 1
        Nsga2Population population = Nsga2Population.of(study.trials(), study.directions(), 7,
                Nsga2Sampler.GENERATION_ATTR);
        assertEquals(0, population.generation(), "four pruned and three complete trials fill generation 0");
        List<Nsga2Population.Member> members = population.members();
        List<Integer> order = members.stream().map(m -> m.trial().number()).toList();
        assertEquals(List.of(0, 2), order.subList(0, 2).stream().sorted().toList(), "the complete feasible trials first");
        assertEquals(List.of(5, 3, 4, 1, 6), order.subList(2, 7),
                "then the infeasible complete one, then the pruned ones: epoch 3 before epoch 1, by front within an epoch");
        for (Nsga2Population.Member complete : members) {
            for (Nsga2Population.Member pruned : members) {
                if (complete.trial().state() == TrialState.COMPLETE && pruned.trial().state() == TrialState.PRUNED) {
                    assertTrue(complete.beats(pruned) && !pruned.beats(complete), "complete trial "
                            + complete.trial().number() + " against pruned trial " + pruned.trial().number());
                }
            }
        }
        List<Integer> elite = Nsga2Population.select(new ArrayList<>(study.trials()), study.directions(), 4).stream()
                .map(m -> m.trial().number()).toList();
        assertEquals(List.of(0, 2, 3, 5), elite.stream().sorted().toList(),
                "a smaller elite drops the pruned trials first, whatever their values");
    }

    @Test
    void generationsAdvanceInAStudyWhereMostTrialsArePruned() {
        Study study = Study.builder().directions(MIN, MIN).sampler(Nsga2Sampler.builder(3).populationSize(8).build())
                .seed(3).build();
        study.optimize(MultiObjectiveProblems.mostlyPruned(MultiObjectiveProblems.zdt1(5)), 48);
        List<FrozenTrial> trials = study.trials();
        assertEquals(12, study.trials(TrialState.COMPLETE).size(), "one trial in four completes");
        assertEquals(36, study.trials(TrialState.PRUNED).size());
        int prunedParents = 0;
        int completeParents = 0;
        for (FrozenTrial t : trials) {
            int generation = ((Number) t.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue();
            assertEquals(t.number() / 8, generation, "trial " + t.number() + "'s generation: eight finished trials,"
                    + " complete or pruned, fill one");
            List<?> parents = (List<?>) t.systemAttrs().get(Nsga2Sampler.PARENTS_ATTR);
            if (generation == 0) {
                assertEquals(null, parents, "generation 0 is random");
                continue;
            }
            assertEquals(2, parents.size(), "trial " + t.number() + " is bred from the elite");
            for (Object n : parents) {
                FrozenTrial parent = trials.get(((Number) n).intValue());
                assertTrue(((Number) parent.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue() < generation);
                if (generation >= 4) {
                    // generations 0 to 3 (trials 0 to 31) hold 8 complete trials: the elite has no room for pruned ones
                    assertEquals(TrialState.COMPLETE, parent.state(), "trial " + t.number() + "'s parent " + n);
                }
                prunedParents += parent.state() == TrialState.PRUNED ? 1 : 0;
                completeParents += parent.state() == TrialState.COMPLETE ? 1 : 0;
            }
        }
        // generation 0's elite is its 2 complete trials and 6 pruned ones: generation 1 breeds from both
        assertTrue(prunedParents > 0 && completeParents > 0, "parents: " + prunedParents + " pruned, " + completeParents
                + " complete");
    }

    @Test
    void aNewStudyOnTheSameStorageProposesWhatOneUninterruptedStudyWouldWithPrunedTrials() {
        InMemoryStorage storage = new InMemoryStorage();
        MultiObjective objective = MultiObjectiveProblems.mostlyPruned(MultiObjectiveProblems.zdt1(4));
        Study first = Study.builder().name("pruned").directions(MIN, MIN).storage(storage).seed(4)
                .sampler(Nsga2Sampler.builder(4).populationSize(6).build()).build();
        first.optimize(objective, 15);   // generations 0 and 1, half of 2
        Study resumed = Study.builder().name("pruned").storage(storage).seed(4)
                .sampler(Nsga2Sampler.builder(4).populationSize(6).build()).build();
        resumed.optimize(objective, 15);
        Study once = Study.builder().name("pruned").directions(MIN, MIN).seed(4)
                .sampler(Nsga2Sampler.builder(4).populationSize(6).build()).build();
        once.optimize(objective, 30);
        assertEquals(once.trials().stream().map(FrozenTrial::params).toList(),
                resumed.trials().stream().map(FrozenTrial::params).toList());
        assertEquals(once.trials().stream().map(t -> t.systemAttrs().get(Nsga2Sampler.PARENTS_ATTR)).toList(),
                resumed.trials().stream().map(t -> t.systemAttrs().get(Nsga2Sampler.PARENTS_ATTR)).toList());
        assertEquals(4, ((Number) resumed.trials().get(29).systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue());
    }

    @Test
    void trialsPrunedBeforeTheirFirstReportFillTheirGenerationRankLastAndStillBreed() {
        Study study = Study.builder().directions(MIN, MIN).sampler(Nsga2Sampler.builder(6).populationSize(4).build())
                .seed(6).build();
        study.optimize((MultiObjective) trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            double y = trial.suggestFloat("y", 0, 1);
            if (trial.number() % 4 != 0) {
                throw new TrialPrunedException();   // stopped before any epoch was reported
            }
            return new double[] {x, 1 + y - x};
        }, 12);
        List<FrozenTrial> trials = study.trials();
        assertEquals(9, study.trials(TrialState.PRUNED).size());
        Nsga2Population population = Nsga2Population.of(trials.subList(0, 4), study.directions(), 4,
                Nsga2Sampler.GENERATION_ATTR);
        assertEquals(0, population.generation(), "one complete and three unreported pruned trials fill generation 0");
        assertEquals(0, population.members().get(0).trial().number(), "the complete trial first");
        for (Nsga2Population.Member m : population.members().subList(1, 4)) {
            assertTrue(population.members().get(0).beats(m), "trial 0 against unreported pruned trial "
                    + m.trial().number());
        }
        for (FrozenTrial t : trials) {
            int generation = ((Number) t.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue();
            assertEquals(t.number() / 4, generation, "trial " + t.number());
            if (generation > 0) {
                List<?> parents = (List<?>) t.systemAttrs().get(Nsga2Sampler.PARENTS_ATTR);
                assertEquals(2, parents.size(), "trial " + t.number() + " is bred");
                assertTrue(((Number) parents.get(0)).intValue() < 4 * generation, "parents of earlier generations");
                double x = (Double) t.params().get("x");
                assertTrue(x >= 0 && x <= 1, "trial " + t.number() + "'s x " + x);
            }
        }
    }

    /** Tells a pruned trial whose last report, at {@code epoch}, held {@code values}. */
    private static FrozenTrial pruned(Study study, double[] values, int epoch) {
        Trial trial = study.ask();
        for (int e = 1; e <= epoch; e++) {
            trial.report(e, values);
        }
        return study.tell(trial, TrialState.PRUNED);
    }

    @Test
    void improvesTheHypervolumeOfZdt1OverRandomSearchByAMargin() {
        double nsga2 = MultiObjectiveProblems.meanZdt1Hypervolume(Samplers::nsga2, 3, 200);
        double random = MultiObjectiveProblems.meanZdt1Hypervolume(Samplers::random, 3, 200);
        // random search stays far from the front
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
}
