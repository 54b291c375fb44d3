package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * A user's own fit loop in a multi-objective study: {@link TrialReporter} measures and reports the
 * same secondary metrics and constraints as the engine, on real DL4J training over the bundled
 * Fashion-MNIST subset (1,000 training, 500 validation images).
 */
class TrialReporterMultiObjectiveTest {
    private static final int TRAIN_BATCH = 50;

    private static DataSetIterator validation() {
        DataSetIterator validation = TestData.small().validation().iterator(250, 0);
        validation.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        return validation;
    }

    private static DataSetIterator train(Trial trial) {
        DataSetIterator train = TestData.small().train().iterator(TRAIN_BATCH, trial.seed());
        train.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        return train;
    }

    @Test
    void anOwnFitLoopReturnsAndReportsAccuracyWithTheMeasuredCostsAndDeclaresItsSizeConstraint() throws Exception {
        DataSetIterator validation = validation();
        Map<Integer, Long> numParams = new ConcurrentHashMap<>();
        Map<Integer, MultiLayerConfiguration> configurations = new ConcurrentHashMap<>();
        Study study = Study.builder().seed(3).directions(Direction.MAXIMIZE, Direction.MINIMIZE, Direction.MINIMIZE,
                Direction.MINIMIZE, Direction.MINIMIZE).sampler(Samplers.random(3)).build();
        MultiObjective objective = trial -> {
            MultiLayerConfiguration conf = MultiObjectiveEngineTest.mlp(trial);
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            numParams.put(trial.number(), net.numParams());
            configurations.put(trial.number(), conf);
            TrialReporter reporter = TrialReporter.builder(trial, validation, Metric.ACCURACY)
                    .secondaryMetrics(SecondaryMetric.PARAMETERS, SecondaryMetric.LATENCY_MS,
                            SecondaryMetric.TRAIN_SECONDS, SecondaryMetric.MEMORY_MB)
                    .constraint(MetricConstraint.parse("parameters", "<= 20000"))
                    .build();
            assertEquals(List.of("accuracy", "parameters", "latency_ms", "train_seconds", "memory_mb"),
                    reporter.objectiveNames());
            assertEquals(study.directions(), reporter.directions());
            net.addListeners(reporter);
            net.fit(train(trial), 3);
            return reporter.values();
        };
        study.optimize(objective, 6);

        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        assertEquals(6, complete.size(), "no trial failed: " + study.trials());
        for (FrozenTrial t : complete) {
            int units = (Integer) t.params().get("units");
            double[] v = t.values();
            assertEquals(5, v.length, "accuracy and four secondary metrics");
            assertTrue(v[0] > 0.15 && v[0] <= 1, "above chance (0.1): accuracy of trial " + t.number() + ": " + v[0]);
            assertEquals((double) numParams.get(t.number()), v[1], "the network's own numParams()");
            assertEquals(MultiObjectiveEngineTest.parameters(units), v[1], "785 x units + (units + 1) x 10");
            assertTrue(v[2] > 0, "latency " + v[2]);
            assertTrue(v[3] > 0, "train seconds " + v[3]);
            double memory = MemoryEstimate.of(NetworkConfiguration.of(configurations.get(t.number())),
                    new long[] {TRAIN_BATCH, 784}, 1).bytes() / (1024.0 * 1024.0);
            assertEquals(memory, v[4], 1e-9, "the engine's estimate for the training batches' shape, not the"
                    + " validation batches'");
            assertEquals(v[1] > 20000, !t.isFeasible(), "feasibility of " + units + " units");
            assertEquals(v[1] - 20000, t.constraints()[0], 1e-9);
            assertEquals(List.of(1, 2, 3), List.copyOf(t.stepValues().keySet()), "a vector per epoch");
            double[] first = t.stepValues().get(1);
            double[] last = t.stepValues().get(3);
            assertEquals(5, first.length);
            assertEquals(v[1], first[1], "the size is in the first epoch's vector");
            assertTrue(last[3] > first[3], "training time grows over epochs: " + first[3] + " then " + last[3]);
            assertEquals(v[3], last[3], 1e-12, "the returned training time is the whole trial's");
            assertEquals(t.stepValues().values().stream().mapToDouble(e -> e[0]).max().orElseThrow(), v[0], 1e-12,
                    "the returned accuracy is the best epoch's");
            Map<?, ?> measured = (Map<?, ?>) t.userAttrs().get(Dl4jObjective.SECONDARY_METRICS_ATTR);
            assertEquals(v[1], ((Number) measured.get("parameters")).doubleValue());
        }
        assertTrue(complete.stream().anyMatch(t -> !t.isFeasible()) && complete.stream().anyMatch(FrozenTrial::isFeasible),
                "six draws of three sizes give both feasible and infeasible trials: " + complete);
        assertFalse(study.bestTrials().isEmpty());
        for (FrozenTrial t : study.bestTrials()) {
            assertTrue(t.isFeasible(), "the front holds feasible trials only");
        }
    }

