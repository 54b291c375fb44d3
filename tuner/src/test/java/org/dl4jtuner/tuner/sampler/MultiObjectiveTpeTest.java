package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.junit.jupiter.api.Test;

/** Multi-objective TPE: the good/bad split, and TPE on studies of several objectives. */
class MultiObjectiveTpeTest {
    private static final Direction MIN = Direction.MINIMIZE;
    private static final Direction MAX = Direction.MAXIMIZE;

    /**
     * Seven trials of (minimized, maximized) objectives. As losses: front 0 is trials 0 and 1;
     * front 1 is trials 2, 3 and 4 (2 and 3 each dominated by one of front 0, 4 by both); trial 6 is
     * front 2; trial 5 has the best values of all but breaks its constraint.
     */
    private static Study sevenTrials() {
        Study study = Study.builder().directions(MIN, MAX).build();
        told(study, 1, -4, null);      // 0
        told(study, 4, -1, null);      // 1
        told(study, 2, -4.8, null);    // 2: alone 3.5 x 0.48 = 1.68 up to front 1's reference 1.1 x (5, 4.8)
        told(study, 5, -2, null);      // 3: alone 0.5 x 3.28 = 1.64; beside trial 2, 0.5 x 2.8 = 1.4
        told(study, 4.5, -4.5, null);  // 4: alone 1 x 0.78 = 0.78; beside trial 2, 1 x 0.3 = 0.3
        told(study, 0, 0, 0.5);        // 5: infeasible
        told(study, 6, -6, null);      // 6
        return study;
    }

    private static void told(Study study, double first, double second, Double constraint) {
        Trial trial = study.ask();
        if (constraint != null) {
            trial.setConstraint(constraint);
        }
        study.tell(trial, new double[] {first, second});
    }

    private static MultiObjectiveSplit split(Study study, int goodCount) {
        List<double[]> losses = new ArrayList<>();
        List<FrozenTrial> trials = study.trials();
        double[] violations = new double[trials.size()];
        for (int i = 0; i < trials.size(); i++) {
            losses.add(Dominance.losses(trials.get(i), study.directions()));
            violations[i] = Dominance.violation(trials.get(i).constraints());
        }
        return MultiObjectiveSplit.of(losses, violations, goodCount);
    }

