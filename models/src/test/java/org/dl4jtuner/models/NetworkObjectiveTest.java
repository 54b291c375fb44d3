package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.datasets.Normalizers;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkObjectiveTest {

    @TempDir
    Path work;

    private NetworkObjective.Builder mlp(NetworkSpace space, int epochs) {
        Splits data = TestData.small();
        return NetworkObjective.builder().space(space).data(data.train(), data.validation())
                .normalizer(Normalizers.pixelsToUnitRange()).metric(Metric.ACCURACY)
                .maxEpochs(epochs).workDir(work);
    }

    private static NetworkSpace smallMlp(ParameterSpace lr) {
        return NetworkSpace.builder(Family.MLP).set("learning_rate", lr).fix("layers", 1).fix("units", 32)
                .fix("batch_size", 50).build();
    }

    @Test
    void eachTrialTrainsARealNetworkReportingEveryEpoch() throws Exception {
        NetworkObjective objective = mlp(smallMlp(ParameterSpace.logUniform(1e-3, 1e-2)), 3).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(1)).seed(1).build();
        study.optimize(objective, 2);
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.systemAttrs().get(Study.FAIL_REASON_ATTR)));
            assertEquals(List.of(1, 2, 3), List.copyOf(t.intermediateValues().keySet()));
            double best = t.intermediateValues().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertEquals(best, t.value(), 1e-12, "the value is the best epoch's");
            assertTrue(t.value() > 0.6, "10 classes, chance is 0.1; got " + t.value());
            Map<?, ?> hp = (Map<?, ?>) t.userAttrs().get(NetworkObjective.HYPERPARAMETERS_ATTR);
            assertEquals(t.param("learning_rate"), hp.get("learning_rate"));
            assertEquals(List.of(32), hp.get("units"));
        }
        Map<Metric, Double> test = objective.evaluateBest(TestData.small().test());
        assertTrue(test.get(Metric.ACCURACY) > 0.6, "test accuracy of the best network " + test);
        assertTrue(Files.isRegularFile(objective.bestModelFile()));
    }

    @Test
    void everyCompletedTrialKeepsItsBestNetworkAsAnArtifact() throws Exception {
        Path artifacts = work.resolve("artifacts");
        NetworkObjective objective = mlp(smallMlp(ParameterSpace.logUniform(1e-3, 1e-2)), 2).artifacts(artifacts).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(2)).seed(2).build();
        study.optimize(objective, 2);
        for (FrozenTrial t : study.trials()) {
            Path file = Path.of((String) t.systemAttrs().get(NetworkObjective.MODEL_FILE_ATTR));
            assertEquals(artifacts.resolve("trial-" + t.number() + ".zip").toAbsolutePath(), file);
            double accuracy = ModelFiles.evaluate(file, TestData.small().validation().iterator(512, 0),
                    org.dl4jtuner.datasets.Task.CLASSIFICATION).get(Metric.ACCURACY);
            assertEquals(t.value(), accuracy, 1e-9, "the file holds the best epoch's weights and the normalizer");
        }
    }

    @Test
    void aTrialPastItsTimeLimitFailsAtTheNextEpochBoundary() {
        NetworkObjective objective = mlp(smallMlp(ParameterSpace.fixed(5e-3)), 5)
                .trialTimeout(java.time.Duration.ofMillis(1)).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).build();
        study.optimize(objective, 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertEquals(1, t.lastStep(), "stopped after the first epoch");
        assertTrue(String.valueOf(t.systemAttrs().get(Study.FAIL_REASON_ATTR)).contains("past its time limit at epoch 1"));
    }

    @Test
    void aDivergingTrialFailsNamingTheEpoch() {
        NetworkObjective objective = mlp(NetworkSpace.builder(Family.MLP).fix("learning_rate", 1e12).fix("updater", "sgd")
                .fix("layers", 1).fix("units", 32).fix("activation", "relu").build(), 3).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).build();
        study.optimize(objective, 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        String reason = String.valueOf(t.systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(reason.contains("became NaN at epoch 1") || reason.contains("became Infinity at epoch 1"), reason);
    }

    @Test
    void earlyStoppingEndsTrainingAndKeepsTheBestEpoch() {
        NetworkObjective objective = mlp(smallMlp(ParameterSpace.fixed(5e-3)), 6)
                .earlyStopping(new EarlyStopping(2, 0.5)).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).build();
        study.optimize(objective, 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.COMPLETE, t.state());
        assertEquals(3, t.lastStep(), "no epoch improves accuracy by 0.5, so epochs 2 and 3 use up the patience");
        assertEquals(3, ((Number) t.userAttrs().get(NetworkObjective.EPOCHS_ATTR)).intValue());
        int bestEpoch = ((Number) t.userAttrs().get(NetworkObjective.BEST_EPOCH_ATTR)).intValue();
        assertEquals(t.value(), t.intermediateValues().get(bestEpoch));
    }

    @Test
    void thePrunerStopsHopelessTrialsAtTheirRung() {
        NetworkObjective objective = mlp(smallMlp(ParameterSpace.logUniform(1e-6, 1e-2)), 3).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(4)).seed(4)
                .pruner(Pruners.successiveHalving(1, 3)).build();
        study.optimize(objective, 6);
        List<FrozenTrial> pruned = study.trials(TrialState.PRUNED);
        assertTrue(!pruned.isEmpty(), "some of 6 trials with learning rates down to 1e-6 are pruned");
        for (FrozenTrial t : pruned) {
            assertEquals(1, t.lastStep(), "ASHA with min 1 and eta 3 judges at epoch 1 (and 3, the last)");
        }
    }

    @Test
    void aPromotedConfigurationContinuesExactlyWhereItStopped() throws Exception {
        NetworkSpace space = smallMlp(ParameterSpace.fixed(3e-3));
        NetworkObjective straight = mlp(space, 3).workDir(work.resolve("a")).build();
        NetworkObjective resumed = mlp(space, 3).workDir(work.resolve("b")).build();
        Study a = Study.builder().direction(Direction.MAXIMIZE).seed(9).build();
        Study b = Study.builder().direction(Direction.MAXIMIZE).seed(9).build();
        Trial ta = a.ask();
        double full = straight.evaluate(ta, 3);
        Trial tb = b.ask();
        resumed.evaluate(tb, 1);
        double continued = resumed.evaluate(tb, 3);
        assertEquals(ta.frozen().intermediateValues(), tb.frozen().intermediateValues(),
                "1 epoch, checkpoint, 2 more epochs == 3 epochs in one go");
        assertEquals(full, continued, 1e-9);
    }

    private static Study ashaStudy(org.dl4jtuner.tuner.storage.Storage storage, List<List<Integer>> reported) {
        return Study.builder().name("promoted").direction(Direction.MAXIMIZE).seed(21).sampler(Samplers.random(21))
                .pruner(Pruners.promotionAsha(1, 3, 3)).storage(storage)
                .onReport((trial, step, value) -> reported.add(List.of(trial, step))).build();
    }

    @Test
    void aPromotedAshaTrialResumedFromItsCheckpointGivesExactlyTheCurveOfAnUninterruptedOne() throws Exception {
        NetworkSpace space = smallMlp(ParameterSpace.logUniform(1e-3, 1e-2));
        Study straight = ashaStudy(new org.dl4jtuner.tuner.storage.InMemoryStorage(), new java.util.ArrayList<>());
        straight.optimizeResumable(mlp(space, 3).workDir(work.resolve("straight")).build(),
                org.dl4jtuner.tuner.Budget.studyTrials(3), 1);
        FrozenTrial best = straight.bestTrial();
        assertEquals(List.of(1, 2, 3), List.copyOf(best.intermediateValues().keySet()), "promoted from rung 0 to 3 epochs");

        // the same study, stopped once its three trials are paused at rung 0 (1 epoch) ...
        org.dl4jtuner.tuner.storage.InMemoryStorage storage = new org.dl4jtuner.tuner.storage.InMemoryStorage();
        Study first = ashaStudy(storage, new java.util.ArrayList<>());
        NetworkObjective before = mlp(space, 3).workDir(work.resolve("paused")).build();
        stopAfterThreeJobs(first, before);
        assertEquals(3, first.trials(TrialState.PAUSED).size());
        Path checkpoint = work.resolve("paused/checkpoints/promoted-" + first.id() + "/trial-" + best.number());
        assertTrue(Files.isRegularFile(checkpoint.resolve("current")), "checkpointed on disk: " + checkpoint);

        // ... and continued by a new study object and a new objective that read the checkpoint from disk
        List<List<Integer>> trained = new java.util.ArrayList<>();
        Study second = ashaStudy(storage, trained);
        NetworkObjective after = mlp(space, 3).workDir(work.resolve("paused")).build();
        second.optimizeResumable(after, org.dl4jtuner.tuner.Budget.studyTrials(3), 1);
        FrozenTrial resumed = second.bestTrial();
        assertEquals(best.number(), resumed.number());
        assertEquals(best.params(), resumed.params());
        assertEquals(best.intermediateValues(), resumed.intermediateValues(),
                "1 epoch, pause, checkpoint read by a new objective, 2 more epochs == 3 epochs in one go");
        assertEquals(best.value(), resumed.value(), 1e-12);
        assertEquals(List.of(List.of(best.number(), 2), List.of(best.number(), 3)), trained,
                "the new objective trained epochs 2 and 3 only: epoch 1 came from the checkpoint");
        for (FrozenTrial t : second.trials()) {
            assertEquals(t.number() == best.number() ? TrialState.COMPLETE : TrialState.PRUNED, t.state());
        }
    }

    @Test
    void aPausedTrialContinuesFromTheCheckpointItRecordedWhenTheNextRunHasAnotherWorkFolder() throws Exception {
        NetworkSpace space = smallMlp(ParameterSpace.logUniform(1e-3, 1e-2));
        org.dl4jtuner.tuner.storage.InMemoryStorage storage = new org.dl4jtuner.tuner.storage.InMemoryStorage();
        Study first = ashaStudy(storage, new java.util.ArrayList<>());
        NetworkObjective before = mlp(space, 3).workDir(work.resolve("first-run")).build();
        stopAfterThreeJobs(first, before);
        assertEquals(3, first.trials(TrialState.PAUSED).size());
        for (FrozenTrial t : first.trials()) {
            Path recorded = Path.of((String) t.systemAttrs().get(Dl4jObjective.CHECKPOINT_ATTR));
            assertTrue(recorded.startsWith(work.resolve("first-run").toAbsolutePath()), "recorded: " + recorded);
            assertTrue(Files.isRegularFile(recorded.resolve("current")), "checkpointed on disk: " + recorded);
        }

        // the next run's objective has another work folder (as two runs with the default temporary one do)
        List<List<Integer>> trained = new java.util.ArrayList<>();
        Study second = ashaStudy(storage, trained);
        NetworkObjective after = mlp(space, 3).workDir(work.resolve("second-run")).build();
        second.optimizeResumable(after, org.dl4jtuner.tuner.Budget.studyTrials(3), 1);
        FrozenTrial promoted = second.bestTrial();
        assertEquals(List.of(1, 2, 3), List.copyOf(promoted.intermediateValues().keySet()));
        assertEquals(List.of(List.of(promoted.number(), 2), List.of(promoted.number(), 3)), trained,
                "the promoted trial trained epochs 2 and 3 only: epoch 1 came from the first run's checkpoint");
    }

    /** Runs {@code study}'s three trials under {@code objective} and stops it after its third job (each paused at rung 0). */
    private static void stopAfterThreeJobs(Study study, NetworkObjective objective) throws Exception {
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        study.optimizeResumable((trial, epochs) -> {
            double v = objective.evaluate(trial, epochs);
            if (jobs.incrementAndGet() == 3) {
                trial.study().stop();
            }
            return v;
        }, org.dl4jtuner.tuner.Budget.studyTrials(3), 1);
    }
}
