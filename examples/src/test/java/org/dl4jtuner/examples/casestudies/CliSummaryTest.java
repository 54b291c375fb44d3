package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.models.Family;
import org.junit.jupiter.api.Test;

class CliSummaryTest {
    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static final String SUMMARY = """
            {"best": {"number": 7, "value": 0.812, "params": {"layers": 2, "units_1": 90, "units_2": 33, "dropout": 0.123456},
                      "test": {"accuracy": 0.801, "f1": 0.79}},
             "states": {"COMPLETE": 10}, "metric": "accuracy", "epochs": 50,
             "baseline": {"value": 0.75, "test": {"accuracy": 0.7449, "f1": 0.73}}}
            """;

    @Test
    void theLineComparesTheBaselineAndTheBestTrialOnTheTestSplit() throws Exception {
        String[] out = CliSummary.lines(json(SUMMARY), "7.3.2 lstm fashion rows", "random 10 trials x 5 epochs",
                Duration.ofSeconds(300), Family.LSTM, List.of("layers", "units", "dropout"));
        assertEquals("7.3.2 lstm fashion rows: accuracy (test) baseline 0.745 -> tuned 0.801"
                + " (random 10 trials x 5 epochs, 300 s)", out[1]);
        List<String> table = out[0].lines().toList();
        assertEquals(List.of("baseline", "layers=1,", "units=64,", "dropout=0", "0.750", "0.745"),
                List.of(table.get(1).split("\\s+")));
        assertEquals(List.of("tuned", "layers=2,", "units_1=90,", "units_2=33,", "dropout=0.1235", "0.812", "0.801"),
                List.of(table.get(2).split("\\s+")));
    }

    @Test
    void aSummaryWithoutABaselineOrAnUnknownKeyIsRefusedWithWhatIsMissing() throws Exception {
        JsonNode noBaseline = json("{\"best\": {\"value\": 0.8, \"params\": {}, \"test\": {\"accuracy\": 0.8}},"
                + " \"metric\": \"accuracy\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliSummary.lines(noBaseline,
                "t", "s", Duration.ZERO, Family.LSTM, List.of("layers")));
        assertTrue(e.getMessage().startsWith("the summary must have a 'baseline' object"), e.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> CliSummary.lines(json(SUMMARY),
                "t", "s", Duration.ZERO, Family.LSTM, List.of("depth")));
        assertTrue(key.getMessage().endsWith("but got 'depth'"), key.getMessage());
    }
}
