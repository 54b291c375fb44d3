package org.dl4jtuner.tuner.hyperband;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import java.util.stream.Collectors;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

class HyperbandTest {

    @Test
    void thePlanForR81Eta3IsTable1OfThePaper() {
        HyperbandPlan plan = Hyperband.plan(81, 3);
        List<Bracket> expected = List.of(
                new Bracket(4, List.of(new Rung(81, 1), new Rung(27, 3), new Rung(9, 9), new Rung(3, 27), new Rung(1, 81))),
                new Bracket(3, List.of(new Rung(34, 3), new Rung(11, 9), new Rung(3, 27), new Rung(1, 81))),
                new Bracket(2, List.of(new Rung(15, 9), new Rung(5, 27), new Rung(1, 81))),
                new Bracket(1, List.of(new Rung(8, 27), new Rung(2, 81))),
                new Bracket(0, List.of(new Rung(5, 81))));
        assertEquals(expected, plan.brackets());
        assertEquals(1581, plan.totalResource());
        assertEquals(1902, plan.totalResourceWithoutContinuation());
        assertEquals(143, plan.totalConfigurations());
    }

    @Test
    void otherPlansFollowTheSameFormulas() {
        HyperbandPlan plan = Hyperband.plan(1, 27, 3);
        assertEquals(List.of(27, 12, 6, 4), plan.brackets().stream().map(b -> b.rungs().get(0).n()).toList());
        HyperbandPlan withMin = Hyperband.plan(2, 162, 3);
        assertEquals(List.of(2, 6, 18, 54, 162), withMin.brackets().get(0).rungs().stream().map(Rung::r).toList());
        assertEquals(1, Hyperband.plan(5, 5, 2).brackets().size());
    }

    @Test
    void badPlansAreRejected() {
        assertEquals("eta >= 2 must hold, but got eta=1",
                assertThrows(IllegalArgumentException.class, () -> Hyperband.plan(81, 1)).getMessage());
        assertEquals("maxResource >= minResource must hold, but got maxResource=3, minResource=9",
                assertThrows(IllegalArgumentException.class, () -> Hyperband.plan(9, 3, 3)).getMessage());
    }

    /** A synthetic model: accuracy q * (1 - e^(-epochs / 20)), trained epoch by epoch and resumable. */
    private static final class CountingObjective implements ResumableObjective {
        final Map<Integer, Integer> epochsTrained = new ConcurrentHashMap<>();
        final AtomicLong totalEpochs = new AtomicLong();

        @Override
        public double evaluate(org.dl4jtuner.tuner.Trial trial, int resource) {
            double q = trial.suggestFloat("q", 0, 1);
            int done = epochsTrained.getOrDefault(trial.number(), 0);
            assertTrue(resource > done, "asked to train trial " + trial.number() + " to " + resource + " but it has " + done);
            double acc = 0;
            for (int epoch = done + 1; epoch <= resource; epoch++) {
                acc = q * (1 - Math.exp(-epoch / 20.0));
                trial.report(epoch, acc);
                totalEpochs.incrementAndGet();
            }
            epochsTrained.put(trial.number(), resource);
            return acc;
        }
    }

