package org.dl4jtuner.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.Normalizers;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.Dl4jObjective;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.HyperParameters;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkConfiguration;
import org.dl4jtuner.models.NetworkFactory;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A trial's training throughput against bare DL4J on the same network, data, batches and epochs.
 *
 * <ul>
 *   <li>Bare DL4J, per epoch: {@code net.fit(train)} then {@code net.evaluate(validation)}, on the
 *       bundled subset's own iterators ({@code LabeledData.trainingIterator}, reshuffled per epoch,
 *       and {@code LabeledData.iterator}) with {@code setPreProcessor(scaler)}: pixels to [0, 1].</li>
 *   <li>Dl4jObjective: one trial of a study whose objective is built from the same configuration and
 *       the same raw iterators, with {@code .normalizer(scaler)}; it also reports every epoch, asks
 *       the pruner, keeps the best epoch's weights and the best network, and releases the thread's
 *       workspaces at the end. Same seeds, so it trains the very same network as bare DL4J.</li>
 *   <li>NetworkObjective (built-in families only): the same network from a {@link NetworkSpace}
 *       with every hyperparameter fixed; its seeds come from the trial, so only the cost compares.</li>
 * </ul>
 * Runs alternate, after one warm-up of each. Each variant is timed for a trial of the case's epochs and for
 * one of a single epoch: the table gives the median marginal seconds per epoch (their difference over
 * the extra epochs) and the fixed seconds per trial that remain (building the network, releasing memory).
 */
public final class TrainingThroughput {
    private static final long SEED = 12345;
    private static final int VALIDATION_BATCH = 512;

    private TrainingThroughput() {
    }

    /**
     * @param family and {@code hp}: the built-in family that builds the same network, or null for none
     */
    private record Case(String name, int epochs, int batchSize, Supplier<NetworkConfiguration> network, Family family,
            HyperParameters hp) {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Splits data = DataSplitter.split(FashionMnist.bundledSubset().train(), 0.2, 0, 42);
        int[] shape = data.train().featureShape();
        HyperParameters cnn = new HyperParameters(1e-3, 64, List.of(64), List.of(16), 3, 0.0, "adam", 0.0, "relu");
        HyperParameters mlp = new HyperParameters(1e-3, 64, List.of(128, 128), List.of(), 0, 0.0, "adam", 0.0, "relu");
        List<Case> all = List.of(
                new Case("cnn 1x16 filters, dense 64", 3, 64, () -> NetworkConfiguration.of(
                        NetworkFactory.configuration(Family.CNN, cnn, shape, 10, Task.CLASSIFICATION, SEED)), Family.CNN, cnn),
                new Case("mlp 2x128", 5, 64, () -> NetworkConfiguration.of(
                        NetworkFactory.configuration(Family.MLP, mlp, shape, 10, Task.CLASSIFICATION, SEED)), Family.MLP, mlp),
                new Case("graph conv 8/2, conv 8, add, pool, dense 64", 3, 64,
                        () -> NetworkConfiguration.of(skipGraph()), null, null));
        List<Case> cases = args.length > 1 ? all.stream().filter(c -> c.name.startsWith(args[1])).toList() : all;
        System.out.printf(Locale.ROOT, "Training throughput, %d training and %d validation Fashion-MNIST images (pixels"
                + " scaled to [0, 1] by ImagePreProcessingScaler), OMP_NUM_THREADS=%s, %d alternating repetitions after"
                + " one warm-up each; seconds per epoch, median%n%n", data.train().size(), data.validation().size(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), repetitions);
        System.out.println("| network | epochs | bare DL4J s/epoch | Dl4jObjective s/epoch | tuner / bare | overhead "
                + "| NetworkObjective s/epoch | tuner / bare | overhead | fixed s/trial: bare, Dl4jObjective, NetworkObjective |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Case c : cases) {
            bare(c, data, c.epochs);
            own(c, data, c.epochs);
            if (c.family != null) {
                family(c, data, c.epochs);
            }
            Timings bare = new Timings();
            Timings own = new Timings();
            Timings family = new Timings();
            for (int r = 0; r < repetitions; r++) {
                bare.add(bare(c, data, c.epochs), bare(c, data, 1), c.epochs);
                own.add(own(c, data, c.epochs), own(c, data, 1), c.epochs);
                if (c.family != null) {
                    family.add(family(c, data, c.epochs), family(c, data, 1), c.epochs);
                }
            }
            double b = bare.perEpoch();
            double o = own.perEpoch();
            System.err.printf(Locale.ROOT, "%s: seconds per trial of %d and of 1 epoch: bare %s %s, Dl4jObjective %s %s,"
                    + " NetworkObjective %s %s%n", c.name, c.epochs, bare.full, bare.one, own.full, own.one, family.full,
                    family.one);
            String familyColumns = " - | - | - |";
            String familyFixed = "-";
            if (c.family != null) {
                double f = family.perEpoch();
                familyColumns = String.format(Locale.ROOT, " %.3f | %.3f | %+.1f%% |", f, f / b, 100 * (f / b - 1));
                familyFixed = String.format(Locale.ROOT, "%.2f", family.fixed());
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %+.1f%% |%s %.2f, %.2f, %s |%n", c.name,
                    c.epochs, b, o, o / b, 100 * (o / b - 1), familyColumns, bare.fixed(), own.fixed(), familyFixed);
        }
    }

