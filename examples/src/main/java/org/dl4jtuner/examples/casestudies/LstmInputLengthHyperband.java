package org.dl4jtuner.examples.casestudies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.dl4jtuner.datasets.DataPreparation;
import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * Case study 7.4: Hyperband over the learning rate and the maximum input length of a sequence
 * model. An LSTM reads each Fashion-MNIST image as a sequence of 28 rows and sees only the first
 * {@code max_length} of them ({@link TruncatedSequenceLstm}), the way a summarizer sees only the
 * first tokens of a document. The baseline is the default: Adam's learning rate 0.001 and the whole
 * sequence, trained for the full epoch budget; the search is random sampling with asynchronous
 * Hyperband (brackets of successive halving over 1, 3 and 9 epochs). Images come from Debian's
 * dataset-fashion-mnist; nothing is downloaded.
 *
 * <pre>
 * examples/case-studies/7.4-lstm-length-hyperband/run [--quick] [--seed N]
 * </pre>
 */
public final class LstmInputLengthHyperband {
    private static final String METRIC = "accuracy";

    private LstmInputLengthHyperband() {
    }

    /** What the book calls the default settings: Adam's default rate, the whole input. */
    static Map<String, ParameterSpace> defaults(int steps) {
        Map<String, ParameterSpace> space = new LinkedHashMap<>();
        space.put("learning_rate", ParameterSpace.fixed(1e-3));
        space.put("max_length", ParameterSpace.fixed(steps));
        return space;
    }

    /** The searched space: learning rate log-uniform, maximum input length from a seventh of the rows to all. */
    static Map<String, ParameterSpace> searched(int steps) {
        Map<String, ParameterSpace> space = new LinkedHashMap<>();
        space.put("learning_rate", ParameterSpace.logUniform(1e-4, 3e-2));
        space.put("max_length", ParameterSpace.intRange(Math.max(1, steps / 7), steps));
        return space;
    }

    public static void main(String[] args) throws Exception {
        CaseStudyArgs options = CaseStudyArgs.parseOrExit(args,
                "7.4's pruner is Hyperband, the method the case study shows");
        long seed = options.seed();
        boolean quick = options.quick();
        Instant start = Instant.now();
        PreparedData data = DataPreparation.prepare(
                DataSource.fashionMnist(FashionMnist.SYSTEM_DIR).withSubset(quick ? 0.02 : 0.05), true, seed);
        LabeledData test = quick ? data.test().subsetFraction(0.2, seed) : data.test();
        int steps = data.firstFold().train().featureShape()[1];
        System.out.printf(Locale.ROOT, "fashion-mnist rows as sequences: %d training, %d validation, %d test,"
                + " %d steps of %d pixels (seed %d)%n", data.firstFold().train().size(),
                data.firstFold().validation().size(), test.size(), steps,
                data.firstFold().train().featureShape()[0], seed);

        Path work = Files.createTempDirectory("case-study-7.4-");   // checkpoints; deleted at the end
        try {
            run(options, data, test, steps, work, start);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(CaseStudyArgs options, PreparedData data, LabeledData test, int steps, Path work,
            Instant start) {
        long seed = options.seed();
        int maxEpochs = options.quick() ? 3 : 9;
        int trials = options.quick() ? 5 : 30;
        Instant baselineStart = Instant.now();
        Study defaultsOnly = study(seed, Pruners.none());
        Outcome baseline = outcome(defaultsOnly, objective(defaults(steps), data, maxEpochs, work.resolve("baseline")),
                1, test);
        System.out.printf(Locale.ROOT, "baseline: %d epochs in %d s, validation accuracy by epoch %s%n", maxEpochs,
                Duration.between(baselineStart, Instant.now()).toSeconds(), curve(defaultsOnly.trials().get(0)));

        Study study = study(seed, Pruners.hyperband(1, maxEpochs, 3));
        Outcome tuned = outcome(study, objective(searched(steps), data, maxEpochs, work.resolve("search")), trials,
                test);
        long epochs = study.trials().stream().mapToLong(t -> t.intermediateValues().size()).sum();
        System.out.println(BeforeAfter.table(METRIC, "validation", baseline, tuned));
        System.out.printf(Locale.ROOT, "epochs: %d of %d (hyperband, %d of %d trials stopped early)%n", epochs,
                (long) trials * maxEpochs, study.trials(TrialState.PRUNED).size(), trials);
        System.out.println(BeforeAfter.line("7.4 lstm fashion-mnist rows", METRIC, baseline, tuned,
                String.format(Locale.ROOT, "random + hyperband %d trials, %d epochs", trials, epochs),
                Duration.between(start, Instant.now())));
    }

    private static Study study(long seed, Pruner pruner) {
        return Study.builder().name("7.4-lstm-input-length").direction(Direction.MAXIMIZE)
                .sampler(Samplers.random(seed)).pruner(pruner).seed(seed).build();
    }

    private static NetworkObjective objective(Map<String, ParameterSpace> space, PreparedData data, int maxEpochs,
            Path work) {
        return NetworkObjective.builder().custom(new TruncatedSequenceLstm(), space).data(data)
                .metric(Metric.ACCURACY).maxEpochs(maxEpochs).workDir(work).build();
    }

    private static String curve(FrozenTrial trial) {
        return trial.intermediateValues().values().stream().map(v -> String.format(Locale.ROOT, "%.3f", v))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** Runs the study, then scores its best network (best epoch's weights) on the test part. */
    private static Outcome outcome(Study study, NetworkObjective objective, int trials, LabeledData test) {
        study.optimize(objective, trials);
        FrozenTrial best = study.bestTrial();
        Map<String, Object> params = new LinkedHashMap<>();
        Object used = best.userAttrs().get(NetworkObjective.HYPERPARAMETERS_ATTR);
        if (used instanceof Map<?, ?> values) {
            values.forEach((k, v) -> params.put(String.valueOf(k), v));
        }
        params.put("best_epoch", best.userAttrs().get(NetworkObjective.BEST_EPOCH_ATTR));
        return new Outcome(params, best.value(), objective.evaluateBest(test).get(Metric.ACCURACY));
    }
}