    private static Study run(CountingObjective objective, int parallel) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(3)).seed(3).build();
        Hyperband.builder().maxResource(81).eta(3).parallelTrials(parallel).build().run(study, objective);
        return study;
    }

    @Test
    void promotedConfigurationsContinueSoAnIterationCosts1581Epochs() {
        CountingObjective objective = new CountingObjective();
        Study study = run(objective, 1);
        assertEquals(1581, objective.totalEpochs.get());
        assertEquals(143, study.trials().size());
        assertEquals(1 + 1 + 1 + 2 + 5, study.trials(TrialState.COMPLETE).size());
        assertEquals(133, study.trials(TrialState.PRUNED).size());
        assertTrue(study.trials(TrialState.COMPLETE).stream().allMatch(t -> t.lastStep() == 81));
    }

    @Test
    void eachRungPromotesExactlyItsTopOneOverEta() {
        Study study = run(new CountingObjective(), 1);
        HyperbandPlan plan = Hyperband.plan(81, 3);
        for (Bracket bracket : plan.brackets()) {
            List<FrozenTrial> members = study.trials().stream()
                    .filter(t -> ((Number) t.systemAttrs().get(Hyperband.BRACKET_ATTR)).intValue() == bracket.s())
                    .toList();
            for (int i = 0; i < bracket.rungs().size(); i++) {
                String key = Hyperband.RUNG_ATTR_PREFIX + i;
                List<FrozenTrial> atRung = members.stream().filter(t -> t.systemAttrs().containsKey(key))
                        .sorted(Comparator.comparingDouble((FrozenTrial t) -> -((Number) t.systemAttrs().get(key)).doubleValue()))
                        .toList();
                assertEquals(bracket.rungs().get(i).n(), atRung.size(), "bracket " + bracket.s() + " rung " + i);
                if (i + 1 < bracket.rungs().size()) {
                    String next = Hyperband.RUNG_ATTR_PREFIX + (i + 1);
                    int keep = bracket.rungs().get(i + 1).n();
                    assertEquals(atRung.subList(0, keep).stream().map(FrozenTrial::number).collect(Collectors.toSet()),
                            atRung.stream().filter(t -> t.systemAttrs().containsKey(next)).map(FrozenTrial::number)
                                    .collect(Collectors.toSet()),
                            "bracket " + bracket.s() + ": the top " + keep + " of rung " + i + " go on");
                }
            }
        }
    }

    @Test
    void parallelRungsGiveTheSameOutcomeAsSequentialOnes() {
        Study sequential = run(new CountingObjective(), 1);
        CountingObjective objective = new CountingObjective();
        Study parallel = run(objective, 3);
        assertEquals(1581, objective.totalEpochs.get());
        for (int i = 0; i < 143; i++) {
            FrozenTrial a = sequential.trials().get(i);
            FrozenTrial b = parallel.trials().get(i);
            assertEquals(a.params(), b.params());
            assertEquals(a.state(), b.state(), "trial " + i);
        }
        assertEquals(sequential.bestTrial().params(), parallel.bestTrial().params());
    }

    @Test
    void aFailingConfigurationDropsOutWithoutStoppingItsBracket() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(1)).build();
        Hyperband.builder().maxResource(9).eta(3).build().run(study, (trial, resource) -> {
            double q = trial.suggestFloat("q", 0, 1);
            if (q < 0.2) {
                throw new IllegalStateException("diverged");
            }
            trial.report(resource, q);
            return q;
        });
        assertTrue(study.trials(TrialState.FAIL).size() > 0);
        assertTrue(study.trials(TrialState.COMPLETE).size() > 0);
        assertTrue(study.bestValue() >= 0.2);
    }

    private static Study killable(org.dl4jtuner.tuner.storage.Storage storage) {
        return Study.builder().name("hb").direction(Direction.MAXIMIZE).sampler(Samplers.random(6)).seed(6)
                .storage(storage).build();
    }

    @Test
    void aRunKilledMidBracketResumesTrainingNoEpochTwiceAndEndsWithTheSameBrackets() {
        Hyperband hyperband = Hyperband.builder().maxResource(27).eta(3).build();
        org.dl4jtuner.tuner.schedule.CurveTableObjective straight = new org.dl4jtuner.tuner.schedule.CurveTableObjective();
        Study uninterrupted = killable(new org.dl4jtuner.tuner.storage.InMemoryStorage());
        hyperband.run(uninterrupted, straight);
        assertEquals(hyperband.plan().totalResource(), straight.epochsTrained.get());

        // killed at the 50th epoch: bracket s=3 has trained rung 0 (27 x 1) and rung 1 (9 x 2), and is in rung 2
        org.dl4jtuner.tuner.storage.InMemoryStorage disk = new org.dl4jtuner.tuner.storage.InMemoryStorage();
        org.dl4jtuner.tuner.storage.DyingStorage dying = new org.dl4jtuner.tuner.storage.DyingStorage(disk);
        Map<Integer, Integer> checkpoints = new ConcurrentHashMap<>();
        AtomicLong epochs = new AtomicLong();
        org.dl4jtuner.tuner.schedule.CurveTableObjective killed = new org.dl4jtuner.tuner.schedule.CurveTableObjective(
                checkpoints, epochs, n -> {
                    if (n == 50) {
                        dying.kill();
                    }
                });
        assertThrows(IllegalStateException.class, () -> hyperband.run(killable(dying), killed));
        Study resumed = killable(disk);
        List<FrozenTrial> left = resumed.trials();
        assertEquals(27, left.size(), "bracket s=3 was asked in full");
        assertEquals(1, resumed.trials(TrialState.RUNNING).size(), "one trial was training when the process died");
        assertEquals(49, left.stream().mapToInt(t -> t.intermediateValues().size()).sum(),
                "the 50th epoch was checkpointed but not reported");

        org.dl4jtuner.tuner.schedule.CurveTableObjective again = new org.dl4jtuner.tuner.schedule.CurveTableObjective(
                checkpoints, epochs, n -> { });
        hyperband.run(resumed, again);
        assertEquals(hyperband.plan().totalResource(), epochs.get(), "no epoch trained twice over the two runs");
        List<FrozenTrial> a = uninterrupted.trials();
        List<FrozenTrial> b = resumed.trials();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).params(), b.get(i).params(), "trial " + i);
            assertEquals(a.get(i).state(), b.get(i).state(), "trial " + i);
            assertEquals(a.get(i).intermediateValues(), b.get(i).intermediateValues(), "trial " + i);
            for (String key : List.of(Hyperband.ITERATION_ATTR, Hyperband.BRACKET_ATTR, Hyperband.RUNG_ATTR_PREFIX + 0,
                    Hyperband.RUNG_ATTR_PREFIX + 1, Hyperband.RUNG_ATTR_PREFIX + 2, Hyperband.RUNG_ATTR_PREFIX + 3)) {
                assertEquals(a.get(i).systemAttrs().get(key), b.get(i).systemAttrs().get(key), "trial " + i + " " + key);
            }
        }
        assertTrue(resumed.trials(TrialState.PAUSED, TrialState.RUNNING).isEmpty());
    }

    @Test
    void aStudyRunByAnotherPlanIsRefused() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).build();
        Hyperband.builder().maxResource(3).eta(3).build().run(study, new org.dl4jtuner.tuner.schedule.CurveTableObjective());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hyperband.builder()
                .maxResource(9).eta(3).build().run(study, new org.dl4jtuner.tuner.schedule.CurveTableObjective()));
        assertEquals("study 'study' was run by Hyperband with {min_resource=1, max_resource=3, eta=3}, but this"
                + " Hyperband has {min_resource=1, max_resource=9, eta=3}; resume it with the same plan, or use"
                + " another study", e.getMessage());
    }

    @Test
    void asTheStudysPrunerItRunsWholeBracketsWhileTheTrialBudgetHoldsThem() {
        org.dl4jtuner.tuner.schedule.CurveTableObjective objective = new org.dl4jtuner.tuner.schedule.CurveTableObjective();
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(2))
                .pruner(org.dl4jtuner.tuner.pruner.Pruners.synchronousHyperband(1, 27, 3, 1)).build();
        // brackets of 27, 12, 6 and 4 configurations: 40 trials hold the first two (39), not the third
        study.optimizeResumable(objective, org.dl4jtuner.tuner.Budget.trials(40), 2);
        HyperbandPlan plan = Hyperband.plan(1, 27, 3);
        assertEquals(39, study.trials().size());
        long spent = plan.brackets().get(0).resource() + plan.brackets().get(1).resource();
        assertEquals(spent, objective.epochsTrained.get());
        assertEquals(spent, org.dl4jtuner.tuner.pruner.Pruners.synchronousHyperband(1, 27, 3, 1).plan(40, 27).expected());
        assertEquals(1 + 1, study.trials(TrialState.COMPLETE).size(), "one survivor per bracket");
        assertTrue(study.trials(TrialState.PAUSED, TrialState.RUNNING).isEmpty());
    }
}
