package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PatienceTest {

    @Test
    void isUsedUpAfterPatienceValuesInARowWithoutImprovement() {
        Patience rule = new Patience(2, 0.0);
        assertFalse(rule.isExhausted(List.of(0.5, 0.7, 0.6), Direction.MAXIMIZE));
        assertTrue(rule.isExhausted(List.of(0.5, 0.7, 0.6, 0.7), Direction.MAXIMIZE), "equal is no improvement");
        assertFalse(rule.isExhausted(List.of(0.5, 0.7, 0.6, 0.71), Direction.MAXIMIZE));
        assertTrue(rule.isExhausted(List.of(1.0, 0.9, 0.95, 0.91), Direction.MINIMIZE));
    }

    @Test
    void anImprovementMustExceedMinDeltaAndOnlySuchAnImprovementMovesTheReference() {
        Patience rule = new Patience(2, 0.1);
        // 0.55 and 0.6 each beat 0.5 by less than 0.1: the reference stays 0.5
        assertTrue(rule.isExhausted(List.of(0.5, 0.55, 0.6), Direction.MAXIMIZE));
        // 0.65 beats the reference 0.5 by more than 0.1, though only 0.05 better than 0.6
        Patience.Progress p = rule.progress(List.of(0.5, 0.55, 0.65), Direction.MAXIMIZE);
        assertEquals(new Patience.Progress(0.65, 0), p);
    }

    @Test
    void nanNeverImprovesAndTheFirstNumberAlwaysDoes() {
        Patience rule = new Patience(2, 0.0);
        assertTrue(rule.isExhausted(List.of(Double.NaN, Double.NaN), Direction.MINIMIZE));
        assertEquals(new Patience.Progress(3.0, 0), rule.progress(List.of(Double.NaN, 3.0), Direction.MINIMIZE));
        assertEquals(new Patience.Progress(3.0, 1), rule.progress(List.of(3.0, Double.NaN), Direction.MINIMIZE));
    }

    @Test
    void stepByStepAndOverAListAgree() {
        Patience rule = new Patience(3, 0.01);
        List<Double> values = List.of(0.3, 0.35, 0.351, 0.34, 0.36, 0.5, 0.49, 0.495, 0.5);
        Patience.Progress p = Patience.Progress.START;
        for (double v : values) {
            p = rule.next(p, v, Direction.MAXIMIZE);
        }
        assertEquals(rule.progress(values, Direction.MAXIMIZE), p);
        assertTrue(rule.isExhausted(p));
    }

    @Test
    void badSettingsAreRejectedWithTheRule() {
        IllegalArgumentException patience = assertThrows(IllegalArgumentException.class, () -> new Patience(0, 0));
        assertTrue(patience.getMessage().contains("patience >= 1"), patience.getMessage());
        IllegalArgumentException delta = assertThrows(IllegalArgumentException.class, () -> new Patience(1, -0.5));
        assertTrue(delta.getMessage().contains("minDelta >= 0 must hold, but got minDelta=-0.5"), delta.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Patience(1, Double.NaN));
    }
}
