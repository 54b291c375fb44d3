package org.dl4jtuner.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.schedule.Scheduler;
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

    /**
     * 4 x 3 configurations x 9 epochs of crossing curves q * (1 - e^(-epoch / tau)): q and tau grow
     * with lr_idx and depth, so late starters end best; epoch e costs e seconds.
     */
    private Path crossingTable() throws IOException {
        StringBuilder csv = new StringBuilder("config_id,lr_idx,depth,epoch,val_acc,epoch_cpu_s\n");
        int id = 0;
        for (int lr = 0; lr < 4; lr++) {
            for (int depth = 1; depth <= 3; depth++) {
                double q = 0.5 + 0.1 * lr + 0.03 * depth;
                double tau = 0.5 + lr + depth;
                for (int epoch = 1; epoch <= 9; epoch++) {
                    csv.append(id).append(',').append(lr).append(',').append(depth).append(',').append(epoch).append(',')
                            .append(q * (1 - Math.exp(-epoch / tau))).append(',').append(epoch).append('\n');
                }
                id++;
            }
        }
        return Files.writeString(dir.resolve("crossing.csv"), csv);
    }

    private static Scheduler promotionAsha() {
        return Pruners.promotionAsha(1, 9, 3);
    }

    @Test
    void aPausedTrialResumesWhereItsCurveStoppedAndCostsWhatAnUninterruptedOneCosts() throws IOException {
        CurveTable table = CurveTable.load(crossingTable(), null);
        WallClockSimulation.Run run = WallClockSimulation.scheduled(table, Samplers.random(2), promotionAsha(), 1, 30, 2);
        Map<Integer, List<WallClockSimulation.Span>> byTrial = new HashMap<>();
        run.spans().forEach(s -> byTrial.computeIfAbsent(s.trial(), t -> new ArrayList<>()).add(s));
        assertEquals(30, byTrial.size(), "30 trials started");
        int resumed = 0;
        for (List<WallClockSimulation.Span> spans : byTrial.values()) {
            int next = 1;
            for (WallClockSimulation.Span s : spans) {
                assertEquals(next, s.fromEpoch(), "a resumed trial goes on at the epoch after its checkpoint");
                assertTrue(List.of(1, 3, 9).contains(s.toEpoch()), "a job ends at a rung: " + s);
                assertEquals(IntStream.rangeClosed(s.fromEpoch(), s.toEpoch()).sum(), s.end() - s.start(), 1e-9,
                        "a job costs the recorded seconds of the epochs it trains, no more: " + s);
                next = s.toEpoch() + 1;
            }
            if (spans.size() == 3) {
                resumed++;
                double total = spans.stream().mapToDouble(s -> s.end() - s.start()).sum();
                assertEquals(IntStream.rangeClosed(1, 9).sum(), total, 1e-9,
                        "paused twice and resumed, a trial costs as much as one trained to the end at once");
            }
        }
        assertTrue(resumed >= 2, "trials reached the top rung by two promotions: " + resumed);
        assertEquals(run.spans().stream().mapToDouble(s -> s.end() - s.start()).sum(), run.seconds(), 1e-9,
                "one worker is never idle and never trains two jobs at once");
        // the replay of an uninterrupted run costs the same per complete trial
        WallClockSimulation.Run plain = WallClockSimulation.run(table, Samplers.random(2), Pruners.none(), 1, 1, 2);
        assertEquals(IntStream.rangeClosed(1, 9).sum(), plain.seconds(), 1e-9);
    }

    @Test
    void oneSimulatedWorkerTakesTheJobsOptimizeResumableTakes() throws IOException {
        CurveTable table = CurveTable.load(crossingTable(), null);
        for (Scheduler scheduler : List.of(promotionAsha(), (Scheduler) Pruners.auto(1, 9))) {
            WallClockSimulation.Run run = WallClockSimulation.scheduled(table, Samplers.random(5), scheduler, 1, 25, 5);
            Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(5)).seed(5)
                    .pruner(scheduler).build();
            List<List<Integer>> jobs = new ArrayList<>();
            ResumableObjective replay = (trial, resource) -> {
                double[] curve = table.curve(trial).values();
                jobs.add(List.of(trial.number(), resource));
                for (int e = Math.max(0, trial.frozen().lastStep()) + 1; e <= resource; e++) {
                    trial.report(e, curve[e - 1]);
                }
                return curve[resource - 1];
            };
            study.optimizeResumable(replay, Budget.trials(25), 1);
            assertEquals(jobs, run.spans().stream().map(s -> List.of(s.trial(), s.toEpoch())).toList(), scheduler.name());
        }
    }

    @Test
    void wWorkersNeverTrainMoreThanWTrialsAtOnce() throws IOException {
        CurveTable table = CurveTable.load(crossingTable(), null);
        for (int workers : new int[] {2, 5}) {
            for (Scheduler scheduler : List.of(promotionAsha(), (Scheduler) Pruners.auto(1, 9))) {
                WallClockSimulation.Run run = WallClockSimulation.scheduled(table, Samplers.random(7), scheduler,
                        workers, 40, 7);
                assertEquals(workers, mostAtOnce(run.spans()), workers + " workers, " + scheduler.name());
                Map<Integer, List<WallClockSimulation.Span>> byTrial = new HashMap<>();
                run.spans().forEach(s -> byTrial.computeIfAbsent(s.trial(), t -> new ArrayList<>()).add(s));
                byTrial.values().forEach(spans -> assertEquals(1, mostAtOnce(spans), "a trial trains on one worker at a time"));
            }
            WallClockSimulation.Run stopping = WallClockSimulation.run(table, Samplers.random(7), Pruners.auto(1, 9), workers,
                    40, 7);
            assertEquals(workers, mostAtOnce(stopping.spans()));
        }
    }

    /** The most spans that overlap in time ([start, end): one that ends as another starts does not). */
    private static int mostAtOnce(List<WallClockSimulation.Span> spans) {
        List<double[]> edges = new ArrayList<>();
        for (WallClockSimulation.Span s : spans) {
            edges.add(new double[] {s.start(), 1});
            edges.add(new double[] {s.end(), -1});
        }
        edges.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        int now = 0;
        int most = 0;
        for (double[] e : edges) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    @Test
    void aSeedGivesTheSameRunEveryTime() throws IOException {
        CurveTable table = CurveTable.load(crossingTable(), null);
        for (int workers : new int[] {1, 4}) {
            WallClockSimulation.Run a = WallClockSimulation.scheduled(table,
                    org.dl4jtuner.tuner.sampler.TpeSampler.builder(3).constantLiar(true).build(),
                    (Scheduler) Pruners.auto(1, 9), workers, 30, 3);
            WallClockSimulation.Run b = WallClockSimulation.scheduled(table,
                    org.dl4jtuner.tuner.sampler.TpeSampler.builder(3).constantLiar(true).build(),
                    (Scheduler) Pruners.auto(1, 9), workers, 30, 3);
            assertEquals(a.spans(), b.spans());
            assertEquals(a.seconds(), b.seconds());
            assertEquals(a.improvements().size(), b.improvements().size());
            for (int i = 0; i < a.improvements().size(); i++) {
                assertArrayEquals(a.improvements().get(i), b.improvements().get(i));
            }
            WallClockSimulation.Run other = WallClockSimulation.scheduled(table,
                    org.dl4jtuner.tuner.sampler.TpeSampler.builder(4).constantLiar(true).build(),
                    (Scheduler) Pruners.auto(1, 9), workers, 30, 4);
            assertNotEquals(a.spans(), other.spans(), "another seed, another run");
        }
    }
}
