package org.dl4jtuner.examples.casestudies.cartpole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EpsilonScheduleTest {
    @Test
    void aDecayFallsLinearlyOverItsShareOfStepsThenStays() {
        EpsilonSchedule decay = EpsilonSchedule.named("decay_0.05_over_20%");
        assertEquals(1.0, decay.epsilon(0, 10_000), 1e-12);
        assertEquals(0.525, decay.epsilon(1_000, 10_000), 1e-12);
        assertEquals(0.05, decay.epsilon(2_000, 10_000), 1e-12);
        assertEquals(0.05, decay.epsilon(9_999, 10_000), 1e-12);
        assertEquals(0.01, EpsilonSchedule.named("decay_0.01_over_50%").epsilon(5_000, 10_000), 1e-12);
    }

    @Test
    void aFixedEpsilonNeverChanges() {
        EpsilonSchedule fixed = EpsilonSchedule.named("fixed_0.1");
        assertEquals(0.1, fixed.epsilon(0, 100), 0);
        assertEquals(0.1, fixed.epsilon(99, 100), 0);
    }

    @Test
    void everyNamedScheduleExistsAndBadOnesAreRefusedWithTheRule() {
        EpsilonSchedule.NAMES.forEach(EpsilonSchedule::named);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EpsilonSchedule.named("greedy"));
        assertEquals("exploration must be one of " + EpsilonSchedule.NAMES + ", but got 'greedy'", unknown.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new EpsilonSchedule(1.5, 0.1, 0.2));
        assertEquals("start must be in [0, 1], but got 1.5", range.getMessage());
    }
}
