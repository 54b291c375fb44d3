package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.junit.jupiter.api.Test;

class NetworkSpaceTest {

    private static Trial trial(long seed) {
        return Study.builder().sampler(Samplers.random(seed)).build().ask();
    }

    @Test
    void perLayerUnitsAreSuggestedOnlyForLayersThatExist() {
        NetworkSpace space = NetworkSpace.builder(Family.MLP)
                .set("layers", ParameterSpace.intRange(1, 3))
                .set("units", ParameterSpace.intLogRange(16, 256))
                .build();
        for (long seed = 0; seed < 20; seed++) {
            Trial t = trial(seed);
            HyperParameters hp = space.sample(t);
            int layers = (int) t.params().get("layers");
            assertEquals(layers, hp.units().size());
            for (int i = 1; i <= 3; i++) {
                assertEquals(i <= layers, t.params().containsKey("units_" + i), "units_" + i + " with " + layers + " layers");
            }
            for (int i = 0; i < layers; i++) {
                assertEquals(t.params().get("units_" + (i + 1)), hp.units().get(i));
            }
        }
    }

    @Test
    void fixedValuesAreNotSearchDimensions() {
        NetworkSpace space = NetworkSpace.builder(Family.CNN)
                .set("learning_rate", ParameterSpace.logUniform(1e-4, 1e-2))
                .fix("filters", 32)
                .build();
        Trial t = trial(1);
        HyperParameters hp = space.sample(t);
        assertEquals(Set.of("learning_rate"), t.params().keySet());
        assertEquals(List.of(32, 32), hp.filters(), "two default blocks of the fixed 32 filters");
        assertEquals(3, hp.kernel());
        assertTrue(hp.learningRate() >= 1e-4 && hp.learningRate() <= 1e-2);
    }

    @Test
    void defaultsDescribeAWorkingNetworkPerFamily() {
        for (Family family : Family.values()) {
            HyperParameters hp = NetworkSpace.builder(family).build().sample(trial(2));
            assertEquals(1e-3, hp.learningRate());
            assertEquals("adam", hp.updater());
            assertFalse(hp.units().isEmpty());
            assertEquals(family == Family.CNN, !hp.filters().isEmpty());
        }
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpace.builder(Family.MLP).set("filters", ParameterSpace.fixed(8)));
        assertTrue(e.getMessage().startsWith("'filters' is not a hyperparameter of a mlp network; known: [activation,"),
                e.getMessage());
    }

    @Test
    void impossibleValuesAreRejectedWhenSampled() {
        NetworkSpace space = NetworkSpace.builder(Family.MLP).fix("dropout", 1.5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space.sample(trial(3)));
        assertEquals("0 <= dropout < 1 must hold, but got dropout=1.5", e.getMessage());
    }
}
