package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code study.stop_when} from the command line: the run ends early and says why. */
class StopWhenRunTest {
    @TempDir
    Path dir;

    @Test
    void aRunWithStopWhenEndsEarlyAndPrintsWhy() throws IOException {
        Random random = new Random(19);
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 120; i++) {
            int k = i % 2;
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%d%n", 2 * k + random.nextGaussian(),
                    random.nextGaussian(), k));
        }
        Files.writeString(dir.resolve("two.csv"), csv.toString());
        Path spec = Files.writeString(dir.resolve("two.yaml"), """
                study: {trials: 30, seed: 5, storage: sqlite:two.db, stop_when: {no_improvement_trials: 2}}
                sampler: auto
                pruner: {max_epochs: 2}
                data: {type: csv, path: two.csv, label: label, validation: 0.3}
                model:
                  type: mlp
                  space:
                    learning_rate: {log_uniform: [0.001, 0.1]}
                    units: {int: [2, 16]}
                    batch_size: 32
                """);
        Path summary = dir.resolve("summary.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", spec.toString(), "--summary", summary.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, out + "\n" + err);
        List<String> trialLines = out.toString().lines().filter(l -> l.startsWith("trial ")).toList();
        assertTrue(trialLines.size() >= 3 && trialLines.size() < 30, "stopped early after " + trialLines.size()
                + " trials:\n" + out);
        String stopped = out.toString().lines().filter(l -> l.startsWith("  stopped   early, ")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'stopped' line in\n" + out));
        assertTrue(stopped.contains("no_improvement: no improvement in the 2 trials finished after trial "), stopped);
        Map<?, ?> json = new ObjectMapper().readValue(summary.toFile(), Map.class);
        assertEquals(stopped.substring("  stopped   early, ".length()), json.get("stopped_because"));
        int total = ((Map<?, ?>) json.get("states")).values().stream().mapToInt(v -> ((Number) v).intValue()).sum();
        assertEquals(trialLines.size(), total);
    }
}
