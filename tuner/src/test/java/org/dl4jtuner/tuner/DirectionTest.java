package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class DirectionTest {
    private static FrozenTrial trial(int number, TrialState state, Double value) {
        return new FrozenTrial(number, number, state, value, Map.of(), Map.of(), new TreeMap<>(), Map.of(), Map.of(),
                null, null);
    }

    private static final List<FrozenTrial> TRIALS = List.of(
            trial(0, TrialState.COMPLETE, 0.5),
            trial(1, TrialState.PRUNED, 0.01),
            trial(2, TrialState.COMPLETE, Double.NaN),
            trial(3, TrialState.COMPLETE, 0.2),
            trial(4, TrialState.COMPLETE, 0.9),
            trial(5, TrialState.COMPLETE, 0.2),
            trial(6, TrialState.FAIL, null));

    @Test
    void theBestIsTheCompleteTrialWithTheBestNumberFirstAmongEquals() {
        assertEquals(3, Direction.MINIMIZE.best(TRIALS).number(), "pruned 0.01 and NaN do not count; 3 before 5");
        assertEquals(4, Direction.MAXIMIZE.best(TRIALS).number());
    }

    @Test
    void withoutACompleteNumberThereIsNoBest() {
        assertNull(Direction.MINIMIZE.best(List.of(trial(0, TrialState.PRUNED, 0.1), trial(1, TrialState.COMPLETE, Double.NaN))));
        assertNull(Direction.MAXIMIZE.best(List.of()));
    }
}
