package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Normalizers;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.Direction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Every built-in metric checked against a computation in plain Java from the network's own
 * outputs ({@code output(features)} as double arrays), on networks trained briefly on real
 * Fashion-MNIST images. The networks carry an L2 penalty so that a loss which included it would
 * be caught.
 */
class MetricEvaluatorTest {
    /** Counts-based metrics are ratios of integers: only the last bits may differ. */
    private static final double EXACT = 1e-9;
    /** AUC and losses come from float outputs. */
    private static final double FLOAT = 1e-4;
    private static final double L2 = 1e-3;
    private static final int BATCH = 64;

    private static LabeledData train;
    private static LabeledData validation;
    private static MultiLayerNetwork classifier;
    private static double[][] probabilities;
    private static int[] truth;

    @BeforeAll
    static void trainClassifier() {
        train = TestData.small().train();
        validation = TestData.small().validation();
        classifier = mlp(784, 10, Activation.SOFTMAX, LossFunction.MCXENT, 11);
        classifier.fit(batches(train), 2);
        probabilities = outputs(classifier, validation);
        truth = validation.classIndices();
    }

    // ---------------------------------------------------------------- classification, 10 classes

    @Test
    void accuracyIsTheFractionWhoseArgmaxIsTheTrueClass() {
        double expected = accuracy(argmax(probabilities), truth);
        assertTrue(expected > 0.5 && expected < 1, "a briefly trained classifier, but accuracy=" + expected);
        assertEquals(expected, MetricEvaluator.evaluate(classifier, batches(validation), Metric.ACCURACY), EXACT);
    }

    /**
     * ND4J's macro averages (Evaluation with EvaluationAveraging.Macro) average each class's own
     * value over the classes where it is defined: precision over classes predicted at least once,
     * recall over classes present in the labels, F1 (each class's F1, not the harmonic mean of the
     * macro precision and recall) over classes where both are defined.
     */
    @Test
    void precisionRecallAndF1AreMacroAveragedOverClasses() {
        Macro expected = macro(argmax(probabilities), truth, 10);
        DataSetIterator it = batches(validation);
        assertEquals(expected.precision, MetricEvaluator.evaluate(classifier, it, Metric.PRECISION), EXACT);
        assertEquals(expected.recall, MetricEvaluator.evaluate(classifier, it, Metric.RECALL), EXACT);
        assertEquals(expected.f1, MetricEvaluator.evaluate(classifier, it, Metric.F1), EXACT);
    }

    /**
     * A class never predicted (its output bias forced very low) drops out of the macro precision
     * and F1 but counts with recall 0; a class absent from the labels drops out of the macro
     * recall and F1 but counts in the precision when it is predicted.
     */
    @Test
    void macroAveragesSkipClassesWhereTheValueIsUndefined() {
        MultiLayerNetwork neverNine = classifier.clone();
        neverNine.getLayer(1).getParam("b").putScalar(9, -100);
        LabeledData noEight = validation.subset(IntStream.range(0, validation.size())
                .filter(i -> truth[i] != 8).toArray());
        int[] predicted = argmax(outputs(neverNine, noEight));
        int[] labels = noEight.classIndices();
        assertTrue(IntStream.of(predicted).noneMatch(p -> p == 9), "class 9 must never be predicted");
        assertTrue(IntStream.of(labels).anyMatch(t -> t == 9) && IntStream.of(labels).noneMatch(t -> t == 8));

        Macro expected = macro(predicted, labels, 10);
        Macro overAllClasses = macroOverAllClasses(predicted, labels, 10);
        assertTrue(Math.abs(expected.precision - overAllClasses.precision) > 0.01
                && Math.abs(expected.recall - overAllClasses.recall) > 0.01,
                "the skipped classes must change the averages for this test to tell them apart");
        DataSetIterator it = batches(noEight);
        assertEquals(expected.precision, MetricEvaluator.evaluate(neverNine, it, Metric.PRECISION), EXACT);
        assertEquals(expected.recall, MetricEvaluator.evaluate(neverNine, it, Metric.RECALL), EXACT);
        assertEquals(expected.f1, MetricEvaluator.evaluate(neverNine, it, Metric.F1), EXACT);
    }

