package org.dl4jtuner.examples;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.TrainTest;
import org.dl4jtuner.models.Dl4jObjective;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Your own network, your own iterators: a {@code ComputationGraph} with a skip connection (conv,
 * conv, add both, pool, dense, softmax) on Fashion-MNIST rows of raw pixels held in ND4J
 * {@code DataSet}s and read by ND4J's {@code ViewIterator}, tuned by TPE with asynchronous
 * Hyperband; the best network is exported with its normalizer and scored again by plain DL4J code.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl examples -am package
 * OMP_NUM_THREADS=1 java -cp 'examples/target/dl4j-tuner-examples.jar:examples/target/lib/*' \
 *     org.dl4jtuner.examples.OwnGraphExample [--trials 12] [--epochs 9]
 * </pre>
 */
public final class OwnGraphExample {
    private OwnGraphExample() {
    }

    public static void main(String[] args) throws Exception {
        int trials = option(args, "--trials", 12);
        int epochs = option(args, "--epochs", 9);

        // Raw pixels 0..255, as a DL4J user holds them: 4,000 training, 1,000 validation, 1,000 test rows.
        TrainTest fashion = FashionMnist.bundledSubset();
        DataSet pool = rows(fashion.train());
        pool.shuffle(42);
        SplitTestAndTrain split = pool.splitTestAndTrain(4000);
        DataSet train = split.getTrain();
        DataSet validation = split.getTest();
        DataSet test = rows(fashion.test());

        Dl4jObjective objective = Dl4jObjective.builder()
                .graph(OwnGraphExample::network)
                .train(trial -> new ViewIterator(train, trial.suggestCategorical("batch_size", List.of(32, 64, 128))))
                .validation(new ViewIterator(validation, 500))
                .normalizer(new ImagePreProcessingScaler(0, 1))   // pixels to [0, 1]; saved in the model file
                .metric(Metric.ACCURACY)
                .maxEpochs(epochs)
                .build();
        Study study = Study.builder()
                .name("own-graph")
                .direction(Direction.MAXIMIZE)
                .sampler(Samplers.tpe(7))
                .pruner(Pruners.hyperband(1, epochs, 3))
                .seed(7)
                .build();
        study.optimize(objective, trials);

        FrozenTrial best = study.bestTrial();
        System.out.printf("%d trials, %d pruned; best trial %d: validation accuracy %.4f after %s epochs with %s%n",
                study.trials().size(), study.trials(TrialState.PRUNED).size(), best.number(), best.value(),
                best.userAttrs().get(Dl4jObjective.BEST_EPOCH_ATTR), best.params());

        File zip = objective.exportBest(Path.of("target", "best.zip")).toFile();
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(zip);
        DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(zip);
        // One pass only: ViewIterator's batches are views, so its pre-processor scales `test` in place.
        DataSetIterator rawTest = new ViewIterator(test, 500);
        rawTest.setPreProcessor(normalizer);
        System.out.printf("restored from %s: test accuracy %.4f on %d raw test rows%n", zip,
                restored.evaluate(rawTest).accuracy(), test.numExamples());
    }

    /** The network of a trial: conv (stride 2), conv, their sum, max pooling, dense, softmax. */
    static ComputationGraphConfiguration network(Trial trial) {
        double learningRate = trial.suggestFloat("learning_rate", 1e-4, 1e-2, true);
        int filters = trial.suggestCategorical("filters", List.of(4, 8));
        int units = trial.suggestInt("units", 32, 128, true);
        return new NeuralNetConfiguration.Builder()
                .seed(trial.seed())
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.convolutionalFlat(28, 28, 1))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(filters)
                        .activation(Activation.RELU).build(), "pixels")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU).build(),
                        "conv1")
                .addVertex("skip", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv1", "conv2")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "skip")
                .addLayer("dense", new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build();
    }

    /** Raw rows [n, 784] and one-hot labels, copied out of the loader's arrays. */
    private static DataSet rows(LabeledData data) {
        return new DataSet(data.features().dup(), data.labels().dup());
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
