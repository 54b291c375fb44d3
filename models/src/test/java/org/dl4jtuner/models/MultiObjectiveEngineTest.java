package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Secondary metrics and constraints on real DL4J networks: accuracy against the parameter count,
 * with a size constraint, per-epoch vectors a Pareto pruner judges.
 */
class MultiObjectiveEngineTest {

    /** 784 inputs, one hidden layer of {@code units}, 10 outputs: 785 * units + (units + 1) * 10 parameters. */
    static MultiLayerConfiguration mlp(Trial trial) {
        int units = trial.suggestCategorical("units", List.of(4, 16, 64));
        return new NeuralNetConfiguration.Builder().seed(trial.seed()).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784))
                .build();
    }

    static long parameters(int units) {
        return 785L * units + (units + 1L) * 10;
    }

    private static Dl4jObjective.Builder engine(DataSet train, DataSet validation) {
        return Dl4jObjective.builder()
                .multiLayer(MultiObjectiveEngineTest::mlp)
                .train(trial -> new ViewIterator(train, 64))
                .validation(new ViewIterator(validation, 250))
                .normalizer(new ImagePreProcessingScaler(0, 1))
                .metric(Metric.ACCURACY)
                .maxEpochs(3);
    }

    @Test
    void eachTrialReturnsAndReportsAccuracyWithItsMeasuredCostsAndDeclaresItsSizeConstraint() throws Exception {
        DataSet train = Dl4jObjectiveTest.rawTrain();
        DataSet validation = Dl4jObjectiveTest.rawValidation();
        Dl4jObjective objective = engine(train, validation)
                .secondaryMetrics(SecondaryMetric.PARAMETERS, SecondaryMetric.LATENCY_MS, SecondaryMetric.TRAIN_SECONDS,
                        SecondaryMetric.MEMORY_MB)
                .constraint(MetricConstraint.parse("parameters", "<= 20000"))
                .build();
        assertEquals(List.of("accuracy", "parameters", "latency_ms", "train_seconds", "memory_mb"),
                objective.objectiveNames());
        assertEquals(List.of(Direction.MAXIMIZE, Direction.MINIMIZE, Direction.MINIMIZE, Direction.MINIMIZE,
                Direction.MINIMIZE), objective.directions());
        Study study = Study.builder().seed(3).directions(objective.directions().toArray(Direction[]::new))
                .sampler(Samplers.random(3)).build();
        study.optimize(objective.multiObjective(), 6);

        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        assertEquals(6, complete.size(), "no trial failed: " + study.trials());
        for (FrozenTrial t : complete) {
            int units = (Integer) t.params().get("units");
            double[] v = t.values();
            assertEquals(5, v.length);
            assertTrue(v[0] > 0.15 && v[0] <= 1, "above chance (0.1): accuracy of trial " + t.number() + ": " + v[0]);
            assertEquals(parameters(units), v[1], "the parameter count of " + units + " hidden units");
            assertTrue(v[2] > 0, "latency " + v[2]);
            assertTrue(v[3] > 0, "train seconds " + v[3]);
            assertTrue(v[4] > parameters(units) * 2 * 4 / (1024.0 * 1024.0), "memory covers weights and gradients: "
                    + v[4]);
            assertEquals(parameters(units) > 20000, !t.isFeasible(), "feasibility of " + units + " units");
            assertEquals(parameters(units) - 20000, t.constraints()[0], 1e-9);
            assertEquals(List.of(1, 2, 3), List.copyOf(t.stepValues().keySet()), "a vector per epoch");
            double[] first = t.stepValues().get(1);
            double[] last = t.stepValues().get(3);
            assertEquals(v[1], first[1], "the size is in the first epoch's vector");
            assertTrue(last[3] > first[3], "training time grows over epochs: " + first[3] + " then " + last[3]);
            assertEquals(v[3], last[3], 1e-12, "the returned training time is the whole trial's");
            assertTrue(((Map<?, ?>) t.userAttrs().get(Dl4jObjective.SECONDARY_METRICS_ATTR)).containsKey("latency_ms"));
        }
        assertTrue(complete.stream().anyMatch(t -> !t.isFeasible()) && complete.stream().anyMatch(FrozenTrial::isFeasible),
                "six draws of three sizes give both feasible and infeasible trials");
        for (FrozenTrial t : study.bestTrials()) {
            assertTrue(t.isFeasible(), "the front holds feasible trials only");
        }
    }

    @Test
    void aParetoPrunerStopsTrialsFromTheVectorsReportedEachEpoch() throws Exception {
        DataSet train = Dl4jObjectiveTest.rawTrain();
        DataSet validation = Dl4jObjectiveTest.rawValidation();
        Dl4jObjective objective = engine(train, validation).secondaryMetrics(SecondaryMetric.PARAMETERS).build();
        Study study = Study.builder().seed(5).directions(Direction.MAXIMIZE, Direction.MINIMIZE).sampler(Samplers.random(5))
                .pruner(Pruners.paretoRung(1, 3, 3)).build();
        study.optimize(objective.multiObjective(), 9);
        assertEquals(9, study.trials(TrialState.COMPLETE, TrialState.PRUNED).size(), "no trial failed: " + study.trials());
        assertFalse(study.trials(TrialState.PRUNED).isEmpty(), "some of 9 trials were dominated at the first rung");
        for (FrozenTrial t : study.trials(TrialState.PRUNED)) {
            assertTrue(t.systemAttrs().containsKey("pareto_rung_0"), "pruned at a rung: " + t.systemAttrs().keySet());
        }
    }

    @Test
    void aConstraintOnAValueTheEngineDoesNotMeasureIsRefusedNamingTheMeasuredOnes() {
        DataSet train = Dl4jObjectiveTest.rawTrain();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine(train, train)
                .constraint(MetricConstraint.parse("flops", "<= 5")).build());
        assertTrue(e.getMessage().contains("flops") && e.getMessage().contains("parameters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine(train, train).build().multiObjective());
    }

    @Test
    void constraintExpressionsParseWithTheirOperatorsAndRefuseOthersShowingTheRule() {
        assertEquals(5.0, MetricConstraint.parse("parameters", "<= 100").violation(105));
        assertEquals(-5.0, MetricConstraint.parse("parameters", "<=100_000").violation(99_995));
        assertTrue(MetricConstraint.parse("latency_ms", "< 5").violation(5) > 0, "strict: the bound itself violates");
        assertTrue(MetricConstraint.parse("latency_ms", "<= 5").violation(5) <= 0);
        assertTrue(MetricConstraint.parse("accuracy", ">= 0.8").violation(0.7) > 0);
        assertTrue(MetricConstraint.parse("accuracy", "> 0.8").violation(0.8) > 0);
        assertTrue(MetricConstraint.parse("accuracy", "> 0.8").violation(0.81) <= 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricConstraint.parse("parameters", "at most 5"));
        assertTrue(e.getMessage().contains("\"at most 5\"") && e.getMessage().contains("<="), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetricConstraint.parse("parameters", "== 5"));
    }
}
