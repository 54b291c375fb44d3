package org.dl4jtuner.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.schedule.RungJobs;
import org.dl4jtuner.tuner.schedule.Scheduler;

/**
 * W asynchronous workers replaying a learning-curve table in simulated time, the measure the ASHA
 * and Syne Tune papers use: each epoch costs its recorded CPU seconds, and the study sees reports
 * and results in the order of simulated time. One thread drives it, so it is deterministic for a
 * seed.
 *
 * <p>A stopping pruner ({@link #run}) is asked after every epoch; a worker whose trial finishes or
 * is pruned asks the study for the next trial at once. A scheduler ({@link #scheduled}) decides
 * through {@link Scheduler#jobs}, the decisions {@link Study#optimizeResumable} makes: a free
 * worker takes the scheduler's next job (resume a paused trial from its checkpoint, its curve going
 * on at the next epoch and costing only the epochs still to train, or start a new one) and, when
 * there is none for now, waits until another worker's job ends.
 *
 * <pre>
 * benchmarks/run simulate [table] [trials] [seeds] [target] [row-regex]
 * </pre>
 */
final class WallClockSimulation {
    private static final int[] WORKERS = {1, 4, 16, 64};

    /** A stretch of simulated time one worker spent training {@code trial} from epoch {@code fromEpoch} to {@code toEpoch}. */
    record Span(int trial, double start, double end, int fromEpoch, int toEpoch) {
    }

    /**
     * A run: when the best complete trial improved (simulated seconds, value), trials it started,
     * the simulated time it took, and what each worker trained when.
     */
    record Run(List<double[]> improvements, int trials, double seconds, List<Span> spans) {
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

    /** The end of epoch {@code epoch} of a trial a worker trains, begun at {@code started}. */
    private record Event(double time, long order, Trial trial, CurveTable.Curve curve, int epoch, double started,
            int fromEpoch, RungJobs.Job job) {
    }

    /** A row of the table: a sampler with a pruner that stops trials, or with a scheduler that pauses them. */
    private record Row(String name, LongFunction<Sampler> sampler, IntFunction<Pruner> pruner, boolean scheduled) {
    }

    private static final Comparator<Event> IN_TIME = (a, b) -> a.time != b.time ? Double.compare(a.time, b.time)
            : Long.compare(a.order, b.order);

    private WallClockSimulation() {
    }

