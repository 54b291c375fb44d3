package org.dl4jtuner.tuner.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

class ImportanceTest {

    @Test
    void onlyTheTwoParametersThatMatterRankFirst() {
        Study study = Study.builder().sampler(Samplers.random(11)).build();
        study.optimize(TwoOfSix.objective(3), 120);

        Map<String, Double> ranked = Importance.fanova(study);

        List<String> order = List.copyOf(ranked.keySet());
        assertEquals(6, order.size(), ranked::toString);
        assertEquals(Set.copyOf(TwoOfSix.RELEVANT), Set.copyOf(order.subList(0, 2)), ranked::toString);
        assertTrue(ranked.get("learning_rate") + ranked.get("optimizer") > 0.85, ranked::toString);
        for (String unimportant : order.subList(2, 6)) {
            assertTrue(ranked.get(unimportant) < 0.05, ranked::toString);
        }
        assertEquals(1.0, ranked.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void anAdditiveFunctionSplitsItsVarianceAsTheAnalyticShares() {
        // f = 2a + b on the unit square: Var(2a) = 4/12 and Var(b) = 1/12, so shares 0.8 and 0.2.
        Study study = Study.builder().sampler(Samplers.sobol(5)).build();
        study.optimize(trial -> 2 * trial.suggestFloat("a", 0, 1) + trial.suggestFloat("b", 0, 1), 256);

        Map<String, Double> ranked = Importance.fanova(study);

        assertEquals(0.8, ranked.get("a"), 0.05, ranked::toString);
        assertEquals(0.2, ranked.get("b"), 0.05, ranked::toString);
    }

    @Test
    void theRankingDoesNotDependOnTheDirectionAndASeedReproducesIt() {
        Study minimize = Study.builder().sampler(Samplers.random(2)).build();
        minimize.optimize(TwoOfSix.objective(4), 60);
        Study maximize = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(2)).build();
        maximize.optimize(TwoOfSix.objective(4), 60);

        assertEquals(Importance.fanova(minimize.trials(), 9), Importance.fanova(maximize.trials(), 9));
        assertEquals(Importance.fanova(minimize.trials(), 9), Importance.fanova(minimize.trials(), 9));
    }

    @Test
    void onlyCompleteTrialsCountAndTooFewGiveNothing() {
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        study.optimize(trial -> trial.suggestFloat("x", 0, 1), 1);
        assertEquals(Map.of(), Importance.fanova(study));

        study.optimize(trial -> {
            trial.suggestFloat("x", 0, 1);
            throw new TrialPrunedException();
        }, 5);
        assertEquals(Map.of(), Importance.fanova(study), "pruned trials are not fitted");

        study.optimize(trial -> trial.suggestFloat("x", 0, 1), 5);
        assertEquals(Map.of("x", 1.0), Importance.fanova(study));
    }

    @Test
    void constantValuesGiveZeroImportanceRatherThanNaN() {
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        study.optimize(trial -> {
            trial.suggestFloat("x", 0, 1);
            trial.suggestFloat("y", 0, 1);
            return 3.0;
        }, 10);

        assertEquals(Map.of("x", 0.0, "y", 0.0), Importance.fanova(study));
    }
}
