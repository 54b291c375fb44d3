package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.dashboard.Chromium;
import org.dl4jtuner.dashboard.DashboardServer;
import org.dl4jtuner.dashboard.PageDom;
import org.dl4jtuner.dashboard.HtmlReport;
import org.dl4jtuner.dashboard.StudySnapshot;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
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
            chromium.screenshot(url + "?live=0", 4000, 1400, screenshot); // still, so the picture is of one moment
            byte[] png = Files.readAllBytes(screenshot);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
            assertTrue(png.length > 20_000, "a screenshot of charts is more than " + png.length + " bytes");

            int seen = (int) before.stream().filter(FrozenTrial::isFinished).count();
            awaitFinished(db, seen + 3, writer);
            List<FrozenTrial> later = trials(db);
            String again = chromium.dumpDom(url, 4000);
            assertPlots(again, later, trials(db));
            assertTrue(PageDom.trialNumbers(section(again, "trials"), "tr").size() > PageDom.trialNumbers(section(dom, "trials"), "tr").size(),
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
        assertEquals(all.size(), PageDom.trialNumbers(section(reportDom, "trials"), "tr").size());
        assertEquals(all.size() + 1, Files.readAllLines(csv).size());
    }

    /** Trials with conditional parameters (momentum only under sgd, units_2 only with two or more layers); trials 5, 16 and 27 fail. */
    private static final Objective CONDITIONAL = trial -> {
        String optimizer = trial.suggestCategorical("optimizer", List.of("adam", "sgd"));
        double lr = trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
        int layers = trial.suggestInt("layers", 1, 3);
        double momentum = optimizer.equals("sgd") ? trial.suggestFloat("momentum", 0.5, 0.99) : 0.9;
        int units = layers > 1 ? trial.suggestInt("units_2", 8, 64) : 0;
        double ceiling = 0.95 - 0.05 * Math.abs(Math.log10(lr) + 2.5) - 0.1 * (1 - momentum) + units * 1e-4;
        double accuracy = 0;
        for (int epoch = 1; epoch <= 9; epoch++) {
            accuracy = ceiling * (1 - Math.exp(-epoch / 3.0));
            trial.report(epoch, accuracy);
            if (trial.number() % 11 == 5) {
                throw new IllegalStateException("loss became NaN at epoch " + epoch);
            }
            if (trial.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return accuracy;
    };

    /**
     * Each chart against a study in SQLite with conditional parameters, through the live server
     * and through the static report: parallel coordinates draw every complete trial up to the
     * metric's axis, integer axes have integer ticks, every chart names the metric, the EDF has a
     * point per complete trial, the trial view shows the trial's parameters and the state filter
     * changes the table. A screenshot is kept in {@code target/dashboard-charts.png}.
     */
    @Test
    void eachChartShowsWhatStorageHoldsForAStudyWithConditionalParameters() throws Exception {
        Chromium chromium = Chromium.find(dir);
        try (Storage storage = SqliteStorage.open(dir.resolve("conditional.db"))) {
            Study study = Study.builder().name("conditional").direction(Direction.MAXIMIZE).sampler(Samplers.random(5))
                    .pruner(Pruners.hyperband(1, 9, 3)).storage(storage).build();
            storage.setStudySystemAttr(study.id(), StudySnapshot.METRIC_ATTR, "accuracy");
            study.optimize(CONDITIONAL, 30);
            List<FrozenTrial> trials = storage.trials(study.id(), Set.of());
            List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
            assertTrue(complete.stream().anyMatch(t -> !t.params().containsKey("momentum"))
                    && complete.stream().anyMatch(t -> t.params().containsKey("momentum")), "the test needs trials with and without momentum");
            assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.FAIL), "the test needs a failed trial");

            try (DashboardServer server = DashboardServer.start(storage, "conditional", new InetSocketAddress("127.0.0.1", 0))) {
                // ?live=0: the page reads the study once; a page following a study that does not change
                // would hold its request open, and headless Chromium waits for the network to settle.
                String url = server.uri() + "?live=0";
                String dom = chromium.dumpDom(url, 3000);
                assertPlots(dom, trials, trials);
                assertCharts(dom, trials);

                FrozenTrial withoutMomentum = complete.stream().filter(t -> !t.params().containsKey("momentum")).findFirst().orElseThrow();
                FrozenTrial failed = trials.stream().filter(t -> t.state() == TrialState.FAIL).findFirst().orElseThrow();
                for (FrozenTrial t : List.of(withoutMomentum, failed)) {
                    String page = chromium.dumpDom(url + "#trial/" + t.number(), 3000);
                    assertTrialView(page, t);
                }

                String onlyComplete = chromium.dumpDom(url + "&states=COMPLETE", 3000);
                assertEquals(trials.size(), tableRows(dom).size());
                assertEquals(numbers(trials, t -> t.state() == TrialState.COMPLETE), tableRows(onlyComplete).keySet(),
                        "with only COMPLETE ticked the table lists the complete trials");
                assertEquals(Set.of(), plotted(charts(onlyComplete).get("history")).stream()
                        .filter(n -> trials.get(n).state() != TrialState.COMPLETE).collect(Collectors.toSet()),
                        "with only COMPLETE ticked the history shows no pruned trial");
                String onlyFailed = chromium.dumpDom(url + "&states=FAIL", 3000);
                assertEquals(numbers(trials, t -> t.state() == TrialState.FAIL), tableRows(onlyFailed).keySet());

                Path screenshot = Path.of("target", "dashboard-charts.png");
                Files.createDirectories(screenshot.getParent());
                chromium.screenshot(url, 3000, 1400, screenshot);
                assertTrue(Files.size(screenshot) > 50_000, "a screenshot of charts is more than " + Files.size(screenshot) + " bytes");
            }

            Path html = dir.resolve("conditional.html");
            HtmlReport.write(StudySnapshot.read(storage, storage.findStudy("conditional").orElseThrow()), html);
            String report = Files.readString(html);
            assertFalse(Pattern.compile("<script[^>]*\\ssrc=").matcher(report).find(), "a report loads no script from elsewhere");
            assertTrue(report.contains("echarts.apache.org") || report.contains("Apache Software Foundation"), "the report inlines ECharts");
            String reportDom = chromium.dumpDom(html.toUri().toString(), 3000);
            assertPlots(reportDom, trials, trials);
            assertCharts(reportDom, trials);
            assertTrialView(chromium.dumpDom(html.toUri() + "#trial/" + withoutMomentum(trials).number(), 3000), withoutMomentum(trials));
        }
    }

    private static FrozenTrial withoutMomentum(List<FrozenTrial> trials) {
        return trials.stream().filter(t -> t.state() == TrialState.COMPLETE && !t.params().containsKey("momentum"))
                .findFirst().orElseThrow();
    }

    /** The checks that need the conditional study: n/a positions, integer ticks, the metric's name, the EDF, the caveat. */
    private static void assertCharts(String dom, List<FrozenTrial> trials) {
        Map<String, JsonNode> charts = charts(dom);
        List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();

        JsonNode parallel = charts.get("parallel");
        JsonNode axes = parallel.get("axes");
        assertEquals("accuracy", axes.get(axes.size() - 1).get("name").asText(), "the last parallel axis is the metric");
        JsonNode lines = parallel.get("series").get(0);
        assertEquals(complete.size(), lines.get("length").asInt(), "a line per complete trial");
        for (JsonNode line : lines.get("items")) {
            FrozenTrial t = trials.get(line.get("trial").asInt());
            JsonNode value = line.get("value");
            assertEquals(axes.size(), value.size(), "trial " + t.number() + " has a position on every axis");
            for (JsonNode v : value) {
                assertFalse(v.isNull(), "trial " + t.number() + " reaches every axis: " + value);
            }
            assertEquals(t.value(), value.get(value.size() - 1).asDouble(), 1e-12, "trial " + t.number() + " ends at its value");
        }
        assertTrue(labels(parallel, "parallelAxis", indexOf(axes, "momentum")).contains("n/a"),
                "the momentum axis has an n/a position for trials without momentum");

        for (Map.Entry<String, JsonNode> chart : charts.entrySet()) {
            for (JsonNode axis : chart.getValue().path("axes")) {
                String name = axis.get("name").asText();
                if (Set.of("layers", "units_2", "epoch", "trial", "trials").contains(name)) {
                    for (JsonNode label : axis.get("labels")) {
                        String text = label.asText();
                        assertTrue(text.isEmpty() || text.equals("n/a") || text.matches("-?\\d+"),
                                chart.getKey() + ": axis " + name + " has a tick '" + text + "' that is not a whole number");
                    }
                }
            }
        }

        assertEquals("accuracy", axis(charts.get("history"), "yAxis", 0).get("name").asText());
        assertEquals("accuracy", axis(charts.get("curves"), "yAxis", 0).get("name").asText());
        assertEquals("accuracy", axis(charts.get("edf"), "xAxis", 0).get("name").asText());
        for (JsonNode a : charts.get("slices").get("axes")) {
            if (a.get("kind").asText().equals("yAxis")) {
                assertEquals("accuracy", a.get("name").asText(), "each slice's y axis names the metric");
            }
        }
        assertTrue(charts.get("importance").toString().contains("accuracy"));
        assertTrue(parallel.get("visualMaps").toString().contains("accuracy"), "the parallel colour bar names the metric");
        assertTrue(charts.get("contour").get("visualMaps").toString().contains("accuracy"), "the contour colour bar names the metric");
        assertTrue(charts.get("slices").get("visualMaps").toString().contains("trial number"), "the slices colour bar says it is the trial number");
        assertTrue(section(dom, "summary").contains("best accuracy"), "the headline names the metric");
        assertTrue(section(dom, "best").contains("accuracy"), "the best trial names the metric");
        assertTrue(section(dom, "trials").contains("<th data-key=\"value\">accuracy"), "the table's value column names the metric");

        JsonNode edf = charts.get("edf").get("series").get(0);
        assertEquals(complete.size(), edf.get("length").asInt(), "the EDF has a point per complete trial");

        List<String> contourAxes = List.of(axis(charts.get("contour"), "xAxis", 0).get("name").asText(),
                axis(charts.get("contour"), "yAxis", 0).get("name").asText());
        List<String> ranked = labels(charts.get("importance"), "yAxis", 0);
        assertEquals(ranked.subList(0, 2), contourAxes, "the contour shows the two most important parameters");

        boolean caveat = !Pattern.compile("id=\"importance-caveat\"[^>]*hidden").matcher(dom).find();
        assertEquals(complete.size() < 10, caveat, "the importance caveat shows when fewer than 10 trials are complete");
        assertTrue(charts.get("history").get("legend").toString().contains("best so far"), "the history has a legend");
        assertTrue(charts.get("rungs-0").get("legend").toString().contains("reached the rung"), "the rungs have a legend");
    }

    /** The trial view of #trial/N lists the trial's own parameters, n/a for those it lacks, and its fail reason. */
    private static void assertTrialView(String dom, FrozenTrial t) {
        Matcher dl = Pattern.compile("(?s)<dl class=\"params\" id=\"trial-params\" data-trial=\"(\\d+)\">(.*?)</dl>").matcher(dom);
        assertTrue(dl.find(), "no trial view for trial " + t.number());
        assertEquals(t.number(), Integer.parseInt(dl.group(1)));
        Map<String, String> shown = new TreeMap<>();
        Matcher dd = Pattern.compile("<dd data-param=\"([^\"]+)\"[^>]*>([^<]*)</dd>").matcher(dl.group(2));
        while (dd.find()) {
            shown.put(dd.group(1), dd.group(2));
        }
        for (String name : List.of("optimizer", "learning_rate", "layers", "momentum", "units_2")) {
            Object value = t.params().get(name);
            String text = shown.get(name);
            if (value == null) {
                assertTrue(text != null && text.startsWith("n/a"), "trial " + t.number() + " shows " + name + " as n/a, not " + text);
            } else if (value instanceof Number n) {
                assertEquals(n.doubleValue(), Double.parseDouble(text), Math.abs(n.doubleValue()) * 1e-3, name + " of trial " + t.number());
            } else {
                assertEquals(value.toString(), text, name + " of trial " + t.number());
            }
        }
        Object reason = t.systemAttrs().get(Study.FAIL_REASON_ATTR);
        if (reason != null) {
            assertTrue(section(dom, "trial-view").contains(reason.toString()), "the trial view shows the fail reason");
        }
        assertTrue(dom.contains("id=\"trial-curve\""), "the trial view has the trial's curve");
    }

    /** Each chart's data-summary by its element's id. */
    private static Map<String, JsonNode> charts(String dom) {
        Map<String, JsonNode> charts = new TreeMap<>();
        Matcher m = Pattern.compile("<div id=\"([\\w-]+)\"[^>]*?data-summary=\"([^\"]*)\"").matcher(dom);
        while (m.find()) {
            String json = m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
            try {
                charts.put(m.group(1), new ObjectMapper().readTree(json));
            } catch (IOException e) {
                throw new AssertionError("chart " + m.group(1) + " has a summary that is not JSON: " + json, e);
            }
        }
        for (String id : List.of("history", "curves", "importance", "parallel", "slices", "contour", "edf", "timeline")) {
            assertTrue(charts.containsKey(id), "no chart #" + id + " in the page");
        }
        return charts;
    }

    /** The trials a chart's series plot. */
    private static Set<Integer> plotted(JsonNode chart) {
        Set<Integer> found = new TreeSet<>();
        for (JsonNode series : chart.path("series")) {
            for (JsonNode item : series.path("items")) {
                if (item.hasNonNull("trial")) {
                    found.add(item.get("trial").asInt());
                }
            }
        }
        return found;
    }

    private static JsonNode axis(JsonNode chart, String kind, int index) {
        int seen = 0;
        for (JsonNode axis : chart.get("axes")) {
            if (axis.get("kind").asText().equals(kind) && seen++ == index) {
                return axis;
            }
        }
        throw new AssertionError("no " + kind + " " + index + " in " + chart);
    }

    private static List<String> labels(JsonNode chart, String kind, int index) {
        List<String> labels = new ArrayList<>();
        axis(chart, kind, index).get("labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }

    private static int indexOf(JsonNode axes, String name) {
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i).get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no axis " + name + " in " + axes);
    }

    /** The table's rows: trial number to state. */
    private static Map<Integer, String> tableRows(String dom) {
        TreeMap<Integer, String> rows = new TreeMap<>();
        Matcher row = Pattern.compile("<tr data-trial=\"(\\d+)\" data-state=\"(\\w+)\"").matcher(section(dom, "trials"));
        while (row.find()) {
            rows.put(Integer.parseInt(row.group(1)), row.group(2));
        }
        return rows;
    }

    /**
     * Every trial finished in {@code before} is plotted where it belongs, with its state, and
     * nothing is plotted that storage did not hold by {@code after}. What is plotted is read from
     * each chart's data-summary, which the page reads back from ECharts after drawing.
     */
    private static void assertPlots(String dom, List<FrozenTrial> before, List<FrozenTrial> after) {
        assertFalse(dom.contains("class=\"empty\">Could not draw"), () -> "a panel failed to draw: " + excerpt(dom, "class=\"empty\">Could not draw"));
        Set<Integer> finishedWithValue = numbers(before, t -> t.isFinished() && t.value() != null && Double.isFinite(t.value())
                && (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED));
        Set<Integer> withCurves = numbers(before, t -> t.isFinished() && !t.intermediateValues().isEmpty());
        Set<Integer> complete = numbers(before, t -> t.state() == TrialState.COMPLETE);
        Set<Integer> known = numbers(after, t -> true);
        assertTrue(complete.size() >= 1, "the test needs a complete trial");
        Map<String, JsonNode> charts = charts(dom);

        Set<Integer> history = plotted(charts.get("history"));
        assertTrue(history.containsAll(finishedWithValue), "history " + history + " lacks some of " + finishedWithValue);
        assertTrue(known.containsAll(history));

        Map<Integer, String> curves = new TreeMap<>();
        for (JsonNode series : charts.get("curves").get("series")) {
            curves.put(Integer.parseInt(series.get("id").asText().substring("trial-".length())), series.get("name").asText());
        }
        assertTrue(curves.keySet().containsAll(withCurves), "curves lack some of " + withCurves);
        for (FrozenTrial t : before) {
            if (t.state() == TrialState.PRUNED && !t.intermediateValues().isEmpty()) {
                assertEquals("pruned", curves.get(t.number()), "pruned trial " + t.number() + " is drawn as pruned");
            }
        }
        assertTrue(plotted(charts.get("parallel")).containsAll(complete));
        assertTrue(plotted(charts.get("slices")).containsAll(complete));
        assertTrue(plotted(charts.get("edf")).containsAll(complete));
        Set<Integer> started = numbers(before, t -> t.start() != null);
        assertTrue(plotted(charts.get("timeline")).containsAll(started), "timeline lacks some of " + started);

        Map<Integer, String> rows = tableRows(dom);
        for (FrozenTrial t : before) {
            if (t.isFinished()) {
                assertEquals(t.state().name(), rows.get(t.number()), "table row of trial " + t.number());
            }
        }
        assertTrue(known.containsAll(rows.keySet()));

        if (complete.size() >= 2) {
            assertTrue(labels(charts.get("importance"), "yAxis", 0).contains("learning_rate"), "no importance bar for learning_rate");
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