    @Test
    void topThreeAccuracyCountsTheTrueClassAmongTheThreeMostProbable() {
        double expected = topK(probabilities, truth, 3);
        assertTrue(expected > accuracy(argmax(probabilities), truth), "top-3 must exceed top-1 here");
        assertEquals(expected, MetricEvaluator.evaluate(classifier, batches(validation), Metric.topK(3)), EXACT);
        assertEquals(topK(probabilities, truth, 5),
                MetricEvaluator.evaluate(classifier, batches(validation), Metric.of("top5_accuracy")), EXACT);
    }

    @Test
    void aucIsTheMeanOneVsAllMannWhitneyStatistic() {
        double sum = 0;
        for (int c = 0; c < 10; c++) {
            sum += mannWhitney(column(probabilities, c), isClass(truth, c));
        }
        assertEquals(sum / 10, MetricEvaluator.evaluate(classifier, batches(validation), Metric.AUC), FLOAT);
    }

    @Test
    void lossIsTheMeanCrossEntropyWithoutTheL2Penalty() {
        double penalty = classifier.calcRegularizationScore(true);
        assertTrue(penalty > 10 * FLOAT, "the L2 penalty must be large enough to be noticed, but is " + penalty);
        assertEquals(crossEntropy(probabilities, truth),
                MetricEvaluator.evaluate(classifier, batches(validation), Metric.LOSS), FLOAT);
    }

    @Test
    void evaluateAllGivesTheSameValuesAsOneMetricAtATime() {
        Map<Metric, Double> all = MetricEvaluator.evaluateAll(classifier, batches(validation), Task.CLASSIFICATION);
        assertEquals(List.of(Metric.ACCURACY, Metric.F1, Metric.PRECISION, Metric.RECALL, Metric.AUC, Metric.LOSS),
                List.copyOf(all.keySet()));
        Macro macro = macro(argmax(probabilities), truth, 10);
        assertEquals(accuracy(argmax(probabilities), truth), all.get(Metric.ACCURACY), EXACT);
        assertEquals(macro.f1, all.get(Metric.F1), EXACT);
        assertEquals(macro.precision, all.get(Metric.PRECISION), EXACT);
        assertEquals(macro.recall, all.get(Metric.RECALL), EXACT);
        assertEquals(MetricEvaluator.evaluate(classifier, batches(validation), Metric.AUC), all.get(Metric.AUC), EXACT);
        assertEquals(crossEntropy(probabilities, truth), all.get(Metric.LOSS), FLOAT);
    }

    // ---------------------------------------------------------------- binary

    /** T-shirt/top (class 0) against Shirt (class 1 here): the metrics are those of class 1. */
    @Test
    void binaryMetricsAreThoseOfClassOne() {
        LabeledData binaryTrain = twoClasses(TestData.fashion().train(), 0, 6);
        LabeledData binaryValidation = twoClasses(TestData.fashion().test(), 0, 6);
        MultiLayerNetwork net = mlp(784, 2, Activation.SOFTMAX, LossFunction.MCXENT, 5);
        net.fit(batches(binaryTrain), 1);
        double[][] p = outputs(net, binaryValidation);
        int[] labels = binaryValidation.classIndices();
        int[] predicted = argmax(p);
        PerClass shirt = perClass(predicted, labels, 1);
        PerClass tShirt = perClass(predicted, labels, 0);
        assertTrue(Math.abs(shirt.precision() - tShirt.precision()) > 0.01
                || Math.abs(shirt.recall() - tShirt.recall()) > 0.01, "the classes must differ for this test to tell them apart");

        DataSetIterator it = batches(binaryValidation);
        assertEquals(shirt.precision(), MetricEvaluator.evaluate(net, it, Metric.PRECISION), EXACT);
        assertEquals(shirt.recall(), MetricEvaluator.evaluate(net, it, Metric.RECALL), EXACT);
        assertEquals(shirt.f1(), MetricEvaluator.evaluate(net, it, Metric.F1), EXACT);
        assertEquals(accuracy(predicted, labels), MetricEvaluator.evaluate(net, it, Metric.ACCURACY), EXACT);
        double auc = mannWhitney(column(p, 1), isClass(labels, 1));
        assertTrue(auc > 0.6, "a briefly trained T-shirt/Shirt classifier, but AUC=" + auc);
        assertEquals(auc, MetricEvaluator.evaluate(net, it, Metric.AUC), FLOAT);
        assertEquals(auc, MetricEvaluator.evaluateAll(net, it, Task.CLASSIFICATION).get(Metric.AUC), FLOAT);
        assertEquals(crossEntropy(p, labels), MetricEvaluator.evaluate(net, it, Metric.LOSS), FLOAT);
    }

