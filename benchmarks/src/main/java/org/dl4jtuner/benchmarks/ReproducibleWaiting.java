package org.dl4jtuner.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * What waiting costs a reproducible study when trials differ in length, without training
 * anything: each epoch of a trial is a sleep of {@code epochMillis}, so the machine's load does
 * not matter and only the schedule does. Trials take the same epochs, or a seeded half twice as
 * many, or as many as a Hyperband pruner lets them run (1 to 27 epochs, eta 3). The table gives
 * epochs trained per second, as a share of what {@code parallel} busy workers would train
 * ({@code parallel / epochMillis * 1000}), for runs 1 or 2 at a time, with and without
 * {@code reproducible(lag)}.
 */
final class ReproducibleWaiting {
    private static final long SEED = 12345;

    private ReproducibleWaiting() {
    }

    private record Shape(String name, int maxEpochs, IntUnaryOperator epochs, boolean prune) {
    }

    static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int epochMillis = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Shape> shapes = List.of(
                new Shape("same epochs (4)", 4, n -> 4, false),
                new Shape("a seeded half 2x (4 or 8)", 8, n -> Math.floorMod(Seeds.derive(SEED, n), 2) == 1 ? 8 : 4,
                        false),
                new Shape("Hyperband pruner (1 to 27, eta 3)", 27, n -> 27, true));
        System.out.printf(Locale.ROOT, "Epochs trained per second as a share of the busy workers' rate; %d trials,"
                + " an epoch is a %d ms sleep, random sampler; in brackets the epochs trained%n%n", trials, epochMillis);
        System.out.println("| trial lengths | 1 at a time | 2 at a time | 2, reproducible(1) | 2, reproducible(4)"
                + " | 2, reproducible(8) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Shape shape : shapes) {
            List<String> cells = new ArrayList<>();
            cells.add(cell(shape, trials, epochMillis, 1, null));
            cells.add(cell(shape, trials, epochMillis, 2, null));
            for (int lag : new int[] {1, 4, 8}) {
                cells.add(cell(shape, trials, epochMillis, 2, lag));
            }
            System.out.println("| " + shape.name + " | " + String.join(" | ", cells) + " |");
        }
    }

    private static String cell(Shape shape, int trials, int epochMillis, int parallel, Integer lag) {
        AtomicLong epochs = new AtomicLong();
        Objective objective = trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            int n = shape.epochs.applyAsInt(trial.number());
            double value = x;
            for (int epoch = 1; epoch <= n; epoch++) {
                Thread.sleep(epochMillis);
                epochs.incrementAndGet();
                value = x + 1.0 / epoch;
                trial.report(epoch, value);
                if (trial.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return value;
        };
        Pruner pruner = shape.prune ? Pruners.hyperband(1, shape.maxEpochs, 3) : Pruners.none();
        Study.Builder builder = Study.builder().seed(SEED).sampler(Samplers.random(SEED)).pruner(pruner);
        if (lag != null) {
            builder.reproducible(lag);
        }
        Study study = builder.build();
        long start = System.nanoTime();
        study.optimize(objective, Budget.trials(trials), parallel);
        double seconds = (System.nanoTime() - start) / 1e9;
        double share = epochs.get() / seconds / (parallel * 1000.0 / epochMillis);
        return String.format(Locale.ROOT, "%.0f%% (%d)", 100 * share, epochs.get());
    }
}
