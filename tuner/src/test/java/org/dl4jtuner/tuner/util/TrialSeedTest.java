package org.dl4jtuner.tuner.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.junit.jupiter.api.Test;

class TrialSeedTest {

    @Test
    void theTrialWhoseNumberIsTheStudySeedGetsASeedOtherThanZero() {
        // DL4J's builders read seed 0 as "no seed": such a trial trained differently on every run
        Study study = Study.builder().direction(Direction.MAXIMIZE).seed(7).build();
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            Trial trial = study.ask();
            assertNotEquals(0L, trial.seed(), "trial " + trial.number() + " of a study with seed 7");
            seeds.add(trial.seed());
            study.tell(trial, 0.5);
        }
        assertEquals(12, seeds.size(), "every trial has its own seed");
        for (FrozenTrial t : study.trials()) {
            assertEquals(Seeds.trialSeed(7, t.number()), t.systemAttrs().get(Trial.SEED_ATTR), "recorded");
        }
    }

    @Test
    void trialSeedsAreNeverZeroAndOtherwiseTheDerivedSeed() {
        for (long studySeed = -3; studySeed < 200; studySeed++) {
            for (int number = 0; number < 200; number++) {
                long derived = Seeds.derive(studySeed, number);
                long seed = Seeds.trialSeed(studySeed, number);
                assertNotEquals(0L, seed, "study seed " + studySeed + ", trial " + number);
                if (derived != 0) {
                    assertEquals(derived, seed, "only a derived 0 is replaced");
                }
            }
        }
    }
}
