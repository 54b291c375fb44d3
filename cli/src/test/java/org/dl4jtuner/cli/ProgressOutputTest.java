package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

/** What {@code run} prints when its output is not a terminal, and the -v/-q switch. */
class ProgressOutputTest {
    private static final Pattern TRIAL_LINE = Pattern.compile(
            "trial +\\d+ (COMPLETE|PRUNED|FAIL) +accuracy=\\S+ epochs=\\d+.* \\| best .*");

    @TempDir
    Path dir;

    @Test
    void runWithStdoutInAFilePrintsWholeLinesAndNoControlCharacters() throws Exception {
        PersistentStudyTest.csv(dir, 150, 4);
        Path spec = Files.writeString(dir.resolve("lines.yaml"), """
                study: {name: lines, trials: 5, seed: 8, parallel: 2}
                sampler: random
                pruner: {type: asha, min_epochs: 1, max_epochs: 3}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: {int: [4, 16]}, batch_size: 16}}
                """);
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process run = new ProcessBuilder(PersistentStudyTest.javaCommand("run", spec.toString(), "--no-baseline"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(run.waitFor(3, TimeUnit.MINUTES), "run did not finish in 3 minutes");
        assertEquals(0, run.exitValue(), () -> read(stderr));

        String text = Files.readString(stdout, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the output ends with a whole line");
        for (char c : text.toCharArray()) {
            assertTrue(c == '\n' || c >= ' ', () -> "control character " + (int) c + " in redirected output:\n" + text);
        }
        List<String> lines = text.lines().toList();
        List<String> trialLines = lines.stream().filter(l -> l.startsWith("trial ")).toList();
        assertEquals(5, trialLines.size(), text);
        for (String line : trialLines) {
            assertTrue(TRIAL_LINE.matcher(line).matches(), () -> "not a whole trial line: " + line);
        }
        assertTrue(lines.contains("Summary") && lines.stream().anyMatch(l -> l.startsWith("  best ")), text);
        assertFalse(text.contains("trials | best"), "no status line when stdout is a file");
    }

    @Test
    void quietDropsTheTrialLinesAndVerboseIsAcceptedAfterTheSubcommand() throws Exception {
        PersistentStudyTest.csv(dir, 90, 3);
        Path spec = Files.writeString(dir.resolve("quiet.yaml"), """
                study: {name: quiet, trials: 2, seed: 8}
                sampler: random
                pruner: {type: none, max_epochs: 2}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: 8, batch_size: 16}}
                """);

        PersistentStudyTest.Result quiet = PersistentStudyTest.run("run", spec.toString(), "--no-baseline", "-q");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.out().lines().anyMatch(l -> l.startsWith("trial ")), quiet.out());
        assertTrue(quiet.out().contains("Summary"), "the summary still prints: " + quiet.out());

        PersistentStudyTest.Result verbose = PersistentStudyTest.run("run", spec.toString(), "--no-baseline", "-v");
        assertEquals(0, verbose.code(), verbose.err());
        assertEquals(2, verbose.out().lines().filter(l -> l.startsWith("trial ")).count(), verbose.out());
        assertTrue(LoggerFactory.getLogger("org.dl4jtuner.cli").isInfoEnabled(), "-v after the subcommand shows INFO");
        assertEquals(List.of("-v"), Verbosity.flags(), "and is passed on to worker JVMs");

        PersistentStudyTest.run("plan", "--max-resource", "9", "--eta", "3", "-q");
        assertFalse(LoggerFactory.getLogger("org.dl4jtuner.cli").isWarnEnabled(), "-q shows errors only");
        assertEquals(List.of("-q"), Verbosity.flags());
        PersistentStudyTest.run("plan", "--max-resource", "9", "--eta", "3", "-vv");
        assertTrue(LoggerFactory.getLogger("org.dl4jtuner.cli").isDebugEnabled(), "-vv shows DEBUG");
        PersistentStudyTest.run("plan", "--max-resource", "9", "--eta", "3");
        assertFalse(LoggerFactory.getLogger("org.dl4jtuner.cli").isInfoEnabled(), "each command line starts from the default");

        PersistentStudyTest.Result bad = PersistentStudyTest.run("run", spec.toString(), "--progress", "fancy");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--progress: must be auto, bar or lines, but got 'fancy'"), bad.err());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
