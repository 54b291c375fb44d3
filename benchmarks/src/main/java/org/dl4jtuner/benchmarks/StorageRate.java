package org.dl4jtuner.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.util.Folders;

/**
 * How many trials one storage serves: N clients, each with its own connection and its own
 * {@link Study} object as a worker process has, on one study, doing trivial trials (random sampler,
 * one float, no training), asked within a trial limit as the workers of {@code run} and of Spark ask
 * (under the study's row lock). Three phases: every client asks K trials (ask and one suggest), then
 * tells them, then runs K ask-and-tell cycles; each phase's rate is its operations over its wall
 * time. PostgreSQL (the URL given, else {@code $DL4J_TUNER_TEST_POSTGRES}) and an SQLite file.
 *
 * <pre>
 * benchmarks/run storage-rate [clients] [trials-per-client] [postgresql-url]
 * </pre>
 */
final class StorageRate {
    /** Asks go through the study's trial limit, as workers of a study with a trial budget do (a study row lock). */
    private static final int LIMIT = Integer.MAX_VALUE;

    private StorageRate() {
    }

    /** One storage's rates: operations per second per phase and median latencies in milliseconds. */
    record Rates(double asksPerSecond, double tellsPerSecond, double cyclesPerSecond, double askMedianMs,
            double tellMedianMs) {
    }

    /** A client's timing of one operation on one trial. */
    private interface Timed {
        void run(Study study, List<Trial> held, List<Double> askMs, List<Double> tellMs) throws Exception;
    }

    static Rates measure(String url, int clients, int trialsPerClient) throws Exception {
        String name = "storage-rate-" + System.nanoTime();
        List<Storage> storages = new ArrayList<>();
        List<Study> studies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int c = 0; c < clients; c++) {
                Storage storage = Storages.open(url);
                storages.add(storage);
                studies.add(Study.builder().name(name).direction(Direction.MINIMIZE).seed(1).storage(storage)
                        .sampler(Samplers.random(c)).pruner(Pruners.none()).build());
            }
            List<List<Trial>> held = new ArrayList<>();
            List<List<Double>> askMs = new ArrayList<>();
            List<List<Double>> tellMs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                held.add(new ArrayList<>());
                askMs.add(new ArrayList<>());
                tellMs.add(new ArrayList<>());
            }
            double asks = phase(pool, studies, held, askMs, tellMs, (study, mine, a, t) -> {
                for (int i = 0; i < trialsPerClient; i++) {
                    long start = System.nanoTime();
                    Trial trial = study.askWithin(LIMIT);
                    trial.suggestFloat("x", 0, 1);
                    a.add((System.nanoTime() - start) / 1e6);
                    mine.add(trial);
                }
            });
            double tells = phase(pool, studies, held, askMs, tellMs, (study, mine, a, t) -> {
                for (Trial trial : mine) {
                    long start = System.nanoTime();
                    study.tell(trial, trial.suggestFloat("x", 0, 1));
                    t.add((System.nanoTime() - start) / 1e6);
                }
            });
            double cycles = phase(pool, studies, held, askMs, tellMs, (study, mine, a, t) -> {
                for (int i = 0; i < trialsPerClient; i++) {
                    Trial trial = study.askWithin(LIMIT);
                    study.tell(trial, trial.suggestFloat("x", 0, 1));
                }
            });
            int total = clients * trialsPerClient;
            return new Rates(total / asks, total / tells, total / cycles, median(askMs), median(tellMs));
        } finally {
            pool.shutdownNow();
            if (!storages.isEmpty()) {
                storages.get(0).findStudy(name).ifPresent(r -> storages.get(0).deleteStudy(r.id()));
            }
            for (Storage s : storages) {
                s.close();
            }
        }
    }

    /** Runs one phase on every client at once and returns its wall time in seconds. */
    private static double phase(ExecutorService pool, List<Study> studies, List<List<Trial>> held,
            List<List<Double>> askMs, List<List<Double>> tellMs, Timed work) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < studies.size(); c++) {
            int client = c;
            running.add(pool.submit(() -> {
                work.run(studies.get(client), held.get(client), askMs.get(client), tellMs.get(client));
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<List<Double>> perClient) {
        double[] all = perClient.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sorted().toArray();
        return all.length == 0 ? Double.NaN : SamplerBenchmark.quantile(all, 0.5);
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String postgres = args.length > 2 ? args[2] : System.getenv("DL4J_TUNER_TEST_POSTGRES");
        System.out.printf(Locale.ROOT, "%d clients on one study, each with its own connection and Study object;"
                + " %d trivial trials per client and phase (random sampler, one float, no training)%n%n", clients, trials);
        System.out.println("| storage | clients | asks/s | tells/s | ask+tell cycles/s | trials/hour (cycles) | ask median ms"
                + " | tell median ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<String[]> storages = new ArrayList<>();
        if (postgres != null && !postgres.isBlank()) {
            storages.add(new String[] {"PostgreSQL", postgres});
        } else {
            System.err.println("no PostgreSQL URL (argument 3 or DL4J_TUNER_TEST_POSTGRES): SQLite only");
        }
        Path dir = Files.createTempDirectory("storage-rate-");
        storages.add(new String[] {"SQLite", "sqlite:" + dir.resolve("rate.db")});
        try {
            for (String[] s : storages) {
                Rates r = measure(s[1], clients, trials);
                System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %,.0f | %,.0f | %.1f | %.1f |%n", s[0], clients,
                        r.asksPerSecond(), r.tellsPerSecond(), r.cyclesPerSecond(), r.cyclesPerSecond() * 3600,
                        r.askMedianMs(), r.tellMedianMs());
            }
        } finally {
            Folders.deleteTree(dir);
        }
        System.out.println();
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + " (clients and database share them);"
                + " Java " + System.getProperty("java.version"));
    }
}
