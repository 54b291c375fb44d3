package org.dl4jtuner.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A learning-curve table read back and replayed by simulated workers. */
class WallClockSimulationTest {
    @TempDir
    Path dir;

    /** 2 x 2 configurations x 3 epochs: value = 0.1 * (lr_idx + 1) * epoch (+0.05 for sgd), cost = epoch seconds. */
    private Path table() throws IOException {
        StringBuilder csv = new StringBuilder("config_id,lr_idx,updater,epoch,val_acc,train_loss,epoch_cpu_s,state\n");
        int id = 0;
        for (int lr = 0; lr < 2; lr++) {
            for (String updater : List.of("adam", "sgd")) {
                for (int epoch = 1; epoch <= 3; epoch++) {
                    double value = 0.1 * (lr + 1) * epoch + (updater.equals("sgd") ? 0.05 : 0);
                    csv.append(id).append(',').append(lr).append(',').append(updater).append(',').append(epoch)
                            .append(',').append(value).append(",0.5,").append(epoch).append(",COMPLETE\n");
                }
                id++;
            }
        }
        return Files.writeString(dir.resolve("t.csv"), csv);
    }

    @Test
    void aTrialReadsTheCurveOfTheConfigurationItSuggests() throws IOException {
        CurveTable table = CurveTable.load(table(), null);
        assertEquals(4, table.size());
        assertEquals(3, table.epochs());
        Study study = Study.builder().sampler(Samplers.random(3)).build();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Trial trial = study.ask();
            CurveTable.Curve curve = table.curve(trial);
            int lr = (Integer) trial.params().get("lr_idx");
            String updater = (String) trial.params().get("updater");
            seen.add(lr + updater);
            assertEquals(0.1 * (lr + 1) * 3 + (updater.equals("sgd") ? 0.05 : 0), curve.values()[2], 1e-12);
            assertEquals(2.0, curve.cpuSeconds()[1]);
            study.tell(trial, curve.values()[2]);
        }
        assertEquals(4, seen.size(), "lr_idx is searched as the range 0..1, updater as a choice of its two values");
    }

    @Test
    void aTableWithACurveCutShortIsRefusedNamingIt() throws IOException {
        Path cut = Files.writeString(dir.resolve("cut.csv"), "config_id,a,epoch,val_acc\n0,1,1,0.5\n0,1,2,0.6\n1,2,1,0.4\n");
        IOException e = assertThrows(IOException.class, () -> CurveTable.load(cut, null));
        assertTrue(e.getMessage().contains("configuration 2 has no epoch 2"), e.getMessage());
    }

    @Test
    void oneWorkerTakesTheSumOfTheEpochCostsAndMoreWorkersTakeLess() throws IOException {
        CurveTable table = CurveTable.load(table(), null);
        WallClockSimulation.Run one = WallClockSimulation.run(table, Samplers.random(1), Pruners.none(), 1, 8, 1);
        assertEquals(8, one.trials());
        assertEquals(8 * (1 + 2 + 3), one.seconds(), 1e-9, "every trial trains 3 epochs costing 1, 2 and 3 s");
        WallClockSimulation.Run four = WallClockSimulation.run(table, Samplers.random(1), Pruners.none(), 4, 8, 1);
        assertEquals(2 * (1 + 2 + 3), four.seconds(), 1e-9, "two rounds of four trials side by side");
        assertEquals(one.bestAt(Double.POSITIVE_INFINITY), four.bestAt(Double.POSITIVE_INFINITY),
                "the same seeded random trials, so the same best");
        double[] last = one.improvements().get(one.improvements().size() - 1);
        assertEquals(last[0], one.timeTo(last[1]));
        assertEquals(Double.POSITIVE_INFINITY, one.timeTo(2.0));
    }
}
