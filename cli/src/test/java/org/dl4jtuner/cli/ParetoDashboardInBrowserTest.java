package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.dashboard.Chromium;
import org.dl4jtuner.dashboard.HtmlReport;
import org.dl4jtuner.dashboard.ParetoJson;
import org.dl4jtuner.dashboard.StudySnapshot;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a study of two objectives in real headless Chromium: the Pareto scatter draws
 * exactly the front (checked against a brute-force dominance check) highlighted, the other complete
 * trials faded as dominated or infeasible, and a hypervolume point per complete trial that never falls.
 */
class ParetoDashboardInBrowserTest {
    @TempDir
    Path dir;

    /** Accuracy-like (maximized) against size-like (minimized), pulling apart; sizes above 0.8 are infeasible. */
    private static final MultiObjective OBJECTIVE = trial -> {
        double x = trial.suggestFloat("x", 0, 1);
        double y = trial.suggestFloat("y", 0, 1);
        double size = x * (0.6 + 0.4 * y);
        trial.setConstraint(size - 0.8);
        return new double[] {Math.sqrt(x) * (1 - 0.3 * y), size};
    };

    @Test
    void theFrontIsDrawnWithExactlyItsMembersAndTheHypervolumeHistoryRises() throws Exception {
        Chromium chromium = Chromium.find(dir);
        Study study = Study.builder().name("two-goals").directions(Direction.MAXIMIZE, Direction.MINIMIZE)
                .sampler(Samplers.random(8)).build();
        study.optimize(OBJECTIVE, 40);
        study.storage().setStudySystemAttr(study.id(), ParetoJson.METRIC_NAMES_ATTR, List.of("accuracy", "parameters"));
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        Set<Integer> front = bruteForceFront(complete);
        Set<Integer> infeasible = new TreeSet<>();
        complete.stream().filter(t -> !t.isFeasible()).forEach(t -> infeasible.add(t.number()));
        assertFalse(infeasible.isEmpty(), "the test needs infeasible trials");
        assertTrue(front.size() >= 3 && front.size() < complete.size() - infeasible.size(),
                "the test needs a front and dominated trials: " + front);

        Path html = dir.resolve("two-goals.html");
        HtmlReport.write(StudySnapshot.of(study), html);
        String dom = chromium.dumpDom(html.toUri().toString(), 3000);
        assertFalse(dom.contains("class=\"empty\">Could not draw"), () -> "a panel failed to draw: " + dom.substring(dom.indexOf("class=\"empty\">Could not draw"), dom.indexOf("class=\"empty\">Could not draw") + 200));
        Map<String, JsonNode> charts = charts(dom);
        JsonNode pareto = charts.get("pareto");
        assertEquals(front, plotted(pareto, "front"), "the highlighted points are the front");
        assertEquals(infeasible, plotted(pareto, "infeasible"));
        Set<Integer> dominated = new TreeSet<>();
        complete.stream().map(FrozenTrial::number).filter(n -> !front.contains(n) && !infeasible.contains(n))
                .forEach(dominated::add);
        assertEquals(dominated, plotted(pareto, "dominated"));
        assertTrue(pareto.toString().contains("accuracy") && pareto.toString().contains("parameters"), "axis names");

        JsonNode history = charts.get("hypervolume").path("series").get(0);
        assertEquals(complete.size(), history.path("length").asInt(), "a hypervolume point per complete trial");
        double previous = 0;
        for (JsonNode item : history.path("items")) {
            double hv = item.path("value").get(1).asDouble();
            assertTrue(hv >= previous, "the hypervolume never falls: " + history);
            previous = hv;
        }
        assertTrue(previous > 0, "the final front has volume");
        Matcher hidden = Pattern.compile("<section class=\"panel\" id=\"pareto-panel\"( hidden)?").matcher(dom);
        assertTrue(hidden.find() && hidden.group(1) == null, "the Pareto panel is shown for two objectives");
    }

    @Test
    void aStudyOfOneObjectiveKeepsTheParetoPanelsHidden() throws Exception {
        Chromium chromium = Chromium.find(dir);
        Study study = Study.builder().name("one-goal").direction(Direction.MINIMIZE).sampler(Samplers.random(1)).build();
        study.optimize(trial -> trial.suggestFloat("x", 0, 1), 5);
        Path html = dir.resolve("one-goal.html");
        HtmlReport.write(StudySnapshot.of(study), html);
        String dom = chromium.dumpDom(html.toUri().toString(), 2000);
        assertTrue(dom.contains("id=\"pareto-panel\" hidden"), "hidden for one objective");
        assertFalse(charts(dom).containsKey("pareto"));
    }

    /** Feasible complete trials that no other feasible one dominates, pairwise. */
    private static Set<Integer> bruteForceFront(List<FrozenTrial> complete) {
        List<FrozenTrial> feasible = new ArrayList<>(complete.stream().filter(FrozenTrial::isFeasible).toList());
        Set<Integer> front = new TreeSet<>();
        for (FrozenTrial a : feasible) {
            boolean dominated = false;
            for (FrozenTrial b : feasible) {
                double[] va = a.values();
                double[] vb = b.values();
                boolean noWorse = vb[0] >= va[0] && vb[1] <= va[1];
                boolean better = vb[0] > va[0] || vb[1] < va[1];
                dominated |= noWorse && better;
            }
            if (!dominated) {
                front.add(a.number());
            }
        }
        return front;
    }

    private static Map<String, JsonNode> charts(String dom) throws Exception {
        Map<String, JsonNode> charts = new TreeMap<>();
        Matcher m = Pattern.compile("<div id=\"([\\w-]+)\"[^>]*?data-summary=\"([^\"]*)\"").matcher(dom);
        while (m.find()) {
            String json = m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
            charts.put(m.group(1), new ObjectMapper().readTree(json));
        }
        return charts;
    }

    private static Set<Integer> plotted(JsonNode chart, String series) {
        Set<Integer> found = new TreeSet<>();
        for (JsonNode s : chart.path("series")) {
            if (s.path("name").asText().equals(series)) {
                s.path("items").forEach(item -> found.add(item.get("trial").asInt()));
            }
        }
        return found;
    }
}
