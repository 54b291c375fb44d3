package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as headless Chromium draws it: what a reader sees of a study of two objectives
 * and of a study whose conditional parameter only a failed trial sampled. Screenshots are kept in
 * {@code target/report-*.png}.
 */
class ReportInBrowserTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aStudyOfTwoObjectivesShowsItsFrontWhereOneObjectiveShowsTheBestTrialAndEveryObjectiveInTheTable() throws Exception {
        Chromium chromium = Chromium.find(dir);
        Study study = Studies.paretoAsha(30);
        List<Integer> front = StudySnapshot.of(study).summaryJson().get("pareto") instanceof java.util.Map<?, ?> p
                ? ((List<?>) p.get("front")).stream().map(n -> ((Number) n).intValue()).toList() : List.of();
        assertTrue(front.size() >= 2, "the test needs a front of several trials: " + front);
        Path html = dir.resolve("front.html");
        HtmlReport.write(StudySnapshot.of(study), html);

        String dom = chromium.dumpDom(html.toUri().toString(), 3000);
        keepScreenshot(chromium, html, "report-front.png");

        String best = section(dom, "best-panel");
        assertTrue(best.contains(">Pareto front</h2>"), "the panel is titled for several objectives: " + best);
        assertFalse(best.contains("No complete trial yet"), "complete trials exist: " + best);
        assertEquals(new TreeSet<>(front), PageDom.trialNumbers(best, "tr"), "the panel lists the front's trials");
        assertTrue(section(dom, "summary-panel").contains("accuracy ↑, parameters ↓"), "both objectives and their directions");

        String table = section(dom, "table-panel");
        List<String> headers = headers(table);
        assertTrue(headers.contains("accuracy") && headers.contains("parameters"), "a column per objective: " + headers);
        Set<Integer> highlighted = new TreeSet<>();
        Matcher row = Pattern.compile("<tr data-trial=\"(\\d+)\"[^>]*class=\"best\"").matcher(table);
        while (row.find()) {
            highlighted.add(Integer.parseInt(row.group(1)));
        }
        assertEquals(new TreeSet<>(front), highlighted, "the front's rows are highlighted");
        FrozenTrial member = study.trials().stream().filter(t -> t.number() == front.get(0)).findFirst().orElseThrow();
        assertTrue(rowOf(table, member.number()).contains(">" + fmt(member.values()[1]) + "</td>"),
                "the row shows the second objective's value " + member.values()[1] + ": " + rowOf(table, member.number()));

        assertEquals("value", summary(dom, "history").get("axes").get(1).get("type").asText(),
                "accuracies within one decade keep a linear axis");

        String trialPage = chromium.dumpDom(html.toUri() + "#trial/" + member.number(), 3000);
        String values = section(trialPage, "trial-panel");
        assertTrue(values.contains("accuracy " + fmt(member.values()[0]) + " · parameters " + fmt(member.values()[1])),
                "a trial's page shows every objective: " + values);
        assertTrue(values.contains("on the Pareto front"), values);

