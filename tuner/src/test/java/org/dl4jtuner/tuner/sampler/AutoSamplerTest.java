package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.junit.jupiter.api.Test;

class AutoSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.auto(seed);
    }

    private static Objective sphere(int dimensions) {
        return t -> {
            double sum = 0;
            for (int i = 0; i < dimensions; i++) {
                double x = t.suggestFloat("x" + i, -1, 1);
                sum += (x - 0.3) * (x - 0.3);
            }
            return sum;
        };
    }

    private static Study run(Objective objective, int trials, long seed) {
        Study study = Study.builder().seed(seed).sampler(Samplers.auto(seed)).build();
        study.optimize(objective, trials);
        return study;
    }

    private static Object choice(FrozenTrial t) {
        return t.systemAttrs().get(AutoSampler.CHOICE_ATTR);
    }

    @Test
    void aTwoDimensionalFloatSpaceStartsAtRandomThenSwitchesToTheGpOnce() {
        List<FrozenTrial> trials = run(sphere(2), 16, 1).trials();
        for (FrozenTrial t : trials) {
            assertEquals(t.number() < AutoSampler.STARTUP_TRIALS ? "random" : "gp", choice(t), "trial " + t.number());
            Object switched = t.systemAttrs().get(AutoSampler.SWITCHED_FROM_ATTR);
            assertEquals(t.number() == AutoSampler.STARTUP_TRIALS ? "random" : null, switched, "trial " + t.number());
        }
        assertEquals("start-up: 3 of 10 trials complete", trials.get(3).systemAttrs().get(AutoSampler.REASON_ATTR));
        assertEquals("2 numeric parameters, 10 < 200 trials complete",
                trials.get(10).systemAttrs().get(AutoSampler.REASON_ATTR));
    }

    @Test
    void onANumericSpaceItProposesWhatTheGpSamplerProposes() {
        Study auto = run(sphere(2), 20, 7);
        Study gp = Study.builder().seed(7).sampler(Samplers.gp(7)).build();
        gp.optimize(sphere(2), 20);
        for (int n = 0; n < 20; n++) {
            assertEquals(gp.trials().get(n).params(), auto.trials().get(n).params(), "trial " + n);
        }
    }

    @Test
    void aTenDimensionalFloatSpaceGoesToTheGpToo() {
        List<FrozenTrial> trials = run(sphere(10), 12, 2).trials();
        assertEquals("random", choice(trials.get(9)));
        assertEquals("gp", choice(trials.get(10)));
        assertEquals("10 numeric parameters, 11 < 200 trials complete",
                trials.get(11).systemAttrs().get(AutoSampler.REASON_ATTR));
    }

    @Test
    void aCategoricalParameterSendsTheStudyToTpe() {
        List<FrozenTrial> trials = run(t -> {
            double lr = t.suggestFloat("lr", 1e-4, 1e-1, true);
            String updater = t.suggestCategorical("updater", List.of("sgd", "adam", "nesterovs"));
            return Math.abs(Math.log10(lr) + 2) + (updater.equals("adam") ? 0 : 1);
        }, 14, 3).trials();
        assertEquals("random", choice(trials.get(9)));
        for (int n = 10; n < 14; n++) {
            assertEquals("tpe", choice(trials.get(n)));
        }
        assertEquals("categorical parameter 'updater'", trials.get(10).systemAttrs().get(AutoSampler.REASON_ATTR));
        assertEquals("random", trials.get(10).systemAttrs().get(AutoSampler.SWITCHED_FROM_ATTR));
    }

    @Test
    void aConditionalSpaceSendsTheStudyToTpe() {
        List<FrozenTrial> trials = run(t -> {
            double x = t.suggestFloat("x", 0, 1);
            return x < 0.5 ? x : x + t.suggestFloat("y", 0, 1);
        }, 14, 4).trials();
        assertEquals("tpe", choice(trials.get(12)));
        String reason = (String) trials.get(12).systemAttrs().get(AutoSampler.REASON_ATTR);
        assertTrue(reason.startsWith("conditional space"), reason);
    }

    @Test
    void prunedTrialsShowTheSpaceButOnlyCompleteOnesEndTheStartUp() {
        List<FrozenTrial> trials = run(t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (t.number() % 2 == 0) {
                t.suggestFloat("y", 0, 1);
                t.report(1, x);
                throw new TrialPrunedException();
            }
            return x;
        }, 24, 5).trials();
        // the odd trials complete: trial 19 sees 9 of them, trial 20 the tenth
        assertEquals("start-up: 9 of 10 trials complete", trials.get(19).systemAttrs().get(AutoSampler.REASON_ATTR));
        assertEquals("tpe", choice(trials.get(20)), "the pruned trials have y, the complete ones not");
    }

    @Test
    void aftertwoHundredCompleteTrialsANumericSpaceGoesToTpe() throws Exception {
        Study study = Study.builder().seed(6).sampler(Samplers.random(6)).build();
        study.optimize(sphere(3), AutoSampler.GP_TRIALS - 1);
        Trial before = study.ask();
        assertEquals("gp", AutoSampler.choose(study, before.frozen()).member());
        study.tell(before, sphere(3).evaluate(before));
        Trial after = study.ask();
        AutoSampler.Choice choice = AutoSampler.choose(study, after.frozen());
        assertEquals("tpe", choice.member());
        assertTrue(choice.reason().contains("3 numeric parameters, 200 >= 200 trials complete"), choice.reason());
    }

    @Test
    void aStudyWithTwoObjectivesGetsNsga2AndTheSameTrialsAsNsga2Itself() {
        MultiObjective twoGoals = t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return new double[] {x * x + y, (1 - x) * (1 - x) + y};
        };
        Study auto = Study.builder().seed(5).directions(Direction.MINIMIZE, Direction.MINIMIZE)
                .sampler(Samplers.auto(5)).build();
        auto.optimize(twoGoals, 45);
        Study nsga2 = Study.builder().seed(5).directions(Direction.MINIMIZE, Direction.MINIMIZE)
                .sampler(Samplers.nsga2(5)).build();
        nsga2.optimize(twoGoals, 45);
        for (int i = 0; i < 45; i++) {
            FrozenTrial t = auto.trials().get(i);
            assertEquals("nsga2", choice(t), "trial " + i);
            assertEquals("2 objectives", t.systemAttrs().get(AutoSampler.REASON_ATTR));
            assertEquals(nsga2.trials().get(i).params(), t.params(), "trial " + i);
        }
    }

    @Test
    void theSettingsNameTheTypeSeedAndConstantLiar() {
        assertEquals("auto", Samplers.auto(9).settings().get("type"));
        assertEquals(9L, Samplers.auto(9).settings().get("seed"));
        assertEquals(false, Samplers.auto(9).settings().get("constant_liar"));
        assertNull(Samplers.auto(9).settings().get("gp_trials"));
    }
}
