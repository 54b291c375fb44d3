package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaseStudyArgsTest {
    @Test
    void withoutArgumentsAFullRunWithSeed42AndTheMedianPruner() {
        assertEquals(new CaseStudyArgs(false, 42, "median"), CaseStudyArgs.parse());
    }

    @Test
    void everyArgumentIsRead() {
        assertEquals(new CaseStudyArgs(true, 7, "none"), CaseStudyArgs.parse("--pruner", "none", "--quick", "--seed", "7"));
    }

    @Test
    void theFoldPrunerIsTheMedianOrNone() {
        assertEquals("percentile", CaseStudyArgs.parse().foldPruner(3).settings().get("type"));
        assertEquals(50.0, CaseStudyArgs.parse().foldPruner(3).settings().get("percentile"));
        assertEquals(3, CaseStudyArgs.parse().foldPruner(3).settings().get("warmup_trials"));
        assertEquals("none", CaseStudyArgs.parse("--pruner", "none").foldPruner(3).settings().get("type"));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CaseStudyArgs.parse("--fast"));
        assertTrue(unknown.getMessage().startsWith("unknown argument '--fast'; accepted arguments: --quick"),
                unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CaseStudyArgs.parse("--quick", "--seed"));
        assertTrue(missing.getMessage().startsWith("--seed needs a value"), missing.getMessage());
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> CaseStudyArgs.parse("--seed", "x1"));
        assertEquals("--seed must be an integer, but got 'x1'", seed.getMessage());
        IllegalArgumentException pruner = assertThrows(IllegalArgumentException.class,
                () -> CaseStudyArgs.parse("--pruner", "hyperband"));
        assertEquals("--pruner must be one of [median, none], but got 'hyperband'", pruner.getMessage());
    }
}