        String rungs = section(dom, "rungs-panel");
        assertFalse(rungs.contains("No rung-based pruner"), "pareto_asha is drawn by its rungs");
        assertTrue(rungs.contains("successive halving by dominance"), rungs);
    }

    @Test
    void slicesLeaveOutAParameterNoPlottedTrialSampledAndPointsOnTheEdgesAreNotCut() throws Exception {
        Chromium chromium = Chromium.find(dir);
        Study study = Study.builder().name("conditional").sampler(Samplers.random(8)).build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            double y = trial.suggestFloat("y", 0, 1);
            if (trial.number() == 0) {
                trial.suggestFloat("momentum", 0.5, 0.99);
                throw new IllegalStateException("only this failed trial sampled momentum");
            }
            return (x - 0.3) * (x - 0.3) + y;
        }, 12);
        assertEquals(TrialState.FAIL, study.trials().get(0).state());
        Path html = dir.resolve("conditional.html");
        HtmlReport.write(StudySnapshot.of(study), html);

        String dom = chromium.dumpDom(html.toUri().toString(), 3000);
        keepScreenshot(chromium, html, "report-conditional.png");

        JsonNode slices = summary(dom, "slices");
        List<String> plotted = new ArrayList<>();
        slices.get("series").forEach(s -> plotted.add(s.get("name").asText()));
        assertEquals(List.of("x", "y"), plotted.stream().sorted().toList(), "no empty slice for momentum");
        assertTrue(headers(section(dom, "table-panel")).contains("momentum"), "the table still has its column");
        for (String chart : List.of("history", "slices", "edf", "timeline")) {
            summary(dom, chart).get("series").forEach(s -> assertFalse(s.get("clip").asBoolean(),
                    chart + " cuts the points on its edges: " + s));
        }
        assertTrue(summary(dom, "timeline").get("zooms").toString().contains("\"x\":0"),
                "the timeline zooms on time, for runs of a resumed study far apart: " + summary(dom, "timeline").get("zooms"));
        JsonNode trialAxis = summary(dom, "timeline").get("axes").get(1);
        trialAxis.get("labels").forEach(l -> assertTrue(l.asText().isEmpty() || l.asText().matches("\\d+"),
                "the timeline's trial axis labels whole trials only: " + trialAxis));
    }

    @Test
    void theHistoryOfALossSpanningDecadesIsOnALogScale() throws Exception {
        Chromium chromium = Chromium.find(dir);
        Study study = Study.builder().name("loss").direction(org.dl4jtuner.tuner.Direction.MINIMIZE)
                .sampler(Samplers.random(6)).build();
        study.optimize(trial -> Math.pow(10, 4 * trial.suggestFloat("x", 0, 1) - 3), 15);
        double[] values = study.trials().stream().mapToDouble(FrozenTrial::value).toArray();
        double span = java.util.Arrays.stream(values).max().orElseThrow() / java.util.Arrays.stream(values).min().orElseThrow();
        assertTrue(span >= 100, "the test needs values spanning two decades, not " + span);
        Path html = dir.resolve("loss.html");
        HtmlReport.write(StudySnapshot.of(study), html);

        String dom = chromium.dumpDom(html.toUri().toString(), 3000);
        keepScreenshot(chromium, html, "report-loss.png");

        JsonNode axis = summary(dom, "history").get("axes").get(1);
        assertEquals("log", axis.get("type").asText(), "values over " + Math.round(span) + "x: " + axis);
        assertTrue(Pattern.compile("<input type=\"checkbox\" id=\"history-log\"(?![^>]*disabled)").matcher(dom).find(),
                "the log-scale box is there to untick");
    }

    @Test
    void aTrialsSixtyFourBitSeedIsShownWithAllItsDigits() throws Exception {
        Chromium chromium = Chromium.find(dir);
        Study study = Study.builder().name("seeded").sampler(Samplers.random(9)).build();
        study.optimize(trial -> trial.suggestFloat("x", 0, 1), 2);
        long seed = -6755538934385452123L;   // a double holds it as -6755538934385452000
        FrozenTrial first = study.trials().get(0);
        study.storage().setTrialSystemAttr(first.id(), Study.PROVENANCE_ATTR, java.util.Map.of("trial_seed", seed));
        Path html = dir.resolve("seeded.html");
        HtmlReport.write(StudySnapshot.of(study), html);

        String page = section(chromium.dumpDom(html.toUri() + "#trial/" + first.number(), 3000), "trial-panel");

        assertTrue(page.contains(">" + seed + "</dd>"), "the seed to copy is exact: " + page);
    }

    private static void keepScreenshot(Chromium chromium, Path html, String name) throws Exception {
        Path png = Path.of("target", name);
        Files.createDirectories(png.getParent());
        chromium.screenshot(html.toUri().toString(), 3000, 1400, png);
    }

    /** The number as the page formats it (Charts.fmt: four significant digits). */
    private static String fmt(double v) {
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s;
    }

    private static String section(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no element #" + id + " in the page");
        int end = dom.indexOf("</section>", start);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    private static String rowOf(String table, int number) {
        int start = table.indexOf("<tr data-trial=\"" + number + "\"");
        assertTrue(start >= 0, "no row for trial " + number);
        return table.substring(start, table.indexOf("</tr>", start));
    }

    private static List<String> headers(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<th[^>]*>([^<]*)</th>").matcher(html);
        while (m.find()) {
            found.add(m.group(1).replace(" ▲", "").replace(" ▼", ""));
        }
        return found;
    }


    /** The data-summary a chart's element carries: what ECharts drew, read back. */
    private static JsonNode summary(String dom, String id) throws IOException {
        Matcher m = Pattern.compile("<div id=\"" + Pattern.quote(id) + "\"[^>]*?data-summary=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "no chart #" + id + " in the page");
        return JSON.readTree(m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&"));
    }
}
