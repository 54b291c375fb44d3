package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    @Test
    void aCaseStudyWithoutPrunerRefusesItSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaseStudyArgs.parseWithoutPruner(new String[] {"--quick", "--pruner", "none"}, "no folds here"));
        assertEquals("--pruner: no folds here; accepted arguments: --quick, --seed N", e.getMessage());
        assertEquals(new CaseStudyArgs(true, 3, "median"),
                CaseStudyArgs.parseWithoutPruner(new String[] {"--quick", "--seed", "3"}, "no folds here"));
        assertEquals(new CaseStudyArgs(false, 42, "none"), CaseStudyArgs.parseWithoutPruner(new String[] {"--pruner", "none"}, null));
    }

    /** A main given a bad argument prints one line and exits 2, as the command line does, not a stack trace. */
    @Test
    void aMainGivenABadArgumentPrintsOneLineAndExitsWithCode2() throws Exception {
        assertUsageError(SvmBreastCancer.class, "error: --seed must be an integer, but got 'abc'", "--seed", "abc");
        assertUsageError(LstmInputLengthHyperband.class, "error: --pruner: 7.4's pruner is Hyperband, the method the case"
                + " study shows; accepted arguments: --quick, --seed N", "--pruner", "none");
    }

    private static void assertUsageError(Class<?> main, String expectedLine, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), main.getSimpleName() + " did not exit");
        assertEquals(CaseStudyArgs.USAGE_EXIT_CODE, process.exitValue(), stderr);
        assertEquals(expectedLine, stderr.strip());
    }
}
