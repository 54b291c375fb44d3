package org.dl4jtuner.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.models.Dl4jObjective;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A study that survives {@code kill -9}: your own {@code ComputationGraph} (two convolution
 * branches, 3x3 and 5x5, concatenated), your own iterators over a slice of the bundled
 * Fashion-MNIST subset, your own metric (macro-F1 from DL4J's {@code Evaluation}), the adaptive
 * scheduler {@code Pruners.auto(1, epochs)} pausing trials at rungs and resuming them from their
 * checkpoints, two trials at a time, in a SQLite file.
 *
 * <p>Run it, kill it (even with {@code kill -9}), run it again with the same arguments: the study
 * continues where it stopped. Completed trials are kept, paused trials continue from their
 * checkpoints in {@code --work}, the trials that were running are taken over and continue from
 * their last finished epoch, and the study ends when it holds {@code --trials} trials
 * ({@code Budget.studyTrials}, which counts the trials of every run). Then read it with
 * {@code dl4j-tuner studies|trials|best|report --storage sqlite:FILE}.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl examples -am package
 * OMP_NUM_THREADS=1 java -cp 'examples/target/dl4j-tuner-examples.jar:examples/target/lib/*' \
 *     org.dl4jtuner.examples.ResumableGraphExample [--storage target/own-graph.db] [--trials 16]
 *     [--epochs 9] [--train-rows 1000] [--workers 2] [--work FILE-checkpoints | --work temp]
 * </pre>
 */
public final class ResumableGraphExample {
    /** The study's name in the SQLite file. */
    static final String STUDY = "own-graph-resumable";

    private ResumableGraphExample() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(option(args, "--storage", "target/own-graph.db"));
        int trials = Integer.parseInt(option(args, "--trials", "16"));
        int epochs = Integer.parseInt(option(args, "--epochs", "9"));
        int trainRows = Integer.parseInt(option(args, "--train-rows", "1000"));
        int workers = Integer.parseInt(option(args, "--workers", "2"));
        String work = option(args, "--work", file + "-checkpoints");
        run(file, trials, epochs, trainRows, workers, work.equals("temp") ? null : Path.of(work));
    }

    /**
     * Runs (or continues) the study in {@code file} until it holds {@code trials} trials; returns it.
     * Checkpoints go to {@code work} (null: a new temporary folder, which a later run cannot find).
     */
    static Study run(Path file, int trials, int epochs, int trainRows, int workers, Path work) throws Exception {
        // Raw pixels 0..255 and one-hot labels: a slice of the bundled subset's 5,000 training images
        // for training, the next 500 for validation.
        LabeledData pool = FashionMnist.bundledSubset().train();
        int[] order = LabeledData.permutation(pool.size(), 42);
        DataSet train = rows(pool, java.util.Arrays.copyOfRange(order, 0, trainRows));
        DataSet validation = rows(pool, java.util.Arrays.copyOfRange(order, trainRows, trainRows + 500));

        Metric macroF1 = Metric.custom("macro_f1", Direction.MAXIMIZE,
                (model, batches) -> ((ComputationGraph) model).evaluate(batches).f1(EvaluationAveraging.Macro));
        Path parent = Files.createDirectories(file.toAbsolutePath().getParent());
        Study study = Study.builder()
                .name(STUDY)
                .direction(Direction.MAXIMIZE)
                .metricName(macroF1.id())
                .sampler(Samplers.tpe(7))
                .pruner(Pruners.auto(1, epochs))
                .storage(SqliteStorage.open(file))   // continues the study of that name if the file holds it
                .seed(7)
                .build();
        Dl4jObjective objective = Dl4jObjective.builder()
                .graph(ResumableGraphExample::network)
                .train(trial -> new ViewIterator(train, trial.suggestCategorical("batch_size", List.of(32, 64))))
                .validation(new ViewIterator(validation, 250))
                .normalizer(new ImagePreProcessingScaler(0, 1))   // pixels to [0, 1]; saved in every model file
                .metric(macroF1)
                .maxEpochs(epochs)
                // checkpoints of paused and running trials, WORK/NAME-ID/trial-N: give the run that continues
                // the study the same folder (the default, a temporary folder, is gone after a reboot)
                .workDir(work)
                // each complete trial's best network, in a folder of this study alone (NAME-ID, as `run`
                // keeps them), from which `dl4j-tuner best --export` copies the best one
                .artifacts(parent.resolve(file.getFileName() + "-networks").resolve(study.folderName()))
                .build();
        study.optimizeResumable(objective, Budget.studyTrials(trials), workers);

        FrozenTrial best = study.bestTrial();
        System.out.printf("study '%s' holds %d trials (%d complete, %d pruned, %d failed); best trial %d:"
                + " macro-F1 %.4f at epoch %s with %s%n", STUDY, study.trials().size(),
                study.trials(TrialState.COMPLETE).size(), study.trials(TrialState.PRUNED).size(),
                study.trials(TrialState.FAIL).size(), best.number(), best.value(),
                best.userAttrs().get(Dl4jObjective.BEST_EPOCH_ATTR), best.params());
        return study;
    }

    /** Two convolution branches over the same image, 3x3 and 5x5, concatenated, pooled, dense, softmax. */
    static ComputationGraphConfiguration network(Trial trial) {
        double learningRate = trial.suggestFloat("learning_rate", 1e-4, 1e-2, true);
        int filters = trial.suggestCategorical("filters", List.of(4, 8));
        int units = trial.suggestInt("units", 16, 64, true);
        return new NeuralNetConfiguration.Builder()
                .seed(trial.seed())
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.convolutionalFlat(28, 28, 1))
                .addLayer("conv3", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(filters)
                        .activation(Activation.RELU).build(), "pixels")
                .addLayer("conv5", new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(filters)
                        .activation(Activation.RELU).build(), "pixels")
                .addVertex("merge", new MergeVertex(), "conv3", "conv5")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "merge")
                .addLayer("dense", new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build();
    }

    /** The rows at {@code indices}, copied out of the loader's arrays. */
    private static DataSet rows(LabeledData data, int[] indices) {
        LabeledData subset = data.subset(indices);
        return new DataSet(subset.features().dup(), subset.labels().dup());
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
