package org.dl4jtuner.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;

/**
 * W asynchronous workers replaying a learning-curve table in simulated time, the measure the ASHA
 * and Syne Tune papers use: each epoch costs its recorded CPU seconds, a worker that finishes or
 * prunes a trial asks for the next one at once, and the study sees reports and results in the order
 * of simulated time. One thread drives it, so it is deterministic for a seed.
 *
 * <pre>
 * benchmarks/run simulate [table] [trials] [seeds] [target]
 * </pre>
 */
final class WallClockSimulation {
    private static final int[] WORKERS = {1, 4, 16, 64};

    /** A run: when the best complete trial improved (simulated seconds, value), trials finished, time it took. */
    record Run(List<double[]> improvements, int trials, double seconds) {
        double timeTo(double target) {
            for (double[] i : improvements) {
                if (i[1] >= target - 1e-9) {
                    return i[0];
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        double bestAt(double seconds) {
            double best = Double.NaN;
            for (double[] i : improvements) {
                if (i[0] <= seconds) {
                    best = i[1];
                }
            }
            return best;
        }
    }

    private record Event(double time, long order, Trial trial, CurveTable.Curve curve, int epoch) {
    }

    private WallClockSimulation() {
    }

    /** Runs {@code trials} trials of the table on {@code workers} simulated workers. */
    static Run run(CurveTable table, Sampler sampler, Pruner pruner, int workers, int trials, long seed) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler).pruner(pruner).seed(seed).build();
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time ? Double.compare(a.time, b.time)
                : Long.compare(a.order, b.order));
        long[] order = {0};
        int started = 0;
        for (; started < Math.min(workers, trials); started++) {
            events.add(first(study, table, 0, order[0]++));
        }
        List<double[]> improvements = new ArrayList<>();
        int finished = 0;
        double now = 0;
        int epochs = table.epochs();
        while (!events.isEmpty()) {
            Event e = events.poll();
            now = e.time;
            double value = e.curve.values()[e.epoch - 1];
            e.trial.report(e.epoch, value);
            boolean last = e.epoch == epochs;
            if (!last && !e.trial.shouldPrune()) {
                events.add(new Event(now + e.curve.cpuSeconds()[e.epoch], order[0]++, e.trial, e.curve, e.epoch + 1));
                continue;
            }
            if (last) {
                study.tell(e.trial, value);
                if (improvements.isEmpty() || value > improvements.get(improvements.size() - 1)[1]) {
                    improvements.add(new double[] {now, value});
                }
            } else {
                study.tell(e.trial, TrialState.PRUNED);
            }
            finished++;
            if (started < trials) {
                started++;
                events.add(first(study, table, now, order[0]++));
            }
        }
        return new Run(improvements, finished, now);
    }

    private static Event first(Study study, CurveTable table, double now, long order) {
        Trial trial = study.ask();
        CurveTable.Curve curve = table.curve(trial);
        return new Event(now + curve.cpuSeconds()[0], order, trial, curve, 1);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("benchmarks.dir", "benchmarks"));
        Path file = args.length > 0 ? Path.of(args[0])
                : dir.resolveSibling("../shared/benchmarks/digits-mlp-lc/lc_table.csv.gz").normalize();
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean digits = file.getFileName().toString().equals("lc_table.csv.gz")
                && file.toString().contains("digits-mlp-lc");
        CurveTable table = CurveTable.load(file, digits ? List.of("lr_idx", "alpha_idx", "width_idx", "depth", "bs_idx")
                : null);
        int epochs = table.epochs();
        // the target: given, else the median best final accuracy of TPE without pruning on one worker
        double target = args.length > 3 ? Double.parseDouble(args[3]) : Double.NaN;
        if (Double.isNaN(target)) {
            double[] best = new double[seeds];
            for (int seed = 0; seed < seeds; seed++) {
                best[seed] = run(table, Samplers.tpe(seed), Pruners.none(), 1, trials, seed).bestAt(Double.POSITIVE_INFINITY);
            }
            Arrays.sort(best);
            target = median(best);
        }
        Map<String, IntFunction<Pruner>> pruners = new LinkedHashMap<>();
        pruners.put("none", w -> Pruners.none());
        pruners.put("auto", w -> Pruners.auto(1, epochs));
        pruners.put("asha", w -> Pruners.successiveHalving(1, epochs, 3));
        pruners.put("hyperband", w -> Pruners.hyperband(1, epochs, 3));
        LongFunction<Sampler> tpe = seed -> org.dl4jtuner.tuner.sampler.TpeSampler.builder(seed).constantLiar(true).build();
        Map<String, LongFunction<Sampler>> samplers = Map.of("tpe", tpe, "random", Samplers::random);
        System.out.printf(Locale.ROOT, "%s: %d configurations x %d epochs; %d trials per run, %d seeds; epoch costs are the"
                + " table's CPU seconds; TPE with the constant liar; target %.4f%n%n", file.getFileName(), table.size(),
                epochs, trials, seeds, target);
        System.out.println("| sampler + pruner | workers | simulated seconds, median | trials per simulated hour"
                + " | best final at the end, median | seeds reaching the target | seconds to the target, median"
                + " | speed-up over 1 worker |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String samplerName : List.of("tpe", "random")) {
            for (Map.Entry<String, IntFunction<Pruner>> p : pruners.entrySet()) {
                double oneWorker = Double.NaN;
                for (int w : WORKERS) {
                    List<Run> runs = new ArrayList<>();
                    for (int seed = 0; seed < seeds; seed++) {
                        runs.add(run(table, samplers.get(samplerName).apply(seed), p.getValue().apply(w), w, trials, seed));
                    }
                    double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
                    double[] perHour = runs.stream().mapToDouble(r -> r.trials() / (r.seconds() / 3600)).sorted().toArray();
                    double[] best = runs.stream().mapToDouble(r -> r.bestAt(Double.POSITIVE_INFINITY)).sorted().toArray();
                    final double goal = target;
                    double[] toTarget = runs.stream().mapToDouble(r -> r.timeTo(goal)).sorted().toArray();
                    long reached = Arrays.stream(toTarget).filter(Double::isFinite).count();
                    double median = toTarget[(toTarget.length - 1) / 2];
                    if (w == 1) {
                        oneWorker = median;
                    }
                    System.out.printf(Locale.ROOT, "| %s+%s | %d | %,.1f | %,.0f | %.4f | %d/%d | %s | %s |%n", samplerName,
                            p.getKey(), w, median(seconds), median(perHour), median(best), reached, seeds,
                            Double.isFinite(median) ? String.format(Locale.ROOT, "%,.1f", median) : "not reached by half",
                            Double.isFinite(median) && Double.isFinite(oneWorker)
                                    ? String.format(Locale.ROOT, "%.1fx", oneWorker / median) : "-");
                }
            }
        }
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : SamplerBenchmark.quantile(sorted, 0.5);
    }
}
