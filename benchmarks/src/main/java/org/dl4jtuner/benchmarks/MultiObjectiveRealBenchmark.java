package org.dl4jtuner.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dl4jtuner.cli.run.ProgressDisplay;
import org.dl4jtuner.cli.run.RunOptions;
import org.dl4jtuner.cli.run.StudyRunner;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;
import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.ParetoTrials;
import org.dl4jtuner.tuner.sampler.Nsga2Sampler;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * Multi-objective pruning in real training: the study of {@code examples/fashion-cnn-multi.yaml}
 * (CNN validation accuracy, maximized, against the parameter count, minimized, networks above
 * 100,000 parameters infeasible; NSGA-II) run by the same {@link StudyRunner} that
 * {@code dl4j-tuner run} uses, once with the example's {@code pareto_asha} pruner and once with
 * no pruner ({@code max_epochs} kept), with the same seeds. The spec is the example's, changed only
 * in {@code study.seed}, {@code study.trials}, {@code study.parallel} (1: each study trains one
 * trial at a time), {@code study.storage} (a SQLite file under {@code benchmarks/target/mo-real},
 * kept for inspection) and, when {@code subset} is below 1, {@code data.subset}; no baseline
 * network, trials in this process. The studies run {@code processes} at a time, each on its own
 * thread (OMP_NUM_THREADS=1), a seed's two arms side by side.
 *
 * <p>Per study: epochs trained, the hypervolume of its final Pareto front (feasible complete
 * trials) against one fixed reference point shared by every study, CPU minutes of its epochs
 * ({@link Study#EPOCH_COSTS_ATTR}), wall-clock minutes, finished, complete and pruned trials; per
 * seed, the pruned arm's hypervolume and epochs as a fraction of the unpruned arm's, and the
 * epochs the unpruned arm had trained (trials in order) when its front first reached the pruned
 * arm's final hypervolume.
 *
 * <pre>{@code
 * benchmarks/run mo-real [seeds] [trials] [processes] [first-seed] [subset]     (defaults 2, 16, 2, 0, 1.0)
 * benchmarks/run mo-real 8 16 2 0 0.25 --pruners pareto_asha   (one arm only; the table then
 *                                                              also reads the other arm's stored studies)
 * benchmarks/run mo-real report     (the table of the studies stored so far, finished or not)
 * }</pre>
 */
public final class MultiObjectiveRealBenchmark {
    /**
     * The reference point in values: accuracy 0.5 (half of the ten classes' images right: every
     * network that learned the task counts, also the small, slowly trained ones of a data subset,
     * while chance level, 0.1, would let accuracy differences of a few points vanish in the volume)
     * and 100,000 parameters (the constraint's bound: no feasible network is larger).
     */
    static final double REFERENCE_ACCURACY = 0.5;
    static final double REFERENCE_PARAMETERS = 100_000;
    private static final String[] ARMS = {"none", "pareto_asha"};

    private MultiObjectiveRealBenchmark() {
    }

    /** One study's outcome. */
    record Outcome(String arm, long seed, List<FrozenTrial> trials, List<Direction> directions) {
        /** From the first trial's start to the last trial's end. */
        Duration took() {
            Instant first = trials.stream().map(FrozenTrial::start).filter(Objects::nonNull).min(Comparator.naturalOrder())
                    .orElse(Instant.EPOCH);
            Instant last = trials.stream().map(FrozenTrial::end).filter(Objects::nonNull).max(Comparator.naturalOrder())
                    .orElse(first);
            return Duration.between(first, last);
        }

        long epochs() {
            return trials.stream().mapToLong(t -> t.intermediateValues().size()).sum();
        }

        /** CPU minutes of the epochs (training and validation, this study's thread; one OpenMP thread). */
        double cpuMinutes() {
            double seconds = 0;
            for (FrozenTrial t : trials) {
                if (t.systemAttrs().get(Study.EPOCH_COSTS_ATTR) instanceof Map<?, ?> costs) {
                    for (Object epoch : costs.values()) {
                        seconds += ((Number) ((Map<?, ?>) epoch).get("cpu_s")).doubleValue();
                    }
                }
            }
            return seconds / 60;
        }

        /**
         * NSGA-II's recorded generation of each trial in number order (e.g. "0x8 1x8": eight trials of
         * generation 0, eight of generation 1), "-" for a trial without one.
         */
        String generations() {
            StringBuilder runs = new StringBuilder();
            String previous = null;
            int length = 0;
            for (FrozenTrial t : trials.stream().sorted(Comparator.comparingInt(FrozenTrial::number)).toList()) {
                Object g = t.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR);
                String current = g instanceof Number n ? Integer.toString(n.intValue()) : "-";
                if (current.equals(previous)) {
                    length++;
                    continue;
                }
                if (previous != null) {
                    runs.append(runs.length() > 0 ? " " : "").append(previous).append('x').append(length);
                }
                previous = current;
                length = 1;
            }
            if (previous != null) {
                runs.append(runs.length() > 0 ? " " : "").append(previous).append('x').append(length);
            }
            return runs.toString();
        }

        long count(TrialState state) {
            return trials.stream().filter(t -> t.state() == state).count();
        }

        double hypervolume() {
            return hypervolume(trials);
        }

        double hypervolume(List<FrozenTrial> some) {
            return ParetoTrials.hypervolume(ParetoTrials.front(some, directions), directions, reference());
        }

        /** Epochs trained (trials in number order) until the front first reached {@code target}; -1 if never. */
        long epochsTo(double target) {
            List<FrozenTrial> sorted = trials.stream().sorted(Comparator.comparingInt(FrozenTrial::number)).toList();
            long spent = 0;
            for (int i = 0; i < sorted.size(); i++) {
                spent += sorted.get(i).intermediateValues().size();
                if (hypervolume(sorted.subList(0, i + 1)) >= target * (1 - 1e-12)) {
                    return spent;
                }
            }
            return -1;
        }
    }

    /** The fixed reference point in losses (maximized objectives negated). */
    static double[] reference() {
        return new double[] {-REFERENCE_ACCURACY, REFERENCE_PARAMETERS};
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("benchmarks.dir", "benchmarks")).toAbsolutePath().getParent();
        Path example = root.resolve("examples/fashion-cnn-multi.yaml");
        Path work = root.resolve("benchmarks/target/mo-real");
        if (args.length > 0 && args[0].equals("report")) {
            print(stored(work));
            return;
        }
        List<String> arms = List.of(ARMS);
        List<String> positional = new ArrayList<>(Arrays.asList(args));
        int flag = positional.indexOf("--pruners");
        if (flag >= 0) {
            if (flag + 1 >= positional.size()) {
                throw new IllegalArgumentException("--pruners needs a comma-separated list of " + arms);
            }
            List<String> chosen = Arrays.asList(positional.get(flag + 1).split(","));
            for (String arm : chosen) {
                if (!arms.contains(arm)) {
                    throw new IllegalArgumentException("--pruners: unknown pruner '" + arm + "', expected one of " + arms);
                }
            }
            arms = chosen;
            positional.subList(flag, flag + 2).clear();
        }
        args = positional.toArray(String[]::new);
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int processes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int firstSeed = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        double subset = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "%s: %d trials per study, seeds %d..%d, %d studies at a time, data.subset %s;"
                + " reference point: accuracy %.3f, parameters %.0f%n", root.relativize(example), trials, firstSeed,
                firstSeed + seeds - 1, processes, subset, REFERENCE_ACCURACY, REFERENCE_PARAMETERS);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        List<Future<Outcome>> futures = new ArrayList<>();
        try {
            // a seed's two arms side by side, seed after seed: finished seeds are complete pairs
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                for (String arm : arms) {
                    long s = seed;
                    futures.add(pool.submit(() -> run(example, work, arm, s, trials, subset)));
                }
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            if (arms.size() < ARMS.length) {
                // the other arm's studies of the same seeds, as stored by an earlier run
                for (Outcome o : stored(work)) {
                    if (!arms.contains(o.arm()) && o.seed() >= firstSeed && o.seed() < firstSeed + seeds) {
                        if (o.trials().size() != trials) {
                            // an unfinished study, or one of another size: its row is no like-for-like comparison
                            System.out.printf(Locale.ROOT, "warning: the stored %s study of seed %d holds %d trials,"
                                    + " not the %d asked here%n", o.arm(), o.seed(), o.trials().size(), trials);
                        }
                        outcomes.add(o);
                    }
                }
            }
            print(outcomes);
        } finally {
            pool.shutdown();
        }
    }

    /** The studies stored in {@code work} (finished or not), for {@code mo-real report}. */
    private static List<Outcome> stored(Path work) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        try (var files = Files.list(work)) {
            for (Path db : files.filter(f -> f.getFileName().toString().matches("mo-real-.*\\.db")).sorted().toList()) {
                String name = db.getFileName().toString().replace(".db", "");
                String[] parts = name.substring("mo-real-".length()).split("-");
                outcomes.add(load(db, name, parts[0], Long.parseLong(parts[1])));
            }
        }
        return outcomes;
    }

    private static Outcome load(Path db, String name, String arm, long seed) {
        try (Storage storage = Storages.open("sqlite:" + db)) {
            StudyRecord record = storage.findStudy(name).orElseThrow();
            return new Outcome(arm, seed, storage.trials(record.id(), EnumSet.allOf(TrialState.class)),
                    List.of(Direction.MAXIMIZE, Direction.MINIMIZE));
        }
    }

    private static Outcome run(Path example, Path work, String arm, long seed, int trials, double subset)
            throws IOException {
        String name = "mo-real-" + arm + "-" + seed;
        Path db = work.resolve(name + ".db");
        for (String suffix : List.of("", "-shm", "-wal")) {
            Files.deleteIfExists(work.resolve(name + ".db" + suffix));
        }
        Map<String, Object> document = new LinkedHashMap<>(StudySpecParser.read(example));
        Map<String, Object> study = new LinkedHashMap<>(section(document, "study"));
        study.put("seed", seed);
        study.put("trials", trials);
        study.put("parallel", 1);
        study.put("name", name);
        study.put("storage", "sqlite:" + db);
        document.put("study", study);
        if (subset < 1) {
            Map<String, Object> data = new LinkedHashMap<>(section(document, "data"));
            data.put("subset", subset);
            document.put("data", data);
        }
        if (arm.equals("none")) {
            document.put("pruner", Map.of("type", "none", "max_epochs", section(document, "pruner").get("max_epochs")));
        }
        StudySpec spec = StudySpecParser.parse(document, example);
        RunOptions options = new RunOptions(false, false, 0, null, 10, work.resolve(name + "-networks"),
                RunOptions.Isolation.NEVER, List.of(), false, ProgressDisplay.Mode.LINES, List.of(), List.of());
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(work.resolve(name + ".log"),
                StandardCharsets.UTF_8), true)) {
            new StudyRunner(spec, log, options).run();
        }
        Outcome outcome = load(db, name, arm, seed);
        System.out.printf(Locale.ROOT, "done: %s seed %d in %.1f min: %d epochs, hypervolume %.1f, %d complete,"
                + " %d pruned, %d failed%n", arm, seed, outcome.took().toSeconds() / 60.0, outcome.epochs(),
                outcome.hypervolume(), outcome.count(TrialState.COMPLETE), outcome.count(TrialState.PRUNED),
                outcome.count(TrialState.FAIL));
        return outcome;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> document, String key) {
        return (Map<String, Object>) document.get(key);
    }

    private static void print(List<Outcome> outcomes) {
        System.out.println();
        System.out.println("| seed | pruner | epochs | epochs vs none | hypervolume | hypervolume vs none |"
                + " unpruned epochs to this hypervolume | CPU minutes | wall minutes | finished trials | complete | pruned |"
                + " front size |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Map<Long, Outcome> none = new LinkedHashMap<>();
        outcomes.stream().filter(o -> o.arm().equals("none")).forEach(o -> none.put(o.seed(), o));
        List<Double> epochRatios = new ArrayList<>();
        List<Double> hvRatios = new ArrayList<>();
        for (Outcome o : outcomes.stream().sorted(Comparator.comparingLong(Outcome::seed)
                .thenComparing(Outcome::arm, Comparator.reverseOrder())).toList()) {
            Outcome base = none.getOrDefault(o.seed(), o);
            double epochRatio = (double) o.epochs() / base.epochs();
            double hvRatio = o.hypervolume() / base.hypervolume() - 1;
            if (o.arm().equals("pareto_asha")) {
                epochRatios.add(epochRatio);
                hvRatios.add(hvRatio);
            }
            long to = base.epochsTo(o.hypervolume());
            System.out.printf(Locale.ROOT, "| %d | %s | %d | %.0f%% | %.1f | %+.2f%% | %s | %.1f | %.1f | %d | %d | %d | %d |%n",
                    o.seed(), o.arm(), o.epochs(), 100 * epochRatio, o.hypervolume(), 100 * hvRatio,
                    to < 0 ? "not reached" : Long.toString(to), o.cpuMinutes(), o.took().toSeconds() / 60.0,
                    o.trials().stream().filter(FrozenTrial::isFinished).count(), o.count(TrialState.COMPLETE),
                    o.count(TrialState.PRUNED),
                    ParetoTrials.front(o.trials(), o.directions()).size());
        }
        System.out.printf(Locale.ROOT, "%npareto_asha against none, median over seeds: epochs %.0f%%, hypervolume %+.2f%%%n",
                100 * median(epochRatios), 100 * median(hvRatios));
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "generations of %s seed %d: %s%n", o.arm(), o.seed(), o.generations());
        }
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "front of %s seed %d: %s%n", o.arm(), o.seed(),
                    ParetoTrials.front(o.trials(), o.directions()).stream()
                            .map(t -> String.format(Locale.ROOT, "#%d (%.4f, %.0f)", t.number(), t.values()[0],
                                    t.values()[1]))
                            .toList());
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN
                : (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }
}
