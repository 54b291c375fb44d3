package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end: one process runs a real study into SQLite, another serves the
 * dashboard, and headless Chromium loads the page while trials keep finishing. The DOM must plot
 * every trial storage held when the page was loaded, and the open page must have redrawn itself
 * with trials that finished after it loaded; a screenshot is kept in
 * {@code target/dashboard-screenshot.png}. The static report is then checked the same way.
 */
class DashboardInBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theDashboardPlotsTheTrialsOfAStudyThatAnotherProcessIsWriting() throws Exception {
        Chromium chromium = Chromium.find(dir);
        PersistentStudyTest.csv(dir, 240, 6);
        Path spec = Files.writeString(dir.resolve("watched.yaml"), """
                study: {name: watched, trials: 400, seed: 3, storage: "sqlite:studies.db"}
                sampler: random
                pruner: {type: hyperband, min_epochs: 1, max_epochs: 9, eta: 3}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.0005, 0.05]}, units: {choice: [4, 16, 32]},
                        dropout: {uniform: [0.0, 0.4]}, batch_size: 16}}
                """);
        Path db = dir.resolve("studies.db");
        Process writer = new ProcessBuilder(PersistentStudyTest.javaCommand("run", spec.toString(), "--no-baseline"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("writer.log").toFile()).start();
        Process dashboard = null;
        try {
            awaitFinished(db, 4, writer);
            dashboard = new ProcessBuilder(PersistentStudyTest.javaCommand("dashboard", "--storage", "sqlite:" + db,
                    "--study", "watched", "--port", "0")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dashboard.log").toFile()).start();
            String url = awaitUrl(dir.resolve("dashboard.log"), dashboard);

            List<FrozenTrial> before = trials(db);
            assertTrue(writer.isAlive(), "the study should still be running while the page loads");
            String dom = chromium.dumpDom(url, 4000);
            List<FrozenTrial> after = trials(db);
            assertPlots(dom, before, after);
            // The page redrew itself as trials finished while it was open, without a reload.
            assertTrue(renders(dom) >= 2, "the page drew the study once only");
            long finishedBefore = before.stream().filter(FrozenTrial::isFinished).count();
            assertTrue(finishedRows(dom) > finishedBefore, "the open page shows trials finished after it loaded");
            Path screenshot = Path.of("target", "dashboard-screenshot.png");
            Files.createDirectories(screenshot.getParent());
            chromium.screenshot(url, 4000, screenshot);
            byte[] png = Files.readAllBytes(screenshot);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
            assertTrue(png.length > 20_000, "a screenshot of charts is more than " + png.length + " bytes");

            int seen = (int) before.stream().filter(FrozenTrial::isFinished).count();
            awaitFinished(db, seen + 3, writer);
            List<FrozenTrial> later = trials(db);
            String again = chromium.dumpDom(url, 4000);
            assertPlots(again, later, trials(db));
            assertTrue(trialNumbers(section(again, "trials"), "tr").size() > trialNumbers(section(dom, "trials"), "tr").size(),
                    "a later load shows the trials finished since");

            writer.destroy();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/trials")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            PersistentStudyTest.Result cli = PersistentStudyTest.run("trials", "--storage", "sqlite:" + db, "--json");
            assertEquals(0, cli.code(), cli.err());
            assertEquals(new ObjectMapper().readTree(cli.out()), new ObjectMapper().readTree(api),
                    "GET /api/trials is the array trials --json prints");
        } finally {
            writer.destroy();
            writer.waitFor(30, TimeUnit.SECONDS);
            if (dashboard != null) {
                dashboard.destroy();
                dashboard.waitFor(30, TimeUnit.SECONDS);
            }
        }

        Path html = dir.resolve("report/watched.html");
        Path csv = dir.resolve("report/watched.csv");
        PersistentStudyTest.Result report = PersistentStudyTest.run("report", "watched", "--storage", "sqlite:" + db,
                "--html", html.toString(), "--csv", csv.toString());
        assertEquals(0, report.code(), report.err());
        List<FrozenTrial> all = trials(db);
        String reportDom = chromium.dumpDom(html.toUri().toString(), 2000);
        assertPlots(reportDom, all, all);
        assertEquals(all.size(), trialNumbers(section(reportDom, "trials"), "tr").size());
        assertEquals(all.size() + 1, Files.readAllLines(csv).size());
    }

    /**
     * Every trial finished in {@code before} is plotted where it belongs, with its state, and
     * nothing is plotted that storage did not hold by {@code after}.
     */
    private static void assertPlots(String dom, List<FrozenTrial> before, List<FrozenTrial> after) {
        assertFalse(dom.contains("class=\"empty\">Could not draw"), () -> "a panel failed to draw: " + excerpt(dom, "Could not draw"));
        Set<Integer> finishedWithValue = numbers(before, t -> t.isFinished() && t.value() != null && Double.isFinite(t.value())
                && (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED));
        Set<Integer> withCurves = numbers(before, t -> t.isFinished() && !t.intermediateValues().isEmpty());
        Set<Integer> complete = numbers(before, t -> t.state() == TrialState.COMPLETE);
        Set<Integer> known = numbers(after, t -> true);
        assertTrue(complete.size() >= 1, "the test needs a complete trial");

        Set<Integer> history = trialNumbers(section(dom, "history"), "circle");
        assertTrue(history.containsAll(finishedWithValue), "history " + history + " lacks some of " + finishedWithValue);
        assertTrue(known.containsAll(history));

        String curves = section(dom, "curves");
        assertTrue(trialNumbers(curves, "path").containsAll(withCurves), "curves lack some of " + withCurves);
        for (FrozenTrial t : before) {
            if (t.state() == TrialState.PRUNED && !t.intermediateValues().isEmpty()) {
                assertTrue(curves.contains("data-trial=\"" + t.number() + "\" data-state=\"PRUNED\""),
                        "pruned trial " + t.number() + " is drawn as pruned");
            }
        }
        assertTrue(trialNumbers(section(dom, "parallel"), "path").containsAll(complete));
        assertTrue(trialNumbers(section(dom, "slices"), "circle").containsAll(complete));
        Set<Integer> started = numbers(before, t -> t.start() != null);
        assertTrue(trialNumbers(section(dom, "timeline"), "rect").containsAll(started), "timeline lacks some of " + started);

        TreeMap<Integer, String> rows = new TreeMap<>();
        Matcher row = Pattern.compile("<tr data-trial=\"(\\d+)\" data-state=\"(\\w+)\"").matcher(section(dom, "trials"));
        while (row.find()) {
            rows.put(Integer.parseInt(row.group(1)), row.group(2));
        }
        for (FrozenTrial t : before) {
            if (t.isFinished()) {
                assertEquals(t.state().name(), rows.get(t.number()), "table row of trial " + t.number());
            }
        }
        assertTrue(known.containsAll(rows.keySet()));

        if (complete.size() >= 2) {
            assertTrue(section(dom, "importance").contains("data-param=\"learning_rate\""), "no importance bar for learning_rate");
        }
        assertTrue(section(dom, "rungs").contains("data-group=\"bracket 0\""), "no rung picture of bracket 0");
        assertTrue(section(dom, "best").contains("data-trial="), "no best trial shown");
    }

    private static int renders(String dom) {
        Matcher m = Pattern.compile("<body[^>]*data-renders=\"(\\d+)\"").matcher(dom);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static long finishedRows(String dom) {
        Matcher m = Pattern.compile("<tr data-trial=\"\\d+\" data-state=\"(COMPLETE|PRUNED|FAIL)\"").matcher(dom);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String excerpt(String text, String around) {
        int at = Math.max(0, text.indexOf(around));
        return text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 300));
    }

    private static Set<Integer> numbers(List<FrozenTrial> trials, Predicate<FrozenTrial> keep) {
        return trials.stream().filter(keep).map(FrozenTrial::number).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The markup of the element with {@code id="ID"} up to the end of its section. */
    private static String section(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no element #" + id + " in the page");
        int end = dom.indexOf("</section>", start);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    private static Set<Integer> trialNumbers(String html, String tag) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*\\bdata-trial=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static List<FrozenTrial> trials(Path db) {
        try (Storage s = SqliteStorage.open(db)) {
            return s.findStudy("watched").map(study -> s.trials(study.id(), Set.of())).orElse(List.of());
        }
    }

    private static void awaitFinished(Path db, int count, Process writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(db)) {
                try {
                    if (trials(db).stream().filter(FrozenTrial::isFinished).count() >= count) {
                        return;
                    }
                } catch (RuntimeException busy) {
                    // the writer holds a lock for a moment; look again
                }
            }
            assertTrue(writer.isAlive(), () -> "the study stopped early: " + log(writer));
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + count + " trials finished in 3 minutes");
    }

    private static String awaitUrl(Path log, Process dashboard) throws Exception {
        Pattern url = Pattern.compile("dashboard: (http://\\S+/)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            Matcher m = url.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m.group(1);
            }
            assertTrue(dashboard.isAlive(), () -> "the dashboard exited: " + readQuietly(log));
            Thread.sleep(100);
        }
        throw new AssertionError("the dashboard printed no address: " + readQuietly(log));
    }

    private static String log(Process p) {
        return "exit " + (p.isAlive() ? "(running)" : p.exitValue());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