    // ---------------------------------------------------------------- regression

    /**
     * Two targets derived from the images, mean intensity of the top and of the bottom half,
     * predicted by an identity-output MLP trained on MSE.
     */
    @Test
    void rmseMaeAndR2AreAveragedOverTargets() {
        LabeledData regressionTrain = halfIntensities(train);
        LabeledData regressionValidation = halfIntensities(validation);
        MultiLayerNetwork net = mlp(784, 2, Activation.IDENTITY, LossFunction.MSE, 3);
        net.fit(batches(regressionTrain), 3);
        double[][] y = regressionValidation.labels().toDoubleMatrix();
        double[][] yHat = outputs(net, regressionValidation);

        double rmse = 0;
        double mae = 0;
        double r2 = 0;
        double mse = 0;
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            for (double[] row : y) {
                mean += row[c] / y.length;
            }
            double squared = 0;
            double absolute = 0;
            double total = 0;
            for (int i = 0; i < y.length; i++) {
                double e = y[i][c] - yHat[i][c];
                squared += e * e;
                absolute += Math.abs(e);
                total += (y[i][c] - mean) * (y[i][c] - mean);
            }
            rmse += Math.sqrt(squared / y.length) / 2;
            mae += absolute / y.length / 2;
            r2 += (1 - squared / total) / 2;
            mse += squared / y.length / 2;
        }
        assertTrue(r2 > 0, "the regression must have learned something, but R2=" + r2);

        DataSetIterator it = batches(regressionValidation);
        assertEquals(rmse, MetricEvaluator.evaluate(net, it, Metric.RMSE), FLOAT * rmse);
        assertEquals(mae, MetricEvaluator.evaluate(net, it, Metric.MAE), FLOAT * mae);
        assertEquals(r2, MetricEvaluator.evaluate(net, it, Metric.R2), FLOAT);
        // DL4J's MSE loss is the squared error averaged over the targets, then over examples
        assertEquals(mse, MetricEvaluator.evaluate(net, it, Metric.LOSS), FLOAT * mse);

