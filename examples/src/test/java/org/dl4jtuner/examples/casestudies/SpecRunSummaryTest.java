package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.models.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecRunSummaryTest {
    /** What dl4j-tuner run --summary writes (cli's Summary.toJson), trimmed to the keys read. */
    private static final String SUMMARY = """
            {
              "best" : {
                "number" : 11,
                "value" : 0.8716666666666667,
                "params" : { "learning_rate" : 0.0021972159997232623, "batch_size" : 98, "dropout" : 0.19141610150816704 },
                "test" : { "accuracy" : 0.8502, "f1" : 0.8433051178239193 }
              },
              "states" : { "COMPLETE" : 14, "FAIL" : 1 },
              "metric" : "accuracy",
              "epochs" : 131,
              "baseline" : {
                "value" : 0.8508333333333333,
                "test" : { "accuracy" : 0.8397, "f1" : 0.8401626990675106 }
              }
            }
            """;

    @Test
    void theBaselineHasTheFamilyDefaultsOfTheSearchedKeysAndBothScores(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("summary.json"), SUMMARY);
        SpecRunSummary summary = SpecRunSummary.read(file, Family.CNN);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("learning_rate", 1e-3);
        defaults.put("batch_size", 64);
        defaults.put("dropout", 0.0);
        assertEquals(new Outcome(defaults, 0.8508333333333333, 0.8397), summary.baseline());
        Map<String, Object> tuned = new LinkedHashMap<>();
        tuned.put("learning_rate", 0.0021972159997232623);
        tuned.put("batch_size", 98L);
        tuned.put("dropout", 0.19141610150816704);
        assertEquals(new Outcome(tuned, 0.8716666666666667, 0.8502), summary.tuned());
        assertEquals("accuracy", summary.metric());
        assertEquals(15, summary.trials());
        assertEquals(131, summary.epochs());
    }

    @Test
    void aRunWithoutBaselineOrTestSplitIsRefusedSayingWhy(@TempDir Path dir) throws IOException {
        Path noBaseline = Files.writeString(dir.resolve("a.json"), SUMMARY.replaceAll("(?s),\\s*\"baseline\".*", "}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecRunSummary.read(noBaseline, Family.CNN));
        assertTrue(e.getMessage().contains("'baseline'") && e.getMessage().contains("--no-baseline"), e.getMessage());
        Path noTest = Files.writeString(dir.resolve("b.json"), SUMMARY.replace("\"accuracy\" : 0.8397, ", ""));
        e = assertThrows(IllegalArgumentException.class, () -> SpecRunSummary.read(noTest, Family.CNN));
        assertTrue(e.getMessage().contains("test accuracy"), e.getMessage());
    }

    @Test
    void theBaselineOfAPerLayerKeyIsTheFamilyDefaultForItsLayersAndNoneBeyond(@TempDir Path dir) throws IOException {
        String lstm = SUMMARY.replace("\"learning_rate\" : 0.0021972159997232623, \"batch_size\" : 98, \"dropout\" : 0.19141610150816704",
                "\"layers\" : 2, \"units_1\" : 98, \"units_2\" : 48, \"dropout\" : 0.1675");
        SpecRunSummary summary = SpecRunSummary.read(Files.writeString(dir.resolve("lstm.json"), lstm), Family.LSTM);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("layers", 1);
        defaults.put("units_1", 64);
        defaults.put("units_2", "none");
        defaults.put("dropout", 0.0);
        assertEquals(defaults, summary.baseline().params());
        assertEquals(List.of("layers", "units_1", "units_2", "dropout"), List.copyOf(summary.tuned().params().keySet()));
    }

    @Test
    void withTheLayersFixedByTheSpecEveryPerLayerKeyOfTheBaselineIsTheDefault() {
        Map<String, Object> mlp = new LinkedHashMap<>();
        mlp.put("units_1", 128);
        mlp.put("units_2", 128);
        assertEquals(mlp, SpecRunSummary.baselineParams(List.of("units_1", "units_2"), Family.MLP));
        Map<String, Object> cnn = new LinkedHashMap<>();
        cnn.put("layers", 2);
        cnn.put("filters_1", 16);
        cnn.put("filters_2", 16);
        cnn.put("filters_3", SpecRunSummary.NO_LAYER);
        assertEquals(cnn, SpecRunSummary.baselineParams(List.of("layers", "filters_1", "filters_2", "filters_3"), Family.CNN));
    }
}
