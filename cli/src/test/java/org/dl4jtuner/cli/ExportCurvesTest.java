package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export-curves}: a stored study's learning curves, with each epoch's CPU seconds, as a benchmark table. */
class ExportCurvesTest {
    @TempDir
    Path dir;

    @Test
    void everyEpochOfEveryTrialIsARowWithItsValueLossAndCpuSeconds() throws IOException {
        PersistentStudyTest.csv(dir, 400, 4);
        Path spec = PersistentStudyTest.spec(dir, "curves", 3, 4, "{int: [4, 16]}");
        PersistentStudyTest.Result run = PersistentStudyTest.run("run", spec.toString(), "--no-baseline", "--no-isolate");
        assertEquals(0, run.code(), run.out() + run.err());
        String url = "sqlite:" + dir.resolve("studies.db");
        Path table = dir.resolve("out/curves.csv.gz");
        PersistentStudyTest.Result export = PersistentStudyTest.run("export-curves", "--storage", url, "--study", "curves",
                table.toString());
        assertEquals(0, export.code(), export.out() + export.err());
        assertTrue(export.out().contains("12 epochs of 3 trials of study 'curves' written to " + table), export.out());

        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(table))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(List.of("config_id", "learning_rate", "units_1", "units_2", "epoch", "val_acc", "train_loss",
                "epoch_cpu_s", "state"), header);
        assertEquals(1 + 12, lines.size());
        List<FrozenTrial> trials;
        try (Storage s = Storages.openReadOnly(url)) {
            trials = s.trials(s.findStudy("curves").orElseThrow().id(), Set.of());
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            FrozenTrial t = trials.get(Integer.parseInt(cells[0]));
            int epoch = Integer.parseInt(cells[4]);
            assertEquals(t.params().get("learning_rate"), Double.parseDouble(cells[1]));
            assertEquals(t.params().get("units_2"), Integer.valueOf(cells[3]));
            assertEquals(t.intermediateValues().get(epoch), Double.parseDouble(cells[5]), line);
            assertTrue(Double.parseDouble(cells[6]) > 0, "training loss: " + line);
            assertTrue(Double.parseDouble(cells[7]) > 0 && Double.parseDouble(cells[7]) < 60, "CPU seconds: " + line);
            assertEquals(t.state().name(), cells[8]);
        }
    }
}
