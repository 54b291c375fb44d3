package org.dl4jtuner.tuner.terminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

class ConvergedTerminatorTest {
    private static final double NOISE = 0.05;
    /** A bowl with its minimum 0 at (0.3, 0.7). */
    private static final DoubleBinaryOperator BOWL = (x, y) -> 10 * ((x - 0.3) * (x - 0.3) + (y - 0.7) * (y - 0.7));

    /**
     * {@code n} trials of {@code f} plus Gaussian noise of std {@link #NOISE}: the first {@code broad}
     * uniform over the unit square, the others uniform in the square of half-width 0.05 around (0.3, 0.7).
     */
    private static Study study(DoubleBinaryOperator f, int n, int broad, long seed) {
        Study study = Study.builder().seed(seed).sampler(Samplers.random(seed)).build();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            Trial t = study.ask();
            double u = t.suggestFloat("x", 0, 1);
            double v = t.suggestFloat("y", 0, 1);
            double x = i < broad ? u : 0.25 + 0.1 * u;
            double y = i < broad ? v : 0.65 + 0.1 * v;
            study.tell(t, f.applyAsDouble(x, y) + NOISE * gaussian(rng));
        }
        return study;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void saysNothingBeforeTheMinimumNumberOfTrials() {
        Study study = study(BOWL, 19, 19, 1);
        assertNull(ConvergedTerminator.builder().build().evaluate(study));
        assertFalse(Terminators.converged(1.0).reasonToStop(study).isPresent());
    }

    @Test
    void aStudyThatSampledAroundItsOptimumStops() {
        // 150 broad trials, then 50 near the optimum: the best 20 lie there, within the noise of 0
        Study study = study(BOWL, 200, 150, 2);
        ConvergedTerminator.Evaluation e = ConvergedTerminator.builder().noise(NOISE).build().evaluate(study);
        assertTrue(e.shouldStop(), e.toString());
        assertTrue(e.progress() > 10, "the median trial, a broad one, is far above the best: " + e);
        String why = Terminators.converged(NOISE).reasonToStop(study).orElseThrow();
        assertTrue(why.contains("below the median trial") && why.contains("regret bound"), why);
    }

    @Test
    void anEarlyBroadStudyOfASteepFunctionDoesNot() {
        Study study = study((x, y) -> 100 * BOWL.applyAsDouble(x, y), 30, 30, 3);
        ConvergedTerminator.Evaluation e = ConvergedTerminator.builder().noise(NOISE).build().evaluate(study);
        assertNotNull(e);
        assertTrue(e.progress() > e.minProgress(), "the bowl's values differ by far more than the noise: " + e);
        assertTrue(e.regretBound() > NOISE, "30 trials over the whole square: " + e);
        assertFalse(e.shouldStop());
    }

    @Test
    void trialsThatDifferByNoMoreThanNoiseNeverStopTheStudyThoughTheirBoundIsSmall() {
        // a flat objective: every value is 1 plus noise, so nothing above the noise was found
        Study study = study((x, y) -> 1.0, 200, 200, 4);
        ConvergedTerminator.Evaluation e = ConvergedTerminator.builder().noise(NOISE).build().evaluate(study);
        assertTrue(Math.abs(e.progress()) < e.minProgress(), "pure noise: " + e);
        assertTrue(e.regretBound() < NOISE, "the bound alone would stop: " + e);
        assertFalse(e.shouldStop());
        // the same trials with the bowl added: the best trials are now far below the median
        ConvergedTerminator.Evaluation bowl = ConvergedTerminator.builder().noise(NOISE).build()
                .evaluate(study(BOWL, 200, 150, 4));
        assertTrue(bowl.progress() > 10, bowl.toString());
    }

    @Test
    void theGapOfPureNoiseIsSubtracted() {
        // best 10% of standard normal draws: mean -phi(1.2816) / 0.1 = -1.755 against a median of 0
        assertEquals(1.7550, ConvergedTerminator.noiseOnlyGap(0.1), 1e-3);
        assertEquals(0, ConvergedTerminator.noiseOnlyGap(1.0));
        assertTrue(ConvergedTerminator.noiseOnlyGap(0.5) < ConvergedTerminator.noiseOnlyGap(0.1));
    }

    @Test
    void theConfidenceWidthScalesWithTheDimensionUnlessGiven() {
        Study study = study(BOWL, 120, 60, 5);
        ConvergedTerminator.Evaluation auto = ConvergedTerminator.builder().noise(NOISE).build().evaluate(study);
        assertEquals(Math.pow(2 / 6.0, 2), auto.confidence(), 1e-12);
        ConvergedTerminator.Evaluation paper = ConvergedTerminator.builder().noise(NOISE).confidence(1).build()
                .evaluate(study(BOWL, 120, 60, 5));
        assertEquals(1.0, paper.confidence());
        assertTrue(paper.regretBound() > auto.regretBound(), "wider: " + paper + ", narrower: " + auto);
        assertEquals("auto", ConvergedTerminator.builder().build().settings().get("confidence"));
        assertEquals(0.5, ConvergedTerminator.builder().confidence(0.5).build().settings().get("confidence"));
    }

    @Test
    void aNewStudyOverTheSameStorageDecidesTheSame() {
        Study study = study(BOWL, 150, 75, 6);
        ConvergedTerminator terminator = ConvergedTerminator.builder().build();
        ConvergedTerminator.Evaluation first = terminator.evaluate(study);
        Study reopened = Study.builder().name(study.name()).storage(study.storage()).seed(6).build();
        ConvergedTerminator.Evaluation fresh = ConvergedTerminator.builder().build().evaluate(reopened);
        assertEquals(first.regretBound(), fresh.regretBound(), 1e-6 * first.regretBound());
        assertEquals(first.noise(), fresh.noise(), 1e-6 * first.noise());
        assertEquals(first.progress(), fresh.progress(), 1e-6 * Math.abs(first.progress()));
        assertEquals(first.shouldStop(), fresh.shouldStop());
    }

    @Test
    void optionsOutsideTheirRulesAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvergedTerminator.builder().noise(-1))
                .getMessage().contains("noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvergedTerminator.builder().minTrials(1))
                .getMessage().contains("min_trials"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvergedTerminator.builder().minProgress(-0.5))
                .getMessage().contains("min_progress"));
        String message = assertThrows(IllegalArgumentException.class, () -> ConvergedTerminator.builder().confidence(1.5))
                .getMessage();
        assertTrue(message.contains("confidence=1.5") && message.contains("0 < confidence <= 1"), message);
    }

    @Test
    void aStudyWithTheTerminatorStopsByItselfAndSaysWhy() {
        Study study = Study.builder().seed(7).sampler(Samplers.tpe(7)).terminator(Terminators.converged(NOISE)).build();
        SplittableRandom rng = new SplittableRandom(7);
        study.optimize(t -> BOWL.applyAsDouble(t.suggestFloat("x", 0, 1), t.suggestFloat("y", 0, 1))
                + NOISE * gaussian(rng), 400);
        assertTrue(study.trials().size() < 400, "stopped after " + study.trials().size());
        assertTrue(study.stopReason().orElseThrow().startsWith("converged: the best trials are"), study.stopReason().get());
    }
}