    @Test
    void theGoodGroupIsFilledFrontByFrontFeasibleFirstAndTheLastFrontByHypervolume() {
        Study study = sevenTrials();
        assertEquals(List.of(0, 1), split(study, 2).good(), "front 0 exactly");
        assertEquals(List.of(0, 1, 2), split(study, 3).good(), "front 0, then the front-1 trial adding the most volume");
        assertEquals(List.of(0, 1, 2, 3), split(study, 4).good(), "then the one adding most beside it");
        assertEquals(List.of(4, 5, 6), split(study, 4).bad());
        assertEquals(List.of(0, 1, 2, 3, 4, 6), split(study, 6).good(),
                "every feasible trial, even a dominated one, before the infeasible trial with the best values");
        assertEquals(List.of(5), split(study, 6).bad());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), split(study, 7).good());
        assertEquals(List.of(), split(study, 0).good());
    }

    @Test
    void goodKernelsWeighTheirHypervolumeContribution() {
        Study study = sevenTrials();
        // good: losses (1, 4), (4, 1), (2, 4.8); reference 1.1 x (4, 4.8) = (4.4, 5.28); volume 4.352 + 1.2;
        // without (1, 4) it is 1.152 + 1.52, so (1, 4) adds 2.88 and (4, 1) adds 1.2
        double[] weights = split(study, 3).goodWeights();
        assertEquals(1.0, weights[0], 1e-9, "the largest contribution weighs 1");
        assertEquals(1.2 / 2.88, weights[1], 1e-9);
        assertTrue(weights[2] < 1e-9, "trial 2 is dominated within the good group, so adds nothing: " + weights[2]);
        double[] withInfeasible = split(study, 7).goodWeights();
        assertTrue(withInfeasible[5] < 1e-9, "an infeasible good trial beside feasible ones: " + withInfeasible[5]);
        // reference 1.1 x (2, 2): the ends add 0.2 x 0.5 = 0.1 each, the middle its own corner 0.5 x 0.5 = 0.25
        double[] three = MultiObjectiveSplit.of(List.of(new double[] {1, 2}, new double[] {2, 1},
                new double[] {1.5, 1.5}), new double[3], 3).goodWeights();
        assertEquals(0.1 / 0.25, three[0], 1e-9);
        assertEquals(0.1 / 0.25, three[1], 1e-9);
        assertEquals(1.0, three[2], 1e-9);
        double[] allInfeasible = MultiObjectiveSplit.of(List.of(new double[] {1, 2}, new double[] {2, 1}),
                new double[] {1, 2}, 1).goodWeights();
        assertEquals(1.0, allInfeasible[0], "without a feasible good trial, the least violating one leads");
    }

    @Test
    void tpeRunsOnStudiesOfSeveralObjectivesAndIsDeterministicWithASeed() {
        List<Map<String, Object>> first = params(run(7, 30, null));
        assertEquals(first, params(run(7, 30, null)));
        assertTrue(!first.equals(params(run(8, 30, null))), "another seed gives other trials");
        Study study = run(7, 30, null);
        assertEquals(30, study.trials(TrialState.COMPLETE).size());
        assertTrue(!study.bestTrials().isEmpty());
    }

    @Test
    void aResumedStudyOnTheSameStorageProposesWhatAnUninterruptedOneWould() {
        Study whole = run(11, 30, null);
        Study first = run(11, 18, null);
        // a new study object and a new sampler: nothing carries over but what storage holds
        Study resumed = Study.builder().name(first.name()).directions(MIN, MIN).sampler(Samplers.tpe(11)).seed(11)
                .storage(first.storage()).build();
        resumed.optimize(MultiObjectiveProblems.zdt1(4), 12);
        assertEquals(params(whole), params(resumed));
    }

    @Test
    void theConstantLiarRunsParallelTrialsOfSeveralObjectives() {
        Study study = Study.builder().directions(MIN, MIN).sampler(TpeSampler.builder(3).constantLiar(true).build())
                .seed(3).build();
        study.optimize(MultiObjectiveProblems.zdt1(4), 24, 3);
        assertEquals(24, study.trials(TrialState.COMPLETE).size(), "every trial completes");
        assertEquals(24, study.trials().stream().map(FrozenTrial::params).distinct().count(), "no two alike");
    }

    @Test
    void constraintsSteerTheSearchToTheFeasibleFrontNotToBetterInfeasibleValues() {
        // minimize x and y subject to x + y >= 0.8: the feasible front is the line x + y = 0.8, the
        // infeasible trials all have better values; random search's median |x + y - 0.8| is about 0.32
        Study study = Study.builder().directions(MIN, MIN).sampler(Samplers.tpe(9)).seed(9).build();
        study.optimize((MultiObjective) trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            double y = trial.suggestFloat("y", 0, 1);
            trial.setConstraint(0.8 - x - y);
            return new double[] {x, y};
        }, 100);
        double[] distance = study.trials().subList(60, 100).stream()
                .mapToDouble(t -> Math.abs(t.values()[0] + t.values()[1] - 0.8)).sorted().toArray();
        assertTrue(distance[20] < 0.2, "median |x + y - 0.8| of the last 40 trials: " + distance[20]);
        for (FrozenTrial t : study.bestTrials()) {
            assertTrue(t.isFeasible());
        }
    }

    @Test
    void improvesTheHypervolumeOfZdt1OverRandomSearchByAMargin() {
        double tpe = MultiObjectiveProblems.meanZdt1Hypervolume(Samplers::tpe, 3, 100);
        double random = MultiObjectiveProblems.meanZdt1Hypervolume(Samplers::random, 3, 100);
        // random search stays far from the front
        assertTrue(tpe > random + 3, "mean hypervolume after 100 trials: tpe " + tpe + ", random " + random);
    }

    @Test
    void multivariateTpeTakesSeveralObjectivesAndImprovesOnRandomSearchByAMargin() {
        double multivariate = MultiObjectiveProblems.meanZdt1Hypervolume(
                seed -> TpeSampler.builder(seed).multivariate(true).build(), 3, 100);
        double random = MultiObjectiveProblems.meanZdt1Hypervolume(Samplers::random, 3, 100);
        assertTrue(multivariate > random + 3,
                "mean hypervolume after 100 trials: multivariate tpe " + multivariate + ", random " + random);
        assertEquals(params(run(5, 30, TpeSampler.builder(5).multivariate(true).build())),
                params(run(5, 30, TpeSampler.builder(5).multivariate(true).build())), "the same seed, the same trials");
    }

    /** A study of {@code trials} trials of ZDT1 over 4 variables, with TPE of that seed unless another sampler is given. */
    private static Study run(long seed, int trials, Sampler sampler) {
        Study study = Study.builder().directions(MIN, MIN).sampler(sampler != null ? sampler : Samplers.tpe(seed))
                .seed(seed).build();
        study.optimize(MultiObjectiveProblems.zdt1(sampler != null ? 10 : 4), trials);
        return study;
    }

    private static List<Map<String, Object>> params(Study study) {
        return study.trials().stream().map(FrozenTrial::params).toList();
    }
}
