package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The engine as a Java user meets it: their own ComputationGraph, their own iterators over raw
 * pixel rows, a normalizer, Hyperband; their own fit loop with {@link TrialReporter}.
 */
class Dl4jObjectiveTest {

    @TempDir
    Path work;

    /** Raw pixel rows (0..255) as a user's own data would be, from the bundled Fashion-MNIST subset. */
    static DataSet raw(LabeledData data) {
        return new DataSet(data.features().dup(), data.labels().dup());
    }

    static DataSet rawTrain() {
        return raw(TestData.small().train());
    }

    static DataSet rawValidation() {
        return raw(TestData.small().validation());
    }

    /** A small residual network: dense, dense, add (the skip connection), softmax. */
    static ComputationGraphConfiguration skipGraph(Trial trial) {
        double lr = trial.suggestFloat("learning_rate", 1e-6, 1e-2, true);
        int units = trial.suggestCategorical("units", List.of(16, 32));
        return new NeuralNetConfiguration.Builder()
                .seed(trial.seed() + 1)
                .updater(new Adam(lr))
                .graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.feedForward(784))
                .addLayer("dense1", new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), "pixels")
                .addLayer("dense2", new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), "dense1")
                .addVertex("skip", new ElementWiseVertex(ElementWiseVertex.Op.Add), "dense1", "dense2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "skip")
                .setOutputs("out")
                .build();
    }

    static MultiLayerConfiguration mlp(double lr, int outputs) {
        return new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(lr)).list()
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(outputs)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784))
                .build();
    }

    @Test
    void anOwnComputationGraphIsTunedWithHyperbandAndItsExportScoresRawRowsAsReported() throws Exception {
        DataSet train = rawTrain();
        DataSet validation = rawValidation();
        Dl4jObjective objective = Dl4jObjective.builder()
                .graph(Dl4jObjectiveTest::skipGraph)
                .train(trial -> new ViewIterator(train, trial.suggestCategorical("batch_size", List.of(32, 64))))
                .validation(new ViewIterator(validation, 250))
                .normalizer(new ImagePreProcessingScaler(0, 1))
                .metric(Metric.ACCURACY)
                .maxEpochs(9)
                .build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(11)).seed(11)
                .pruner(Pruners.hyperband(1, 9, 3)).build();
        study.optimize(objective, 24);

        List<FrozenTrial> finished = study.trials(TrialState.COMPLETE, TrialState.PRUNED);
        assertEquals(24, finished.size(), "no trial failed: " + study.trials());
        for (FrozenTrial t : finished) {
            assertEquals(IntStream.rangeClosed(1, t.lastStep()).boxed().toList(),
                    List.copyOf(t.intermediateValues().keySet()), "trial " + t.number() + " reports every epoch");
        }
        assertFalse(study.trials(TrialState.PRUNED).isEmpty(), "Hyperband pruned some of 24 trials");
        assertInstanceOf(ComputationGraph.class, objective.bestModel());

        Path zip = objective.exportBest(work.resolve("best.zip"));
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(zip.toFile());
        DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(zip.toFile());
        DataSetIterator rawRows = new ViewIterator(validation, 100);
        rawRows.setPreProcessor(normalizer);
        Evaluation e = restored.evaluate(rawRows);
        assertEquals(study.bestTrial().value(), e.accuracy(), 0.02, "the exported network scores raw rows as reported");
        assertTrue(e.accuracy() > 0.5, "10 classes, chance is 0.1: " + e.accuracy());
    }

    @Test
    void anOwnFitLoopReportsEveryEpochThroughTheListenerAndIsPrunedByTheMedianPruner() {
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(rawTrain());
        // iterators that build fresh batches, so the pre-processor never rescales the data itself
        DataSetIterator validation = TestData.small().validation().iterator(250, 0);
        validation.setPreProcessor(normalizer);
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(5)).seed(5)
                .pruner(Pruners.median(2, 1)).build();
        List<Integer> epochsSeen = new ArrayList<>();
        study.optimize(trial -> {
            MultiLayerNetwork net = new MultiLayerNetwork(mlp(trial.suggestFloat("learning_rate", 1e-6, 1e-2, true), 10));
            net.init();
            TrialReporter reporter = new TrialReporter(trial, validation, Metric.ACCURACY);
            net.addListeners(reporter);
            DataSetIterator batches = TestData.small().train().iterator(50, trial.seed());
            batches.setPreProcessor(normalizer);
            try {
                net.fit(batches, 4);
            } finally {
                epochsSeen.add(reporter.epochs());
            }
            return reporter.bestValue();
        }, 8);
        List<FrozenTrial> pruned = study.trials(TrialState.PRUNED);
        assertFalse(pruned.isEmpty(), "learning rates down to 1e-6 fall below the median: " + study.trials());
        for (FrozenTrial t : study.trials()) {
            assertTrue(t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED, t.toString());
            assertEquals(IntStream.rangeClosed(1, t.lastStep()).boxed().toList(),
                    List.copyOf(t.intermediateValues().keySet()));
        }
        for (FrozenTrial t : pruned) {
            assertTrue(t.lastStep() < 4, "a pruned fit stopped before its 4 epochs: " + t);
            assertEquals(t.lastStep(), epochsSeen.get(t.number()), "the fit ended at the epoch the pruner stopped");
        }
        study.trials(TrialState.COMPLETE).forEach(t -> assertEquals(4, t.lastStep()));
    }

    @Test
    void crossValidationReportsTheMeanOfTheFoldsAndKeepsEachFoldsValues() {
        DataSet all = rawTrain();
        org.nd4j.linalg.dataset.SplitTestAndTrain halves = all.splitTestAndTrain(500);
        DataSet a = halves.getTrain();
        DataSet b = halves.getTest();
        ImagePreProcessingScaler scaler = new ImagePreProcessingScaler(0, 1);
        Dl4jObjective objective = Dl4jObjective.builder()
                .multiLayer(trial -> mlp(trial.suggestFloat("learning_rate", 1e-3, 1e-2, true), 10))
                .train(trial -> new ViewIterator(a, 50)).validation(new ViewIterator(b, 250)).normalizer(scaler)
                .fold(trial -> new ViewIterator(b, 50), new ViewIterator(a, 250), scaler)
                .maxEpochs(2)
                .build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).seed(2).build();
        study.optimize(objective, 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.systemAttrs().get(Study.FAIL_REASON_ATTR)));
        Map<?, ?> folds = (Map<?, ?>) t.userAttrs().get(Dl4jObjective.FOLD_VALUES_ATTR);
        for (int epoch = 1; epoch <= 2; epoch++) {
            List<?> values = (List<?>) folds.get(Integer.toString(epoch));
            assertEquals(2, values.size());
            double mean = (((Number) values.get(0)).doubleValue() + ((Number) values.get(1)).doubleValue()) / 2;
            assertEquals(mean, t.intermediateValues().get(epoch), 1e-12);
        }
        assertEquals(2, objective.folds());
    }

    @Test
    void aTwoInputGraphTrainsOnMultiDataSetsWithAMultiNormalizerSavedInTheExport() throws Exception {
        DataSet train = rawTrain();
        DataSet validation = rawValidation();
        org.nd4j.linalg.dataset.api.preprocessor.MultiNormalizerStandardize normalizer =
                new org.nd4j.linalg.dataset.api.preprocessor.MultiNormalizerStandardize();
        normalizer.fit(twoHalves(train));
        Dl4jObjective objective = Dl4jObjective.builder()
                .graph(trial -> new NeuralNetConfiguration.Builder().seed(4)
                        .updater(new Adam(trial.suggestFloat("learning_rate", 1e-3, 1e-2, true))).graphBuilder()
                        .addInputs("top", "bottom")
                        .setInputTypes(InputType.feedForward(392), InputType.feedForward(392))
                        .addLayer("t", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "top")
                        .addLayer("b", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "bottom")
                        .addVertex("both", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "t", "b")
                        .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                                .activation(Activation.SOFTMAX).build(), "both")
                        .setOutputs("out").build())
                .trainMultiData(trial -> new Batched(twoHalves(train), 50))
                .validation(new Batched(twoHalves(validation), 250))
                .normalizer(normalizer)
                .maxEpochs(3)
                .build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).seed(3).build();
        study.optimize(objective, 2);
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.systemAttrs().get(Study.FAIL_REASON_ATTR)));
            assertEquals(3, t.intermediateValues().size());
        }
        assertTrue(study.bestTrial().value() > 0.3, "two halves of the image beat chance: " + study.bestTrial().value());
        Path zip = objective.exportBest(work.resolve("two.zip"));
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(zip.toFile());
        org.nd4j.linalg.dataset.api.MultiDataSet rows = twoHalves(validation);
        ((org.nd4j.linalg.dataset.api.preprocessor.MultiDataNormalization) ModelSerializer.restoreNormalizerFromFile(
                zip.toFile())).preProcess(rows);
        Evaluation e = new Evaluation();
        e.eval(rows.getLabels(0), restored.output(rows.getFeatures())[0]);
        assertEquals(study.bestTrial().value(), e.accuracy(), 1e-6);
    }

    /** A user's own multi-data iterator: consecutive batches of a MultiDataSet. */
    private static final class Batched implements org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator {
        private final List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        private int cursor;
        private org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor preProcessor;

        Batched(org.nd4j.linalg.dataset.MultiDataSet all, int size) {
            long n = all.getLabels(0).size(0);
            for (long start = 0; start < n; start += size) {
                org.nd4j.linalg.indexing.INDArrayIndex rows = org.nd4j.linalg.indexing.NDArrayIndex.interval(start,
                        Math.min(n, start + size));
                org.nd4j.linalg.api.ndarray.INDArray[] f = new org.nd4j.linalg.api.ndarray.INDArray[all.numFeatureArrays()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = all.getFeatures(i).get(rows, org.nd4j.linalg.indexing.NDArrayIndex.all());
                }
                batches.add(new org.nd4j.linalg.dataset.MultiDataSet(f, new org.nd4j.linalg.api.ndarray.INDArray[] {
                    all.getLabels(0).get(rows, org.nd4j.linalg.indexing.NDArrayIndex.all())}));
            }
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
            return next();
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next() {
            org.nd4j.linalg.dataset.api.MultiDataSet batch = batches.get(cursor++);
            if (preProcessor != null) {
                preProcessor.preProcess(batch);
            }
            return batch;
        }

        @Override
        public boolean hasNext() {
            return cursor < batches.size();
        }

        @Override
        public void setPreProcessor(org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            cursor = 0;
        }
    }

    /** The top and bottom 14 rows of each image as two inputs. */
    private static org.nd4j.linalg.dataset.MultiDataSet twoHalves(DataSet data) {
        org.nd4j.linalg.api.ndarray.INDArray f = data.getFeatures();
        return new org.nd4j.linalg.dataset.MultiDataSet(new org.nd4j.linalg.api.ndarray.INDArray[] {
            f.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 392)).dup(),
            f.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(392, 784)).dup()},
                new org.nd4j.linalg.api.ndarray.INDArray[] {data.getLabels().dup()});
    }

    @Test
    void aNetworkWhoseOutputDoesNotMatchTheLabelsFailsNamingBothShapes() {
        DataSet train = rawTrain();
        Dl4jObjective objective = Dl4jObjective.builder()
                .multiLayer(trial -> mlp(1e-3, 5))
                .train(trial -> new ViewIterator(train, 50)).validation(new ViewIterator(rawValidation(), 250))
                .maxEpochs(1).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).build();
        study.optimize(objective, 1);
        String reason = String.valueOf(study.trials().get(0).systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(reason.contains("output layer of nOut=5, but the training data has 10 label columns")
                && reason.contains("labels [50, 10]"), reason);
    }

    @Test
    void aNetworkWhoseInputDoesNotMatchTheFeaturesFailsWithTheShapes() {
        DataSet train = rawTrain();
        MultiLayerConfiguration wrongInput = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(100).nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        Dl4jObjective objective = Dl4jObjective.builder()
                .multiLayer(trial -> wrongInput)
                .train(trial -> new ViewIterator(train, 50)).validation(new ViewIterator(rawValidation(), 250))
                .maxEpochs(1).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).build();
        study.optimize(objective, 1);
        String reason = String.valueOf(study.trials().get(0).systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(reason.contains("does not fit the data (features [50, 784], labels [50, 10])"), reason);
    }

    @Test
    void aMetricForAnotherTaskIsRefusedNamingBoth() {
        DataSet train = rawTrain();
        Dl4jObjective objective = Dl4jObjective.builder()
                .multiLayer(trial -> mlp(1e-3, 10)).metric(Metric.RMSE)
                .train(trial -> new ViewIterator(train, 50)).validation(new ViewIterator(rawValidation(), 250))
                .maxEpochs(1).build();
        Study study = Study.builder().direction(Direction.MINIMIZE).build();
        study.optimize(objective, 1);
        String reason = String.valueOf(study.trials().get(0).systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(reason.contains("metric rmse needs a regression network, but trial 0's output layer has a"
                + " classification loss"), reason);
    }

    @Test
    void builderMistakesAreNamed() {
        DataSet train = rawTrain();
        IllegalArgumentException noValidation = assertThrows(IllegalArgumentException.class, () -> Dl4jObjective.builder()
                .multiLayer(trial -> mlp(1e-3, 10)).train(trial -> new ViewIterator(train, 50)).build());
        assertTrue(noValidation.getMessage().contains("validation data is missing"), noValidation.getMessage());
        IllegalArgumentException unfitted = assertThrows(IllegalArgumentException.class, () -> Dl4jObjective.builder()
                .multiLayer(trial -> mlp(1e-3, 10)).train(trial -> new ViewIterator(train, 50))
                .validation(new ViewIterator(train, 50)).normalizer(new NormalizerStandardize()).build());
        assertTrue(unfitted.getMessage().contains("NormalizerStandardize is not fitted"), unfitted.getMessage());
        assertThrows(NullPointerException.class, () -> Dl4jObjective.builder().train(trial -> null)
                .validation(new ViewIterator(train, 50)).build());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> Dl4jObjective.builder()
                .multiLayer(trial -> mlp(1e-3, 10)).train(trial -> new ViewIterator(train, 50))
                .validation(new ViewIterator(train, 50)).build().exportBest(work.resolve("x.zip")));
        assertTrue(none.getMessage().contains("no trial has finished"));
        assertFalse(Files.exists(work.resolve("x.zip")));
    }
}
