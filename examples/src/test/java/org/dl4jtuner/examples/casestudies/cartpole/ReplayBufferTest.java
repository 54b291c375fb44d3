package org.dl4jtuner.examples.casestudies.cartpole;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    private static double[] state(double v) {
        return new double[] {v, v, v, v};
    }

    @Test
    void theOldestTransitionIsOverwrittenOnceFull() {
        ReplayBuffer buffer = new ReplayBuffer(2, 4);
        for (int i = 1; i <= 3; i++) {
            buffer.add(state(i), i % 2, i, state(i + 0.5), i == 3);
        }
        assertEquals(2, buffer.size());
        Set<Double> rewards = new HashSet<>();
        ReplayBuffer.Batch batch = buffer.sample(200, new Random(1));
        for (int i = 0; i < 200; i++) {
            double r = batch.rewards()[i];
            rewards.add(r);
            // each row keeps its own transition together
            assertEquals(r, batch.states().getDouble(i, 0), 1e-6);
            assertEquals(r + 0.5, batch.nextStates().getDouble(i, 3), 1e-6);
            assertEquals((int) r % 2, batch.actions()[i]);
            assertEquals(r == 3, batch.terminal()[i]);
        }
        assertEquals(Set.of(2.0, 3.0), rewards);
    }

    @Test
    void samplingIsSeededAndShapedForTheNetwork() {
        ReplayBuffer buffer = new ReplayBuffer(100, 4);
        for (int i = 0; i < 100; i++) {
            buffer.add(state(i), 0, i, state(i), false);
        }
        ReplayBuffer.Batch a = buffer.sample(32, new Random(5));
        ReplayBuffer.Batch b = buffer.sample(32, new Random(5));
        assertArrayEquals(a.rewards(), b.rewards());
        assertArrayEquals(new long[] {32, 4}, a.states().shape());
        assertTrue(a.rewards().length == 32);
    }

    @Test
    void badShapesAndAnEmptyBufferAreRefused() {
        ReplayBuffer buffer = new ReplayBuffer(4, 4);
        assertThrows(IllegalStateException.class, () -> buffer.sample(1, new Random(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buffer.add(new double[3], 0, 1, state(0), false));
        assertEquals("states must have 4 variables, but got 3 and 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0, 4));
    }
}