    /** Runs {@code trials} trials of the table on {@code workers} simulated workers, asking {@code pruner} after every epoch. */
    static Run run(CurveTable table, Sampler sampler, Pruner pruner, int workers, int trials, long seed) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler).pruner(pruner).seed(seed).build();
        PriorityQueue<Event> events = new PriorityQueue<>(IN_TIME);
        long[] order = {0};
        int started = 0;
        for (; started < Math.min(workers, trials); started++) {
            events.add(first(study, table, 0, order[0]++));
        }
        List<double[]> improvements = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
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
                events.add(next(e, order[0]++));
                continue;
            }
            if (last) {
                study.tell(e.trial, value);
                improve(improvements, now, value);
            } else {
                study.tell(e.trial, TrialState.PRUNED);
            }
            spans.add(new Span(e.trial.number(), e.started, now, 1, e.epoch));
            finished++;
            if (started < trials) {
                started++;
                events.add(first(study, table, now, order[0]++));
            }
        }
        return new Run(improvements, finished, now, spans);
    }

    /**
     * Runs {@code scheduler} on {@code workers} simulated workers, {@code trials} new trials at most
     * ({@code Budget.trials(trials)}, as {@code optimizeResumable} counts them: promotions go on once
     * they are started), taking its jobs as {@link Study#optimizeResumable} does.
     */
    static Run scheduled(CurveTable table, Sampler sampler, Scheduler scheduler, int workers, int trials, long seed) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler).pruner(scheduler).seed(seed).build();
        RungJobs jobs = scheduler.jobs(study, Budget.trials(trials)).orElseThrow(() -> new IllegalArgumentException(
                scheduler.name() + " decides whole brackets, not job by job; simulate it as a stopping pruner"));
        Map<Integer, CurveTable.Curve> curves = new HashMap<>();
        PriorityQueue<Event> events = new PriorityQueue<>(IN_TIME);
        long[] order = {0};
        List<double[]> improvements = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        int busy = take(jobs, workers, 0, table, curves, events, 0, order);
        double now = 0;
        int epochs = table.epochs();
        while (!events.isEmpty()) {
            Event e = events.poll();
            now = e.time;
            double value = e.curve.values()[e.epoch - 1];
            e.trial.report(e.epoch, value);
            if (e.epoch < e.job.resource()) {
                events.add(next(e, order[0]++));
                continue;
            }
            boolean finished = jobs.record(e.job, value);
            jobs.settle(e.job, finished);
            spans.add(new Span(e.trial.number(), e.started, now, e.fromEpoch, e.epoch));
            if (finished && e.epoch == epochs && e.trial.frozen().state() == TrialState.COMPLETE) {
                improve(improvements, now, value);
            }
            busy = take(jobs, workers, busy - 1, table, curves, events, now, order);
        }
        jobs.end();
        return new Run(improvements, study.trials().size(), now, spans);
    }

    /** Free workers take the scheduler's next jobs until all are busy or there is none for now; returns the busy workers. */
    private static int take(RungJobs jobs, int workers, int busy, CurveTable table, Map<Integer, CurveTable.Curve> curves,
            PriorityQueue<Event> events, double now, long[] order) {
        for (Optional<RungJobs.Job> job = busy < workers ? jobs.next() : Optional.empty(); job.isPresent();
                job = busy < workers ? jobs.next() : Optional.empty()) {
            Trial trial = job.get().trial();
            CurveTable.Curve curve = curves.computeIfAbsent(trial.number(), n -> table.curve(trial));
            int from = Math.max(0, trial.frozen().lastStep()) + 1;   // the checkpoint: the epochs trained before go on
            if (from > job.get().resource()) {
                throw new IllegalStateException(job.get() + " asks for no epoch past trial " + trial.number()
                        + "'s " + (from - 1));
            }
            events.add(new Event(now + curve.cpuSeconds()[from - 1], order[0]++, trial, curve, from, now, from, job.get()));
            busy++;
        }
        return busy;
    }

    private static Event first(Study study, CurveTable table, double now, long order) {
        Trial trial = study.ask();
        CurveTable.Curve curve = table.curve(trial);
        return new Event(now + curve.cpuSeconds()[0], order, trial, curve, 1, now, 1, null);
    }

    private static Event next(Event e, long order) {
        return new Event(e.time + e.curve.cpuSeconds()[e.epoch], order, e.trial, e.curve, e.epoch + 1, e.started,
                e.fromEpoch, e.job);
    }

    private static void improve(List<double[]> improvements, double now, double value) {
        if (improvements.isEmpty() || value > improvements.get(improvements.size() - 1)[1]) {
            improvements.add(new double[] {now, value});
        }
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
        LongFunction<Sampler> tpe = seed -> org.dl4jtuner.tuner.sampler.TpeSampler.builder(seed).constantLiar(true).build();
        List<Row> rows = new ArrayList<>();
        for (String samplerName : List.of("tpe", "random")) {
            LongFunction<Sampler> sampler = samplerName.equals("tpe") ? tpe : Samplers::random;
            rows.add(new Row(samplerName + "+none", sampler, w -> Pruners.none(), false));
            rows.add(new Row(samplerName + "+auto", sampler, w -> Pruners.auto(1, epochs), true));
            rows.add(new Row(samplerName + "+auto, stopping", sampler, w -> Pruners.auto(1, epochs), false));
            rows.add(new Row(samplerName + "+promotion asha", sampler, w -> Pruners.promotionAsha(1, epochs, 3), true));
            rows.add(new Row(samplerName + "+asha", sampler, w -> Pruners.successiveHalving(1, epochs, 3), false));
            rows.add(new Row(samplerName + "+hyperband", sampler, w -> Pruners.hyperband(1, epochs, 3), false));
        }
        // the fifth argument keeps the rows whose name matches it (default: every row)
        String only = args.length > 4 ? args[4] : ".*";
        System.out.printf(Locale.ROOT, "%s: %d configurations x %d epochs; %d trials per run, %d seeds; epoch costs are the"
                + " table's CPU seconds; TPE with the constant liar; target %.4f; rows matching %s%n%n", file.getFileName(),
                table.size(), epochs, trials, seeds, target, only);
        System.out.println("| sampler + pruner | workers | simulated seconds, median | trials per simulated hour"
                + " | best final at the end, median | seeds reaching the target | seconds to the target, median"
                + " | speed-up over 1 worker |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            if (!row.name().matches(only)) {
                continue;
            }
            double oneWorker = Double.NaN;
            for (int w : WORKERS) {
                List<Run> runs = new ArrayList<>();
                for (int seed = 0; seed < seeds; seed++) {
                    Pruner pruner = row.pruner().apply(w);
                    Sampler sampler = row.sampler().apply(seed);
                    runs.add(row.scheduled() ? scheduled(table, sampler, (Scheduler) pruner, w, trials, seed)
                            : run(table, sampler, pruner, w, trials, seed));
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
                System.out.printf(Locale.ROOT, "| %s | %d | %,.1f | %,.0f | %.4f | %d/%d | %s | %s |%n", row.name(), w,
                        median(seconds), median(perHour), median(best), reached, seeds,
                        Double.isFinite(median) ? String.format(Locale.ROOT, "%,.1f", median) : "not reached by half",
                        Double.isFinite(median) && Double.isFinite(oneWorker)
                                ? String.format(Locale.ROOT, "%.1fx", oneWorker / median) : "-");
                System.out.flush();
            }
        }
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : SamplerBenchmark.quantile(sorted, 0.5);
    }
}