    /**
     * Trial times at the case's epochs and at one epoch, repetition by repetition: the marginal
     * cost of an epoch is their difference over the extra epochs, and what is left of the
     * one-epoch time is the fixed cost of a trial (building the network, releasing memory).
     */
    private static final class Timings {
        final List<Double> full = new ArrayList<>();
        final List<Double> one = new ArrayList<>();
        final List<Double> marginal = new ArrayList<>();

        void add(double fullSeconds, double oneEpochSeconds, int epochs) {
            full.add(fullSeconds);
            one.add(oneEpochSeconds);
            marginal.add((fullSeconds - oneEpochSeconds) / (epochs - 1));
        }

        double perEpoch() {
            return median(marginal);
        }

        double fixed() {
            return median(one) - perEpoch();
        }
    }

    /**
     * A small residual CNN: a same-padded convolution with stride 2 (28x28 to 14x14), a second one,
     * both added (the skip connection), pooled, dense, softmax.
     */
    static ComputationGraphConfiguration skipGraph() {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.convolutionalFlat(28, 28, 1))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).activation(Activation.RELU).build(), "pixels")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(), "conv1")
                .addVertex("skip", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv1", "conv2")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "skip")
                .addLayer("dense", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build();
    }

    private static DataSetIterator trainBatches(Case c, Splits data) {
        return data.train().trainingIterator(c.batchSize, SEED);
    }

    private static DataSetIterator validationBatches(Splits data) {
        return data.validation().iterator(VALIDATION_BATCH, 0);
    }

    /** Seconds for bare DL4J to build the network, then train and evaluate it for the given epochs. */
    private static double bare(Case c, Splits data, int epochs) {
        ImagePreProcessingScaler scaler = Normalizers.pixelsToUnitRange();
        DataSetIterator train = trainBatches(c, data);
        train.setPreProcessor(scaler);
        DataSetIterator validation = validationBatches(data);
        validation.setPreProcessor(scaler);
        long start = System.nanoTime();
        NetworkConfiguration conf = c.network.get();
        NeuralNetwork net = conf instanceof NetworkConfiguration.MultiLayer m ? multiLayer(m.configuration())
                : graph(((NetworkConfiguration.Graph) conf).configuration());
        double best = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            net.fit(train);
            Evaluation e = net instanceof MultiLayerNetwork m ? m.evaluate(validation) : ((ComputationGraph) net).evaluate(validation);
            best = Math.max(best, e.accuracy());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (best < 0.4) {
            throw new IllegalStateException("bare DL4J trained badly on " + c.name + ": accuracy " + best);
        }
        System.err.printf(Locale.ROOT, "  bare %s: best validation accuracy %.4f%n", c.name, best);
        return seconds;
    }

    private static MultiLayerNetwork multiLayer(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static ComputationGraph graph(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Seconds for one trial of a Dl4jObjective built from the same configuration and raw iterators. */
    private static double own(Case c, Splits data, int epochs) throws Exception {
        Dl4jObjective objective = Dl4jObjective.builder()
                .network(trial -> c.network.get())
                .train(trial -> trainBatches(c, data))
                .validation(validationBatches(data))
                .normalizer(Normalizers.pixelsToUnitRange())
                .metric(Metric.ACCURACY)
                .maxEpochs(epochs)
                .build();
        return timeOneTrial(c, objective, "Dl4jObjective");
    }

    /** Seconds for one trial of the built-in family with every hyperparameter fixed to the case's values. */
    private static double family(Case c, Splits data, int epochs) throws Exception {
        HyperParameters hp = c.hp;
        NetworkSpace.Builder space = NetworkSpace.builder(c.family)
                .fix("learning_rate", hp.learningRate()).fix("batch_size", c.batchSize)
                .fix("layers", c.family == Family.CNN ? hp.filters().size() : hp.units().size())
                .fix("units", hp.units().get(0)).fix("dropout", hp.dropout()).fix("updater", hp.updater())
                .fix("l2", hp.l2()).fix("activation", hp.activation());
        if (c.family == Family.CNN) {
            space.fix("filters", hp.filters().get(0)).fix("kernel", hp.kernel());
        }
        Path work = Files.createTempDirectory("throughput-");
        NetworkObjective objective = NetworkObjective.builder().space(space.build())
                .data(data.train(), data.validation()).normalizer(Normalizers.pixelsToUnitRange())
                .metric(Metric.ACCURACY).maxEpochs(epochs).workDir(work).build();
        return timeOneTrial(c, objective, "NetworkObjective");
    }

    private static double timeOneTrial(Case c, org.dl4jtuner.tuner.Objective objective, String kind) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).seed(1).build();
        long start = System.nanoTime();
        study.optimize(objective, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (study.trials(TrialState.COMPLETE).size() != 1 || study.bestValue() < 0.4) {
            throw new IllegalStateException(kind + "'s trial did not complete well: " + study.trials());
        }
        System.err.printf(Locale.ROOT, "  %s %s: best validation accuracy %.4f%n", kind, c.name, study.bestValue());
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
