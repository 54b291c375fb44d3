package org.dl4jtuner.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The warm-start benchmark's {@code --functions} option. */
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
}
