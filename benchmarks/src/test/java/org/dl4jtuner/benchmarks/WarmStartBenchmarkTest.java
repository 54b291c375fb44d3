package org.dl4jtuner.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The warm-start benchmark's {@code --functions} and {@code --first-seed} options. */
class WarmStartBenchmarkTest {
    @Test
    void functionsAreTakenOutOfTheArgumentsAndDefaultToAllFour() {
        List<String> args = new ArrayList<>(List.of("20", "--functions", "ackley5,BRANIN", "100", "tpe"));
        assertEquals(List.of(TestFunction.ACKLEY5, TestFunction.BRANIN), WarmStartBenchmark.functions(args));
        assertEquals(List.of("20", "100", "tpe"), args);
        assertEquals(List.of(TestFunction.values()), WarmStartBenchmark.functions(new ArrayList<>(List.of("20"))));
    }

    @Test
    void anUnknownFunctionIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarmStartBenchmark.functions(new ArrayList<>(List.of("--functions", "SPHERE"))));
        assertTrue(e.getMessage().contains("'SPHERE'") && e.getMessage().contains("ACKLEY5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WarmStartBenchmark.functions(new ArrayList<>(List.of("--functions"))));
    }

    @Test
    void theFirstSeedIsTakenOutOfTheArgumentsAndDefaultsToZero() {
        List<String> args = new ArrayList<>(List.of("60", "--first-seed", "60", "100"));
        assertEquals(60, WarmStartBenchmark.firstSeed(args));
        assertEquals(List.of("60", "100"), args);
        assertEquals(0, WarmStartBenchmark.firstSeed(args));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarmStartBenchmark.firstSeed(new ArrayList<>(List.of("--first-seed", "-1"))));
        assertTrue(e.getMessage().contains("--first-seed") && e.getMessage().contains("-1"), e.getMessage());
    }
}
