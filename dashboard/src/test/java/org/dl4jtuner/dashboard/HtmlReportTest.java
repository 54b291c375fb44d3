package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aReportInlinesEverythingAndItsDataReadsBackAsTheSnapshot() throws Exception {
        Study study = Studies.hyperband(12);
        StudySnapshot snapshot = StudySnapshot.read(study.storage(), study.storage().findStudy("curves").orElseThrow());
        Path file = dir.resolve("reports/curves.html");

        HtmlReport.write(snapshot, file);

        String html = Files.readString(file);
        assertFalse(html.contains("assets/"), "a report must not refer to the server's assets");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "a report must not load anything from the network");
        assertTrue(html.contains("var Charts") && html.contains("api/snapshot"), "the page's scripts are inlined");
        assertTrue(html.contains(WebAssets.read("echarts.min.js")), "ECharts is inlined whole");
        assertFalse(Pattern.compile("<script[^>]*\\ssrc=").matcher(html).find(), "no script is loaded from elsewhere");
        assertEquals(JSON.readTree(JSON.writeValueAsString(snapshot.toJson())), embedded(html));
    }

    @Test
    void textThatLooksLikeMarkupCannotEndTheDataEarly() throws Exception {
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        String evil = "<!--<script></script><b>&amp;";
        study.optimize(trial -> trial.suggestCategorical("name", List.of(evil, "plain")).length(), 4);
        StudySnapshot snapshot = StudySnapshot.read(study.storage(), study.storage().studies().get(0));

        String html = HtmlReport.render(snapshot);

        String block = html.substring(html.indexOf("<script id=\"study-data\""));
        block = block.substring(block.indexOf('>') + 1, block.indexOf("</script>"));
        assertFalse(block.contains("<") || block.contains(">") || block.contains("&"),
                "the data block holds no character the HTML parser reads inside a script");
        JsonNode data = embedded(html);
        assertEquals(4, data.get("trials").size());
        for (FrozenTrial t : study.trials()) {
            assertEquals(t.params().get("name"), data.get("trials").get(t.number()).get("params").get("name").asText());
        }
        assertEquals(1, html.split("<script id=\"study-data\"", -1).length - 1);
    }

    static JsonNode embedded(String html) throws Exception {
        Matcher m = Pattern.compile("(?s)<script id=\"study-data\" type=\"application/json\">(.*?)</script>").matcher(html);
        assertTrue(m.find(), "no embedded study data");
        return JSON.readTree(m.group(1));
    }
}
