package org.dl4jtuner.tuner.terminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

class RegretBoundTerminatorTest {
    /** A bowl with its minimum 0 at (0.3, 0.7), plus Gaussian noise of the given std, over n trials of a sampler. */
    private static Study bowl(int n, double noise, boolean nearOptimum, long seed) {
        Study study = Study.builder().seed(seed).sampler(Samplers.random(seed)).build();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            Trial t = study.ask();
            double lo = nearOptimum ? 0.25 : 0;
            double hi = nearOptimum ? 0.35 : 1;
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            if (nearOptimum) {
                x = lo + (hi - lo) * x;
                y = 0.65 + (hi - lo) * y;
            }
            double value = 10 * ((x - 0.3) * (x - 0.3) + (y - 0.7) * (y - 0.7)) + noise * gaussian(rng);
            study.tell(t, value);
        }
        return study;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void saysNothingBeforeTheMinimumNumberOfTrials() {
        Study study = bowl(19, 0.1, false, 1);
        assertNull(RegretBoundTerminator.builder().build().evaluate(study));
        assertFalse(Terminators.regretBound(1.0).reasonToStop(study).isPresent());
    }

    @Test
    void stopsWhenTheBoundIsBelowAGivenNoiseAndNotWhenTheNoiseIsTiny() {
        Study study = bowl(60, 0.0, false, 2);
        RegretBoundTerminator.Evaluation e = RegretBoundTerminator.builder().build().evaluate(study);
        assertNotNull(e);
        assertTrue(e.regretBound() > 0, "bound " + e.regretBound());
        assertTrue(Terminators.regretBound(10 * e.regretBound()).reasonToStop(study).isPresent());
        assertFalse(Terminators.regretBound(e.regretBound() / 10).reasonToStop(study).isPresent());
    }

    @Test
    void aNoisyStudyThatSampledAroundItsOptimumStopsButAnEarlyBroadOneDoesNot() {
        Study converged = bowl(80, 0.05, true, 3);
        assertTrue(Terminators.regretBound(0.05).reasonToStop(converged).isPresent(),
                "80 trials near the optimum: " + RegretBoundTerminator.builder().noise(0.05).build().evaluate(converged));
        Study early = bowl(20, 0.05, false, 3);
        RegretBoundTerminator.Evaluation broad = RegretBoundTerminator.builder().noise(0.05).build().evaluate(early);
        assertFalse(broad.shouldStop(), "20 random trials over the whole square: " + broad);
    }

    @Test
    void withoutAGivenNoiseTheGaussianProcessEstimatesIt() {
        RegretBoundTerminator.Evaluation e = RegretBoundTerminator.builder().topTrialsRatio(0.5).build()
                .evaluate(bowl(80, 0.05, true, 3));
        assertTrue(e.noiseSource().contains("fitted noise"), e.noiseSource());
        // fitted to the best half, whose draws lean low: below the true 0.05, but of its order
        assertTrue(e.noise() > 0.01 && e.noise() < 0.1, "noise std 0.05, estimated " + e.noise());
        // fitted to the best 20 of 80 (the default), the estimate leans lower still: the bound is then held
        // against less than the noise, so the study stops later, never earlier, than with the true noise
        RegretBoundTerminator.Evaluation top = RegretBoundTerminator.builder().build().evaluate(bowl(80, 0.05, true, 3));
        assertTrue(top.noise() < e.noise(), "best 10%: " + top.noise() + ", best half: " + e.noise());
    }

    @Test
    void theNoiseComesFromTheBestTrialsCrossValidationScores() {
        Study study = Study.builder().seed(4).direction(Direction.MAXIMIZE).build();
        for (int i = 0; i < 25; i++) {
            Trial t = study.ask();
            double x = t.suggestFloat("x", 0, 1);
            double value = 0.9 - (x - 0.5) * (x - 0.5);
            t.setUserAttr(RegretBoundTerminator.CV_SCORES_ATTR, List.of(value - 0.02, value, value + 0.02));
            study.tell(t, value);
        }
        RegretBoundTerminator.Evaluation e = RegretBoundTerminator.builder().build().evaluate(study);
        // k = 3, population variance of (-0.02, 0, 0.02) = 0.0008/3; (1/3 + 1/2) of it
        assertEquals(Math.sqrt((1.0 / 3 + 0.5) * 0.0008 / 3), e.noise(), 1e-12);
        assertTrue(e.noiseSource().contains("cross-validation error of trial " + study.bestTrial().number()),
                e.noiseSource());
    }