        Map<Metric, Double> all = MetricEvaluator.evaluateAll(net, it, Task.REGRESSION);
        assertEquals(List.of(Metric.RMSE, Metric.MAE, Metric.R2, Metric.LOSS), List.copyOf(all.keySet()));
        assertEquals(rmse, all.get(Metric.RMSE), FLOAT * rmse);
        assertEquals(mae, all.get(Metric.MAE), FLOAT * mae);
        assertEquals(r2, all.get(Metric.R2), FLOAT);
        assertEquals(mse, all.get(Metric.LOSS), FLOAT * mse);
    }

    // ---------------------------------------------------------------- custom

    @Test
    void customMetricReadsTheWholeResetIteratorAndItsValueIsReturned() {
        DataSetIterator it = batches(validation);
        while (it.hasNext()) {
            it.next();
        }
        AtomicInteger seen = new AtomicInteger();
        Metric balanced = Metric.custom("balanced_accuracy", Direction.MAXIMIZE, (model, v) -> {
            int[] correct = new int[10];
            int[] total = new int[10];
            while (v.hasNext()) {
                var batch = v.next();
                int[] p = argmax(((MultiLayerNetwork) model).output(batch.getFeatures()).toDoubleMatrix());
                int[] t = batch.getLabels().argMax(1).toIntVector();
                for (int i = 0; i < t.length; i++) {
                    total[t[i]]++;
                    correct[t[i]] += p[i] == t[i] ? 1 : 0;
                }
                seen.addAndGet(t.length);
            }
            return IntStream.range(0, 10).mapToDouble(c -> (double) correct[c] / total[c]).average().orElseThrow();
        });

        double value = MetricEvaluator.evaluate(classifier, it, balanced);

        assertEquals(validation.size(), seen.get(), "the custom metric must see every example once");
        assertEquals(macro(argmax(probabilities), truth, 10).recall, value, EXACT);
    }

    @Test
    void customMetricThrowingACheckedExceptionFailsNamingTheMetric() {
        IOException cause = new IOException("scores file is missing");
        Metric failing = Metric.custom("balanced_accuracy", Direction.MAXIMIZE, (model, v) -> {
            throw cause;
        });

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetricEvaluator.evaluate(classifier, batches(validation), failing));

        assertTrue(e.getMessage().contains("balanced_accuracy") && e.getMessage().contains("scores file is missing"),
                e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void customMetricNeedsADataSetIterator() {
        Metric custom = Metric.custom("anything", Direction.MAXIMIZE, (model, v) -> 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MetricEvaluator.evaluate(
                classifier, new MultiDataSetIteratorAdapter(batches(validation)), custom));
        assertTrue(e.getMessage().contains("MultiDataSetIterator"), e.getMessage());
    }

    // ---------------------------------------------------------------- ComputationGraph

    @Test
    void computationGraphAccuracyAndLossMatchTheHandComputationForBothIteratorKinds() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(17)
                .updater(new Adam(1e-3))
                .l2(L2)
                .graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.feedForward(784))
                .addLayer("hidden", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "pixels")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build());
        graph.init();
        graph.fit(batches(train), 1);
        double[][] p = graph.outputSingle(unitPixels(validation)).toDoubleMatrix();
        double accuracy = accuracy(argmax(p), truth);
        double loss = crossEntropy(p, truth);
        assertTrue(graph.calcRegularizationScore(true) > 10 * FLOAT);

        assertEquals(accuracy, MetricEvaluator.evaluate(graph, batches(validation), Metric.ACCURACY), EXACT);
        assertEquals(loss, MetricEvaluator.evaluate(graph, batches(validation), Metric.LOSS), FLOAT);
        var multi = new MultiDataSetIteratorAdapter(batches(validation));
        assertEquals(accuracy, MetricEvaluator.evaluate(graph, multi, Metric.ACCURACY), EXACT);
        assertEquals(loss, MetricEvaluator.evaluate(graph, multi, Metric.LOSS), FLOAT);
        Map<Metric, Double> all = MetricEvaluator.evaluateAll(graph, batches(validation), Task.CLASSIFICATION);
        assertEquals(accuracy, all.get(Metric.ACCURACY), EXACT);
        assertEquals(loss, all.get(Metric.LOSS), FLOAT);
    }

    // ---------------------------------------------------------------- networks and data

    private static MultiLayerNetwork mlp(int inputs, int outputs, Activation activation, LossFunction loss, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-3))
                .l2(L2)
                .list()
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(loss).nOut(outputs).activation(activation).build())
                .setInputType(InputType.feedForward(inputs))
                .build());
        net.init();
        return net;
    }

    /** Batches of 64 (the last one partial) with raw pixels scaled to [0, 1] by ND4J's scaler. */
    private static DataSetIterator batches(LabeledData data) {
        DataSetIterator it = data.iterator(BATCH, 1);
        it.setPreProcessor(Normalizers.pixelsToUnitRange());
        return it;
    }

    private static INDArray unitPixels(LabeledData data) {
        return data.features().div(255);
    }

    private static double[][] outputs(MultiLayerNetwork net, LabeledData data) {
        return net.output(unitPixels(data)).toDoubleMatrix();
    }

    /** The examples of two classes, relabelled 0 and 1 (one-hot over two columns). */
    private static LabeledData twoClasses(LabeledData data, int negative, int positive) {
        int[] classes = data.classIndices();
        int[] rows = IntStream.range(0, data.size()).filter(i -> classes[i] == negative || classes[i] == positive)
                .toArray();
        float[][] labels = new float[rows.length][2];
        for (int i = 0; i < rows.length; i++) {
            labels[i][classes[rows[i]] == positive ? 1 : 0] = 1;
        }
        return new LabeledData(data.features().getRows(rows), Nd4j.create(labels), data.featureShape(),
                Task.CLASSIFICATION, List.of(data.classNames().get(negative), data.classNames().get(positive)));
    }

    /** Targets: mean intensity in [0, 1] of the top 14 and of the bottom 14 rows of each image. */
    private static LabeledData halfIntensities(LabeledData data) {
        float[][] pixels = data.features().toFloatMatrix();
        float[][] targets = new float[pixels.length][2];
        for (int i = 0; i < pixels.length; i++) {
            for (int j = 0; j < 784; j++) {
                targets[i][j < 392 ? 0 : 1] += pixels[i][j] / 255f / 392f;
            }
        }
        return new LabeledData(data.features(), Nd4j.create(targets), data.featureShape(), Task.REGRESSION, List.of());
    }

    // ---------------------------------------------------------------- the hand computations

    private record PerClass(double precision, double recall, double f1, boolean precisionDefined,
            boolean recallDefined) {
    }

    private record Macro(double precision, double recall, double f1) {
    }

    private static int[] argmax(double[][] p) {
        int[] best = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][best[i]]) {
                    best[i] = c;
                }
            }
        }
        return best;
    }

    private static double accuracy(int[] predicted, int[] truth) {
        return (double) IntStream.range(0, truth.length).filter(i -> predicted[i] == truth[i]).count() / truth.length;
    }

    /** Precision and recall of one class, 0 where undefined (as ND4J reports a single class). */
    private static PerClass perClass(int[] predicted, int[] truth, int c) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == c && truth[i] == c) {
                tp++;
            } else if (predicted[i] == c) {
                fp++;
            } else if (truth[i] == c) {
                fn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision == 0 || recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new PerClass(precision, recall, f1, tp + fp > 0, tp + fn > 0);
    }

    /** ND4J's macro averages: each over the classes where the value is defined (see the test above). */
    private static Macro macro(int[] predicted, int[] truth, int classes) {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        int nPrecision = 0;
        int nRecall = 0;
        int nF1 = 0;
        for (int c = 0; c < classes; c++) {
            PerClass m = perClass(predicted, truth, c);
            if (m.precisionDefined()) {
                precision += m.precision();
                nPrecision++;
            }
            if (m.recallDefined()) {
                recall += m.recall();
                nRecall++;
            }
            if (m.precisionDefined() && m.recallDefined()) {
                f1 += m.f1();
                nF1++;
            }
        }
        return new Macro(precision / nPrecision, recall / nRecall, f1 / nF1);
    }

    /** The averages a reader might expect instead: every class, undefined values counted as 0. */
    private static Macro macroOverAllClasses(int[] predicted, int[] truth, int classes) {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (int c = 0; c < classes; c++) {
            PerClass m = perClass(predicted, truth, c);
            precision += m.precision() / classes;
            recall += m.recall() / classes;
            f1 += m.f1() / classes;
        }
        return new Macro(precision, recall, f1);
    }

    /** Fraction of examples for which fewer than k classes are strictly more probable than the true one. */
    private static double topK(double[][] p, int[] truth, int k) {
        int hits = 0;
        for (int i = 0; i < p.length; i++) {
            int above = 0;
            for (double q : p[i]) {
                above += q > p[i][truth[i]] ? 1 : 0;
            }
            hits += above < k ? 1 : 0;
        }
        return (double) hits / p.length;
    }

    /** P(score of a positive > score of a negative), ties counting 1/2, over every pair. */
    private static double mannWhitney(double[] score, boolean[] positive) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            if (!positive[i]) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (positive[j]) {
                    continue;
                }
                wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                pairs++;
            }
        }
        return wins / pairs;
    }

    /** Mean of -log p(true class). */
    private static double crossEntropy(double[][] p, int[] truth) {
        return IntStream.range(0, truth.length).mapToDouble(i -> -Math.log(p[i][truth[i]])).average().orElseThrow();
    }

    private static double[] column(double[][] p, int c) {
        return IntStream.range(0, p.length).mapToDouble(i -> p[i][c]).toArray();
    }

    private static boolean[] isClass(int[] truth, int c) {
        boolean[] b = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            b[i] = truth[i] == c;
        }
        return b;
    }
}
