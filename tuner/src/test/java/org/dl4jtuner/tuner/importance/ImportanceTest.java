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
    void sharesDoNotChangeWhenValuesAreNegatedShiftedOrScaled() {
        Study plain = Study.builder().sampler(Samplers.random(2)).build();
        plain.optimize(TwoOfSix.objective(4), 60);
        Study negated = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(2)).build();
        negated.optimize(trial -> -TwoOfSix.objective(4).evaluate(trial), 60);
        Study offset = Study.builder().sampler(Samplers.random(2)).build();
        offset.optimize(trial -> 1e7 + 1e-3 * TwoOfSix.objective(4).evaluate(trial), 60);

        Map<String, Double> expected = Importance.fanova(plain.trials(), 9);
        assertEquals(Set.copyOf(TwoOfSix.RELEVANT), Set.copyOf(List.copyOf(expected.keySet()).subList(0, 2)));
        // negation is exact; 1e7 + 1e-3 f rounds each value to 2e-9, which may move a near-tie split
        Map<Study, Double> tolerance = Map.of(negated, 1e-9, offset, 0.01);
        tolerance.forEach((other, margin) -> {
            Map<String, Double> shares = Importance.fanova(other.trials(), 9);
            assertEquals(expected.keySet(), shares.keySet());
            expected.forEach((param, share) -> assertEquals(share, shares.get(param), margin, param + " in " + shares));
        });
        assertEquals(expected, Importance.fanova(plain.trials(), 9), "a seed reproduces the result");
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