    @Test
    void aParetoPrunerStopsAnOwnFitFromTheVectorsTheReporterSends() throws Exception {
        DataSetIterator validation = validation();
        Study study = Study.builder().seed(5).directions(Direction.MAXIMIZE, Direction.MINIMIZE)
                .sampler(Samplers.random(5)).pruner(Pruners.paretoRung(1, 3, 3)).build();
        Map<Integer, Integer> epochsSeen = new ConcurrentHashMap<>();
        study.optimize((MultiObjective) trial -> {
            MultiLayerNetwork net = new MultiLayerNetwork(MultiObjectiveEngineTest.mlp(trial));
            net.init();
            TrialReporter reporter = TrialReporter.builder(trial, validation, Metric.ACCURACY)
                    .secondaryMetrics(SecondaryMetric.PARAMETERS).build();
            net.addListeners(reporter);
            try {
                net.fit(train(trial), 3);
            } finally {
                epochsSeen.put(trial.number(), reporter.epochs());
            }
            return reporter.values();
        }, 9);
        assertEquals(9, study.trials(TrialState.COMPLETE, TrialState.PRUNED).size(), "no trial failed: " + study.trials());
        List<FrozenTrial> pruned = study.trials(TrialState.PRUNED);
        assertFalse(pruned.isEmpty(), "some of 9 trials were dominated at the first rung");
        for (FrozenTrial t : pruned) {
            assertTrue(t.systemAttrs().containsKey("pareto_rung_0"), "pruned at a rung: " + t.systemAttrs().keySet());
            assertEquals(t.lastStep(), epochsSeen.get(t.number()), "the fit ended at the epoch the pruner stopped");
            assertTrue(t.lastStep() < 3, "stopped before its 3 epochs: " + t);
        }
        for (FrozenTrial t : study.trials(TrialState.COMPLETE)) {
            assertEquals(2, t.values().length);
        }
    }

    @Test
    void withoutSecondaryMetricsValuesIsTheBestValueAloneAndAConstraintOnAnUnmeasuredValueIsRefused() throws Exception {
        DataSetIterator validation = validation();
        Study study = Study.builder().seed(7).direction(Direction.MAXIMIZE).sampler(Samplers.random(7)).build();
        study.optimize(trial -> {
            MultiLayerNetwork net = new MultiLayerNetwork(MultiObjectiveEngineTest.mlp(trial));
            net.init();
            TrialReporter reporter = new TrialReporter(trial, validation, Metric.ACCURACY);
            assertThrows(IllegalStateException.class, reporter::values, "no epoch yet");
            net.addListeners(reporter);
            net.fit(train(trial), 2);
            double[] values = reporter.values();
            assertEquals(1, values.length);
            assertEquals(reporter.bestValue(), values[0]);
            return values[0];
        }, 1);
        assertEquals(TrialState.COMPLETE, study.trials().get(0).state(), study.trials().toString());
        Trial probe = Study.builder().direction(Direction.MAXIMIZE).build().ask();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialReporter
                .builder(probe, validation, Metric.ACCURACY).constraint(MetricConstraint.parse("flops", "<= 5")).build());
        assertTrue(e.getMessage().contains("flops") && e.getMessage().contains("parameters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrialReporter.builder(probe, validation, Metric.ACCURACY)
                .secondaryMetrics(SecondaryMetric.PARAMETERS, SecondaryMetric.PARAMETERS));
    }
}
