package org.dl4jtuner.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.HyperParameters;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkFactory;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.util.Seeds;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * A trial's training throughput against bare DL4J on the same network and data: bare DL4J is
 * {@code net.fit(batches)} then {@code net.evaluate(validation)} per epoch; the tuner is one trial
 * of a study whose objective is a {@link NetworkObjective} with every hyperparameter fixed to the
 * same values (so it also reports, checks the pruner, keeps the best epoch's weights, writes the
 * best network and releases memory). Runs alternate, after one warm-up of each.
 */
public final class TrainingThroughput {
    private TrainingThroughput() {
    }

    private record Case(String name, Family family, HyperParameters hp, int epochs) {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Splits data = DataSplitter.split(FashionMnist.bundledSubset().train(), 0.2, 0, 42);
        List<Case> all = List.of(
                new Case("cnn 1x16 filters, dense 64", Family.CNN,
                        new HyperParameters(1e-3, 64, List.of(64), List.of(16), 3, 0.0, "adam", 0.0, "relu"), 3),
                new Case("mlp 2x128", Family.MLP,
                        new HyperParameters(1e-3, 64, List.of(128, 128), List.of(), 0, 0.0, "adam", 0.0, "relu"), 5));
        List<Case> cases = args.length > 1 ? all.stream().filter(c -> c.name.startsWith(args[1])).toList() : all;
        System.out.printf(Locale.ROOT, "Training throughput, %d training and %d validation Fashion-MNIST images, "
                + "OMP_NUM_THREADS=%s, %d alternating repetitions after one warm-up each%n%n", data.train().size(),
                data.validation().size(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), repetitions);
        System.out.println("| network | epochs | bare DL4J s/epoch (median) | tuner trial s/epoch (median) | tuner / bare | overhead |");
        System.out.println("|---|---|---|---|---|---|");
        for (Case c : cases) {
            bare(c, data);
            tuner(c, data);
            List<Double> bare = new ArrayList<>();
            List<Double> tuner = new ArrayList<>();
            for (int r = 0; r < repetitions; r++) {
                bare.add(bare(c, data) / c.epochs);
                tuner.add(tuner(c, data) / c.epochs);
            }
            double b = median(bare);
            double t = median(tuner);
            System.err.printf(Locale.ROOT, "%s: bare %s, tuner %s (s/epoch per repetition)%n", c.name, bare, tuner);
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %+.1f%% |%n", c.name, c.epochs, b, t, t / b,
                    100 * (t / b - 1));
        }
    }

    /** Seconds for bare DL4J to train and evaluate c.epochs epochs. */
    private static double bare(Case c, Splits data) {
        long seed = Seeds.derive(1, 0);
        long start = System.nanoTime();
        MultiLayerNetwork net = NetworkFactory.build(c.family, c.hp, data.train().featureShape(),
                data.train().numClasses(), data.train().task(), seed);
        double accuracy = 0;
        for (int epoch = 1; epoch <= c.epochs; epoch++) {
            net.fit(data.train().iterator(c.hp.batchSize(), Seeds.derive(seed, epoch)));
            Evaluation e = net.evaluate(data.validation().iterator(512, 0));
            accuracy = e.accuracy();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (accuracy < 0.5) {
            throw new IllegalStateException("bare DL4J trained badly: accuracy " + accuracy);
        }
        return seconds;
    }

    /** Seconds for one tuner trial of the same network. */
    private static double tuner(Case c, Splits data) throws Exception {
        NetworkSpace.Builder space = NetworkSpace.builder(c.family)
                .fix("learning_rate", c.hp.learningRate()).fix("batch_size", c.hp.batchSize())
                .fix("layers", c.family == Family.CNN ? c.hp.filters().size() : c.hp.units().size())
                .fix("units", c.hp.units().get(0)).fix("dropout", c.hp.dropout()).fix("updater", c.hp.updater())
                .fix("l2", c.hp.l2()).fix("activation", c.hp.activation());
        if (c.family == Family.CNN) {
            space.fix("filters", c.hp.filters().get(0)).fix("kernel", c.hp.kernel());
        }
        Path work = Files.createTempDirectory("throughput-");
        NetworkObjective objective = NetworkObjective.builder().space(space.build()).data(data.train(), data.validation())
                .metric(Metric.ACCURACY).maxEpochs(c.epochs).workDir(work).build();
        Study study = Study.builder().direction(Direction.MAXIMIZE).seed(1).build();
        long start = System.nanoTime();
        study.optimize(objective, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (study.trials(TrialState.COMPLETE).size() != 1 || study.bestValue() < 0.5) {
            throw new IllegalStateException("the tuner's trial did not complete well: " + study.trials());
        }
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
