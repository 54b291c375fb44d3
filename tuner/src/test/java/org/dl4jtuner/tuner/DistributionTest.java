package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void theUnitMapRoundTripsEveryValueOfADiscreteDistribution() {
        List<Distribution> discrete = List.of(IntDistribution.of(-3, 7), new IntDistribution(1, 1000, true, 1),
                new IntDistribution(8, 64, false, 8), CategoricalDistribution.of(List.of("a", "b", "c")),
                new FloatDistribution(0, 1, false, 0.125));
        for (Distribution d : discrete) {
            for (double u = 0; u <= 1; u += 0.001) {
                double v = d.fromUnit(u);
                assertTrue(d.contains(v), d + " does not contain " + v + " from u=" + u);
                assertEquals(v, d.fromUnit(d.toUnit(v)), 1e-9, d + " round trip of " + v);
            }
        }
    }

    @Test
    void everyIntValueIsReachableWithEqualShare() {
        IntDistribution d = IntDistribution.of(1, 4);
        int[] counts = new int[5];
        for (int i = 0; i < 4000; i++) {
            counts[(int) d.fromUnit((i + 0.5) / 4000)]++;
        }
        assertEquals(List.of(0, 1000, 1000, 1000, 1000), java.util.Arrays.stream(counts).boxed().toList());
    }

    @Test
    void aSteppedRangeEndsOnItsGrid() {
        assertEquals(0.9, new FloatDistribution(0, 1, false, 0.3).high(), 1e-12);
        assertEquals(62, new IntDistribution(2, 64, false, 4).high());
    }

    @Test
    void valuesOutsideAreRejectedNamingTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntDistribution.of(1, 3).toInternal(5));
        assertTrue(e.getMessage().startsWith("value 5 is outside IntDistribution[low=1, high=3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CategoricalDistribution.of(List.of("a")).toInternal("b"));
        assertThrows(IllegalArgumentException.class, () -> IntDistribution.of(1, 3).toInternal(1.5));
    }

    @Test
    void categoricalChoicesMustBePlainData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalDistribution.of(List.of(new Object())));
        assertTrue(e.getMessage().contains("choices must be strings, numbers, booleans or null"), e.getMessage());
    }
}