    @Test
    void theDl4jEnginesFoldValuesAtTheBestEpochAreCrossValidationScores() {
        Study study = Study.builder().seed(5).build();
        Trial t = study.ask();
        t.suggestFloat("x", 0, 1);
        t.setUserAttr(RegretBoundTerminator.FOLD_VALUES_ATTR, Map.of("1", List.of(0.5, 0.7), "2", List.of(0.1, 0.3)));
        t.setUserAttr(RegretBoundTerminator.BEST_EPOCH_ATTR, 1);
        study.tell(t, 0.6);
        assertEquals(List.of(0.5, 0.7), RegretBoundTerminator.crossValidationScores(study.trials().get(0)));
    }

    @Test
    void optionsOutsideTheirRulesAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegretBoundTerminator.builder().noise(0))
                .getMessage().contains("noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegretBoundTerminator.builder().minTrials(1))
                .getMessage().contains("min_trials"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RegretBoundTerminator.builder().topTrialsRatio(1.5)).getMessage().contains("top_trials_ratio"));
    }

    @Test
    void aStudyWithTheTerminatorStopsByItselfAndRecordsTheBound() {
        Study study = Study.builder().seed(6).sampler(Samplers.gp(6)).terminator(Terminators.regretBound(0.05)).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return 10 * ((x - 0.3) * (x - 0.3) + (y - 0.7) * (y - 0.7));
        }, 300);
        assertTrue(study.trials().size() < 300, "stopped after " + study.trials().size());
        assertTrue(study.stopReason().orElseThrow().startsWith("regret_bound: regret bound"), study.stopReason().get());
        assertTrue(study.bestValue() < 0.05, "a bound below 0.05 on a noise-free bowl: best " + study.bestValue());
    }

    /**
     * Two basins: a broad one at (0.25, 0.5) the trials searched, down to 1.0, and a deep one at
     * (0.85, 0.5), down to 0, that only two far trials touched the rim of. Most trials sit in the
     * broad basin; {@code n} trials in all, noise-free.
     */
    private static Study twoBasins(int n, long seed) {
        Study study = Study.builder().seed(seed).sampler(Samplers.random(seed)).build();
        for (int i = 0; i < n; i++) {
            Trial t = study.ask();
            double u = t.suggestFloat("x", 0, 1);
            double v = t.suggestFloat("y", 0, 1);
            double x = i < n - 2 ? 0.15 + 0.2 * u : 0.6 + 0.05 * u;
            double y = i < n - 2 ? 0.4 + 0.2 * v : v;
            study.tell(t, value(x, y));
        }
        return study;
    }

    private static double value(double x, double y) {
        double broad = 1.0 + 5 * ((x - 0.25) * (x - 0.25) + (y - 0.5) * (y - 0.5));
        double deep = 40 * ((x - 0.85) * (x - 0.85) + (y - 0.5) * (y - 0.5));
        return Math.min(broad, deep);
    }

    @Test
    void theBestTrialsRegionBoundsWhatIsLeftWhereTheSearchConverges() {
        // the best 20 of 200 sit near (0.25, 0.5), where less than the noise is left: the bound stops there
        RegretBoundTerminator.Evaluation converged = RegretBoundTerminator.builder().noise(0.05).build()
                .evaluate(twoBasins(200, 7));
        assertTrue(converged.shouldStop(), "200 trials, 198 in the broad basin: " + converged);
        // with 20 trials the best trials are the whole cluster, still spread over its square: it goes on
        RegretBoundTerminator.Evaluation early = RegretBoundTerminator.builder().noise(0.05).build()
                .evaluate(twoBasins(20, 7));
        assertFalse(early.shouldStop(), "20 trials: " + early);
    }

    @Test
    void aNewStudyOverTheSameStorageComputesTheSameBound() {
        Study study = bowl(60, 0.05, false, 8);
        RegretBoundTerminator terminator = RegretBoundTerminator.builder().build();
        RegretBoundTerminator.Evaluation first = terminator.evaluate(study);
        Study reopened = Study.builder().name(study.name()).storage(study.storage()).seed(8).build();
        RegretBoundTerminator.Evaluation again = terminator.evaluate(reopened);
        RegretBoundTerminator.Evaluation fresh = RegretBoundTerminator.builder().build().evaluate(reopened);
        assertEquals(first.regretBound(), again.regretBound(), 1e-6 * first.regretBound());
        assertEquals(first.regretBound(), fresh.regretBound(), 1e-6 * first.regretBound());
        assertEquals(first.noise(), fresh.noise(), 1e-6 * first.noise());
    }

    @Test
    void theRegionIsRecordedWithTheSettingsAndReadByItsSpecName() {
        assertEquals("best_trials", RegretBoundTerminator.builder().build().settings().get("region"));
        assertEquals(0.1, RegretBoundTerminator.builder().build().settings().get("top_trials_ratio"));
        assertEquals(RegretBoundTerminator.Region.SPACE, RegretBoundTerminator.Region.fromSpecName("space"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> RegretBoundTerminator.Region.fromSpecName("local")).getMessage();
        assertTrue(message.contains("region=local") && message.contains("best_trials"), message);
    }
}
