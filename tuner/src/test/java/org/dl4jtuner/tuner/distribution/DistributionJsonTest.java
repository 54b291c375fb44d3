package org.dl4jtuner.tuner.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DistributionJsonTest {

    @Test
    void everyDistributionComesBackAsItWentIncludingItsStep() {
        for (Distribution d : List.of(FloatDistribution.of(-1, 1), new FloatDistribution(1e-5, 1e-1, true, null),
                new FloatDistribution(0, 1, false, 0.25), new IntDistribution(8, 64, false, 8),
                new IntDistribution(16, 256, true, 1), CategoricalDistribution.of(Arrays.asList("relu", 2, true, null)))) {
            assertEquals(d, DistributionJson.fromJson(DistributionJson.toJson(d)), "round trip of " + d);
        }
    }

    @Test
    void theKeysComeInOneOrderWithStepAlwaysPresent() {
        assertEquals(List.of("type", "low", "high", "log", "step"),
                List.copyOf(DistributionJson.toJson(FloatDistribution.of(0, 1)).keySet()));
        assertEquals(List.of("type", "low", "high", "log", "step"),
                List.copyOf(DistributionJson.toJson(IntDistribution.of(0, 1)).keySet()));
        assertEquals(0.25, DistributionJson.toJson(new FloatDistribution(0, 1, false, 0.25)).get("step"));
        assertEquals(8, DistributionJson.toJson(new IntDistribution(8, 64, false, 8)).get("step"));
        assertEquals(List.of("type", "choices"),
                List.copyOf(DistributionJson.toJson(CategoricalDistribution.of(List.of("a"))).keySet()));
    }

    @Test
    void aFormWithoutLogOrStepReadsAsLinearAndUnstepped() {
        assertEquals(FloatDistribution.of(0, 2), DistributionJson.fromJson(Map.of("type", "float", "low", 0, "high", 2)));
        assertEquals(IntDistribution.of(1, 9), DistributionJson.fromJson(Map.of("type", "int", "low", 1, "high", 9)));
        Map<String, Object> nullStep = new HashMap<>(Map.of("type", "int", "low", 1, "high", 9, "log", false));
        nullStep.put("step", null);
        assertEquals(IntDistribution.of(1, 9), DistributionJson.fromJson(nullStep));
    }

    @Test
    void aFormThatIsNoDistributionIsRejectedWithTheForm() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> DistributionJson.fromJson(Map.of("type", "beta")));
        assertTrue(type.getMessage().contains("float, int or categorical") && type.getMessage().contains("beta"),
                type.getMessage());
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
                () -> DistributionJson.fromJson(Map.of("type", "int", "low", 1.5, "high", 3)));
        assertTrue(low.getMessage().contains("'low' must be a whole number"), low.getMessage());
        IllegalArgumentException choices = assertThrows(IllegalArgumentException.class,
                () -> DistributionJson.fromJson(Map.of("type", "categorical")));
        assertTrue(choices.getMessage().contains("'choices'"), choices.getMessage());
    }
}
