package org.dl4jtuner.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.Normalizers;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Trials per hour of a fixed Fashion-MNIST CNN (the CNN family, 1x16 filters of 3x3, dense 64,
 * batch 64, Adam 1e-3; the bundled subset's 4,000 training and 1,000 validation images) run in
 * four ways:
 * <ol type="a">
 *   <li>one trial at a time, {@code OMP_NUM_THREADS=2};</li>
 *   <li>one trial at a time, {@code OMP_NUM_THREADS=1};</li>
 *   <li>two trials at a time in one JVM ({@code study.optimize(objective, budget, 2)}),
 *       {@code OMP_NUM_THREADS=1}: what the command line chooses on 2 cores;</li>
 *   <li>as (c), with {@code Study.builder().reproducible(4)}.</li>
 * </ol>
 * ND4J reads {@code OMP_NUM_THREADS} when it loads, so each configuration runs in a child JVM
 * (this class's {@code main} again, with the current JVM's java binary, options and class path)
 * with its own environment. A child warms up with as many trials as it runs at a time, then times
 * a fresh study of {@code trials} trials. Repetitions run the configurations in turn, in reverse
 * order every other time, so slow drift of the machine spreads over all of them.
 *
 * <p>With {@code uneven}, a seeded half of the trials trains twice the epochs, so parallel trials
 * end at different times and a reproducible study sometimes waits.
 */
public final class ParallelThroughput {
    private static final long SEED = 12345;
    private static final String RESULT = "RESULT ";

    private ParallelThroughput() {
    }

    /** One way to run trials. */
    private record Config(String label, String description, int ompThreads, int parallel, int lag) {
    }

    private static final List<Config> CONFIGS = List.of(
            new Config("a", "1 trial at a time, OMP_NUM_THREADS=2", 2, 1, -1),
            new Config("b", "1 trial at a time, OMP_NUM_THREADS=1", 1, 1, -1),
            new Config("c", "2 parallel trials, OMP_NUM_THREADS=1", 1, 2, -1),
            new Config("d", "2 parallel trials, OMP_NUM_THREADS=1, reproducible(4)", 1, 2, 4));

    /**
     * {@code [repetitions] [trials] [epochs] [uneven]}, or {@code waiting [trials] [epoch-millis]} for
     * {@link ReproducibleWaiting}, or {@code child PARALLEL LAG TRIALS EPOCHS UNEVEN} in a child JVM.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("waiting")) {
            ReproducibleWaiting.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("child")) {
            child(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Boolean.parseBoolean(args[5]));
            return;
        }
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        boolean uneven = args.length > 3 && args[3].equals("uneven");
        List<Config> configs = uneven ? CONFIGS.subList(1, CONFIGS.size()) : CONFIGS;
        List<List<Double>> perHour = new ArrayList<>();
        configs.forEach(c -> perHour.add(new ArrayList<>()));
        double load = 0;
        for (int r = 0; r < repetitions; r++) {
            for (int k = 0; k < configs.size(); k++) {
                int i = r % 2 == 0 ? k : configs.size() - 1 - k;
                Config c = configs.get(i);
                double seconds = runChild(c, trials, epochs, uneven);
                double rate = trials * 3600 / seconds;
                perHour.get(i).add(rate);
                double now = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                load = Math.max(load, now);
                System.err.printf(Locale.ROOT, "repetition %d, (%s): %d trials in %.1f s, %.1f trials/h; load average"
                        + " %.2f%n", r + 1, c.label, trials, seconds, rate, now);
            }
        }
        System.out.printf(Locale.ROOT, "Trials per hour, CNN family (1x16 filters of 3x3, dense 64, batch 64) on %s,"
                + " %d trials of %s per configuration after a warm-up, %d alternating repetitions, %d cores;"
                + " median (min to max); highest 1-minute load average seen %.2f%n%n",
                "4,000 training and 1,000 validation Fashion-MNIST images", trials,
                uneven ? epochs + " epochs, a seeded half of them " + 2 * epochs : epochs + " epochs", repetitions,
                Runtime.getRuntime().availableProcessors(), load);
        System.out.println("| configuration | trials/hour | min to max | vs (a) | vs (b) |");
        System.out.println("|---|---|---|---|---|");
        Double a = uneven ? null : median(perHour.get(0));
        double b = median(perHour.get(uneven ? 0 : 1));
        for (int i = 0; i < configs.size(); i++) {
            Config c = configs.get(i);
            double m = median(perHour.get(i));
            System.out.printf(Locale.ROOT, "| (%s) %s | %.1f | %.1f to %.1f | %s | %.2fx |%n", c.label, c.description, m,
                    Collections.min(perHour.get(i)), Collections.max(perHour.get(i)),
                    a == null ? "-" : String.format(Locale.ROOT, "%.2fx", m / a), m / b);
        }
    }

    /** Runs one configuration in a child JVM with its environment; returns the timed seconds. */
    private static double runChild(Config c, int trials, int epochs, boolean uneven) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ParallelThroughput.class.getName());
        command.addAll(List.of("child", String.valueOf(c.parallel), String.valueOf(c.lag), String.valueOf(trials),
                String.valueOf(epochs), String.valueOf(uneven)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OMP_NUM_THREADS", String.valueOf(c.ompThreads));
        Process process = builder.start();
        Double seconds = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    seconds = Double.parseDouble(line.substring(RESULT.length()).trim());
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || seconds == null) {
            throw new IllegalStateException("configuration (" + c.label + ") ended with exit code " + exit
                    + (seconds == null ? " and no result" : ""));
        }
        return seconds;
    }

    /** In the child JVM: warm up, then time {@code trials} trials, {@code parallel} at a time. */
    private static void child(int parallel, int lag, int trials, int epochs, boolean uneven) throws Exception {
        Splits data = DataSplitter.split(FashionMnist.bundledSubset().train(), 0.2, 0, 42);
        Objective shortTrial = objective(data, epochs);
        Objective longTrial = uneven ? objective(data, 2 * epochs) : shortTrial;
        Objective objective = trial -> (uneven && isLong(trial.number()) ? longTrial : shortTrial).evaluate(trial);
        run(shortTrial, parallel, lag, parallel);
        long start = System.nanoTime();
        run(objective, trials, lag, parallel);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(RESULT + seconds);
    }

    /** Whether trial {@code number} of the uneven variant trains the double epochs: a seeded half of them. */
    private static boolean isLong(int number) {
        return Math.floorMod(Seeds.derive(SEED, number), 2) == 1;
    }

    private static void run(Objective objective, int trials, int lag, int parallel) {
        Study.Builder builder = Study.builder().direction(Direction.MAXIMIZE).seed(SEED);
        if (lag >= 0) {
            builder.reproducible(lag);
        }
        Study study = builder.build();
        study.optimize(objective, trials, parallel);
        if (study.trials(TrialState.COMPLETE).size() != trials || study.bestValue() < 0.4) {
            throw new IllegalStateException("the trials did not complete well: " + study.trials());
        }
    }

    private static Objective objective(Splits data, int epochs) throws Exception {
        NetworkSpace space = NetworkSpace.builder(Family.CNN)
                .fix("learning_rate", 1e-3).fix("batch_size", 64).fix("layers", 1).fix("units", 64)
                .fix("dropout", 0.0).fix("updater", "adam").fix("l2", 0.0).fix("activation", "relu")
                .fix("filters", 16).fix("kernel", 3)
                .build();
        Path work = Files.createTempDirectory("parallel-");
        return NetworkObjective.builder().space(space).data(data.train(), data.validation())
                .normalizer(Normalizers.pixelsToUnitRange()).metric(Metric.ACCURACY).maxEpochs(epochs).workDir(work)
                .build();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
