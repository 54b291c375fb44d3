package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.junit.jupiter.api.Test;

class GpSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.gp(seed);
    }

    @Test
    void beatsRandomSearchOnAQuadraticByAMargin() {
        double gp = BeatsRandomSearch.medianBest(Samplers::gp, 40, 5);
        double random = BeatsRandomSearch.medianBest(Samplers::random, 40, 5);
        assertTrue(gp < 0.2 * random, "median best after 40 trials: GP " + gp + ", random " + random);
    }

    @Test
    void findsTheMaximumOfASmoothFunctionToThreeDecimals() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.gp(3)).seed(3).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return -((x - 0.3) * (x - 0.3) + 2 * (y - 0.7) * (y - 0.7));
        }, 30);
        assertTrue(study.bestValue() > -1e-3, "best after 30 trials: " + study.bestValue());
    }

    @Test
    void integerAndCategoricalProposalsAreValidAndFindTheBestCombination() {
        Study study = Study.builder().sampler(Samplers.gp(5)).seed(5).build();
        study.optimize(t -> {
            int units = t.suggestInt("units", 8, 512, true);
            int layers = t.suggestInt("layers", 1, 6);
            String updater = t.suggestCategorical("updater", List.of("sgd", "adam", "rmsprop"));
            double u = Math.log(units / 96.0);
            return u * u + Math.abs(layers - 4) + (updater.equals("adam") ? 0 : 1);
        }, 30);
        FrozenTrial best = study.bestTrial();
        assertEquals("adam", best.param("updater"));
        assertEquals(4, best.param("layers"));
        int units = assertInstanceOf(Integer.class, best.param("units"));
        assertTrue(units >= 70 && units <= 130, "units=" + units);
    }

    @Test
    void storesTheFittedHyperparametersWithEachModelTrial() {
        Study study = Study.builder().sampler(Samplers.gp(1)).seed(1).build();
        study.optimize(BeatsRandomSearch.QUADRATIC, 14);
        List<FrozenTrial> trials = study.trials();
        assertTrue(trials.subList(0, 10).stream().noneMatch(t -> t.systemAttrs().containsKey(GpSampler.THETA_ATTR)));
        for (FrozenTrial t : trials.subList(10, 14)) {
            List<?> theta = assertInstanceOf(List.class, t.systemAttrs().get(GpSampler.THETA_ATTR));
            assertEquals(4 + 2, theta.size(), "4 length scales, signal and noise");
        }
    }

    @Test
    void runningTrialsPushConcurrentProposalsApart() {
        Study study = Study.builder().sampler(Samplers.gp(2)).seed(2).build();
        study.optimize(BeatsRandomSearch.QUADRATIC, 15);
        Trial first = study.ask();
        Trial second = study.ask();
        double x1 = first.suggestFloat("x", -5, 5);
        double x2 = second.suggestFloat("x", -5, 5);
        double y1 = first.suggestFloat("y", -5, 5);
        double y2 = second.suggestFloat("y", -5, 5);
        assertTrue(Math.hypot(x1 - x2, y1 - y2) > 1e-3, "two running trials proposed the same point: " + x1 + ", " + y1);
    }

    @Test
    void sameSeedSameProposalsAfterTheModelTakesOver() {
        Set<Object> seen = new HashSet<>();
        for (int run = 0; run < 2; run++) {
            Study study = Study.builder().sampler(Samplers.gp(9)).seed(9).build();
            study.optimize(BeatsRandomSearch.QUADRATIC, 13);
            seen.add(study.trials().stream().map(FrozenTrial::params).toList());
        }
        assertEquals(1, seen.size());
    }

    @Test
    void builderRejectsTooFewStartupTrials() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GpSampler.builder(1).startupTrials(1));
        assertTrue(e.getMessage().contains("startupTrials >= 2"), e.getMessage());
    }
}
