package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SparkStudy with {@code --master local[2]} and the wine data given as a {@code file://} URL, read
 * through Hadoop's LocalFileSystem: the driver copies it into the cache once, both tasks reuse that copy
 * (in local mode the executor is the driver), and the trials train on it. A URL that does not exist
 * exits 2 naming data.path and the URL.
 */
class SparkStudyDataUrlTest {
    @TempDir
    Path dir;

    /** The wine spark example with data.path the given URL, written to the temporary folder. */
    private Path spec(String dataUrl) throws IOException {
        String yaml = Files.readString(SparkStudyLocalTest.SPEC)
                .replace("path: ../data/wine.csv      # relative to this file", "path: '" + dataUrl + "'");
        assertTrue(yaml.contains(dataUrl), "the example spec still names ../data/wine.csv");
        return Files.writeString(dir.resolve("wine-url.yaml"), yaml);
    }

    @Test
    void tasksTrainOnTheirExecutorsCopyOfAFileUrl() throws IOException {
        Path wine = Files.copy(DataCacheTest.WINE, Files.createDirectories(dir.resolve("remote")).resolve("wine.csv"));
        String url = wine.toUri().toString();
        assertTrue(url.startsWith("file:/"), url);
        Path cache = dir.resolve("cache");
        String storage = "sqlite:" + dir.resolve("study.db");
        SparkStudyLocalTest.Run run = SparkStudyLocalTest.Run.of(spec(url).toString(), "--storage", storage,
                "--master", "local[2]", "--workers", "2", "--trials", "4", "--no-baseline", "--data-cache", cache.toString(),
                "--artifacts", dir.resolve("networks").toString());
        System.out.println(run.output());
        assertEquals(0, run.code(), run.output());

        StudyTrials trials = StudyTrials.read(storage, "wine-spark");
        assertEquals(4, trials.in(TrialState.COMPLETE).size() + trials.in(TrialState.PRUNED).size(), run.output());
        assertEquals(4, trials.all().size(), run.output());

        Matcher driver = Pattern.compile("data\\.path on the driver: copied " + Pattern.quote(url) + " \\(([0-9,]+) bytes\\)"
                + " to (\\S+)").matcher(run.out());
        assertTrue(driver.find(), "the driver copies the URL: " + run.output());
        assertEquals(String.format(java.util.Locale.ROOT, "%,d", Files.size(wine)), driver.group(1));
        Path copy = Path.of(driver.group(2));
        assertTrue(copy.startsWith(cache), copy + " is in " + cache);
        assertArrayEquals(Files.readAllBytes(wine), Files.readAllBytes(copy));
        assertTrue(run.out().contains("data.path " + url + " in the tasks: 0 copied it, 2 reused its executor's copy"
                + " (executor driver)"), "the tasks reuse the executor's copy: " + run.output());
        assertEquals(1, count(run.out(), "copied " + url), "one copy in all: " + run.output());
        assertTrue(run.out().contains("mlp on csv (" + copy + "): "), "the study reads the copy: " + run.output());

        List<Path> entries;
        try (Stream<Path> s = Files.list(cache)) {
            entries = s.toList();
        }
        assertEquals(List.of(copy.getParent()), entries, "the executor's cache holds the file once, no .part- left");
    }

    @Test
    void aUrlThatDoesNotExistExitsTwoNamingTheKey() throws IOException {
        String url = dir.resolve("remote").resolve("nope.csv").toUri().toString();
        SparkStudyLocalTest.Run run = SparkStudyLocalTest.Run.of(spec(url).toString(), "--storage",
                "sqlite:" + dir.resolve("study.db"), "--master", "local[2]", "--data-cache", dir.resolve("cache").toString());
        assertEquals(2, run.code(), run.output());
        assertTrue(run.err().startsWith("error: data.path: \"" + url + "\" does not exist (read through LocalFileSystem)"),
                run.output());
        assertTrue(Files.notExists(dir.resolve("study.db")), "nothing is written: " + run.output());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
