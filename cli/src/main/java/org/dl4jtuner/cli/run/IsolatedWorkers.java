package org.dl4jtuner.cli.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.gpu.TrialSlot;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.Storage;

/**
 * Runs a study's trials in child JVMs ({@code run --isolate}): each worker is a {@code run --worker}
 * process on the study's storage, so a native crash, an out-of-memory or a kill takes down one
 * worker and its one running trial, never the study. When a worker dies, its trial is marked FAIL
 * (its process is gone) and a new worker takes its place while the study still needs trials.
 */
final class IsolatedWorkers {
    /** Exit code of a worker whose trial hit an {@link Error} (out of memory, ...): the trial is FAIL, go on. */
    static final int EXIT_TRIAL_ERROR = 3;
    /** Exit code of a worker stopped by too many failed trials in a row: stop the study. */
    static final int EXIT_TOO_MANY_FAILURES = 4;
    private static final int EXIT_USER_ERROR = 2;
    /** Memory a worker needs besides its heap: ND4J's off-heap buffers for a usual network, and the JVM itself. */
    static final long WORKER_OFF_HEAP_BYTES = 2L << 30;
    /** Lines of a worker's first output kept to tell why it did not start. */
    private static final int HEAD_LINES = 20;
    private final List<String> command;
    private final List<String> jvmOptions;
    private final int parallel;
    private final PrintWriter out;
    private final Study study;
    private final int totalTrials;
    private final int maxCrashesInARow;
    private final List<TrialSlot> slots;
    private final List<Worker> active = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Set once the run is being stopped (Ctrl-C): workers that exit are not replaced nor reported as crashed. */
    private volatile boolean stopping;

    /**
     * Workers for {@code plan}'s study: each receives {@link RunPlan#forWorker()}, written to
     * {@code workDir} as JSON, and runs {@code dl4j-tuner worker PLAN.json --parent PID}.
     */
    IsolatedWorkers(RunPlan plan, Path workDir, PrintWriter out, Study study) throws IOException {
        Path planFile = Files.writeString(workDir.resolve("worker-plan.json"), RunPlanJson.write(plan.forWorker()));
        List<String> arguments = new ArrayList<>(List.of(StudyRunner.WORKER_COMMAND, planFile.toString(), "--parent",
                Long.toString(ProcessHandle.current().pid())));
        arguments.addAll(plan.options().logFlags());
        this.jvmOptions = plan.options().workerJvmOptions();
        this.command = workerCommand(jvmOptions, arguments);
        this.parallel = plan.spec().study().parallel();
        this.out = out;
        this.study = study;
        this.totalTrials = plan.spec().study().trials();
        this.maxCrashesInARow = plan.options().maxFailures();
        this.slots = plan.slots();
    }

    /**
     * Where a study's trials run and the line that says so (null when there is nothing to say: an
     * in-memory study in this process).
     *
     * @param isolation      what the command line asked for
     * @param persistent     whether the study's storage outlives the process (SQLite, PostgreSQL)
     * @param jvmOptions     the workers' JVM options (their -Xmx sets the heap they may take)
     * @param availableBytes the machine's available memory, or -1 when unknown
     */
    static Placement place(RunOptions.Isolation isolation, boolean persistent, List<String> jvmOptions,
            long availableBytes) {
        return switch (isolation) {
            case ALWAYS -> new Placement(true, "trials run in worker JVMs (--isolate)");
            case NEVER -> new Placement(false, persistent ? "trials run in this process (--no-isolate)" : null);
            case DEFAULT -> {
                if (!persistent) {
                    yield new Placement(false, null);
                }
                long need = workerHeapBytes(jvmOptions) + WORKER_OFF_HEAP_BYTES;
                if (availableBytes >= 0 && availableBytes < need) {
                    yield new Placement(false, String.format(Locale.ROOT, "trials run in this process: the machine has"
                            + " %,d MiB available, not enough for a worker JVM (about %,d MiB: its heap and 2 GiB"
                            + " off-heap); --isolate to use workers anyway", availableBytes >> 20, need >> 20));
                }
                yield new Placement(true, "trials run in worker JVMs (--isolate is the default for stored studies;"
                        + " --no-isolate to train in this process)");
            }
        };
    }

    /** Where trials run: in worker JVMs or not, and the line that says so, or null. */
    record Placement(boolean isolate, String line) {
    }

    /** The heap a worker may take: the last -Xmx of its options, else what this JVM got by default. */
    static long workerHeapBytes(List<String> jvmOptions) {
        long heap = Runtime.getRuntime().maxMemory();
        for (String option : jvmOptions) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-Xmx(\\d+)([kKmMgGtT]?)").matcher(option);
            if (m.matches()) {
                int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    case "t" -> 40;
                    default -> 0;
                };
                heap = Long.parseLong(m.group(1)) << shift;
            }
        }
        return heap;
    }

    /** The command that starts a worker: this JVM's java and class path, the given JVM options and arguments. */
    static List<String> workerCommand(List<String> jvmOptions, List<String> runArguments) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(jvmOptions);
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("org.dl4jtuner.cli.Main");
        c.addAll(runArguments);
        return c;
    }

    /**
     * Starts {@code parallel} workers and replaces those that die until the study holds its trials.
     * Workers still running when this process ends normally are stopped; a worker whose parent is
     * killed stops itself ({@link ParentWatch}).
     */
    void run() throws IOException, InterruptedException {
        Thread stopWorkers = new Thread(() -> active.forEach(w -> w.process.destroy()), "stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        try {
            superviseWorkers(active);
        } finally {
            active.forEach(w -> w.process.destroy());
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /**
     * Stops the workers (SIGTERM, then SIGKILL after 10 s) and starts no more; returns their pids.
     * Called by the run's shutdown hook when the run is interrupted.
     */
    List<Long> stop() {
        stopping = true;
        List<Long> pids = new ArrayList<>();
        for (Worker w : active) {
            pids.add(w.process.pid());
            w.process.destroy();
        }
        for (Worker w : active) {
            try {
                if (!w.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    w.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.process.destroyForcibly();
            }
        }
        return pids;
    }

    private void superviseWorkers(List<Worker> active) throws IOException, InterruptedException {
        for (int i = 0; i < parallel && !stopping; i++) {
            active.add(start(i));
        }
        int crashesInARow = 0;
        String stop = null;
        while (!active.isEmpty()) {
            Thread.sleep(200);
            if (stopping) {
                // the JVM is shutting down (Ctrl-C): its hook fails the workers' trials and says so, then the
                // JVM exits with the signal's code; no summary after that
                new java.util.concurrent.CountDownLatch(1).await();
            }
            for (Worker w : active) {
                Process p = w.process;
                if (p.isAlive()) {
                    continue;
                }
                active.remove(w);
                int code = p.exitValue();
                if (code == 0) {
                    crashesInARow = 0;
                    continue;
                }
                String refused = w.refusedBecause();
                if (refused != null) {
                    throw new UserError("--worker-jvm-options: the worker JVM refused '" + String.join(" ", jvmOptions)
                            + "': " + refused);
                }
                if (code == EXIT_USER_ERROR || code == EXIT_TOO_MANY_FAILURES) {
                    stop = "a worker stopped with exit code " + code + " (see its error above)";
                    continue;
                }
                crashesInARow++;
                // this worker's trial only: others a killed run left are for the workers to continue
                String crashed = p.pid() + "@";
                for (FrozenTrial t : study.failDeadTrials(r -> r.systemAttrs().get(Study.WORKER_ATTR) instanceof String worker
                        && worker.startsWith(crashed))) {
                    out.printf(Locale.ROOT, "trial %d: its worker JVM (pid %d) exited with code %d%s; the trial is"
                            + " FAIL, the study goes on%n", t.number(), p.pid(), code, signal(code));
                }
                if (code == EXIT_TRIAL_ERROR) {
                    out.printf(Locale.ROOT, "a worker JVM (pid %d) stopped after a trial hit a JVM error; the study goes"
                            + " on%n", p.pid());
                }
                out.flush();
                if (maxCrashesInARow > 0 && crashesInARow >= maxCrashesInARow) {
                    stop = crashesInARow + " worker JVMs died in a row";
                } else if (stop == null && needsTrials()) {
                    active.add(start(w.slot));
                }
            }
        }
        if (stop != null) {
            throw new UserError("isolated run stopped: " + stop);
        }
    }

    private boolean needsTrials() {
        long counted = study.trials().stream().filter(t -> !t.systemAttrs().containsKey(Storage.DIED_ATTR)).count();
        return counted < totalTrials || !study.trials(org.dl4jtuner.tuner.TrialState.WAITING).isEmpty();
    }

    /** Starts the worker of slot {@code slot}: on CUDA it sees only its device ({@code CUDA_VISIBLE_DEVICES}). */
    private Worker start(int slot) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (slot < slots.size()) {
            builder.environment().putAll(slots.get(slot).workerEnvironment());
        }
        Process p = builder.start();
        Worker w = new Worker(p, slot, new ArrayList<>());
        Thread pump = new Thread(() -> forward(w), "worker-output-" + p.pid());
        pump.setDaemon(true);
        w.pump = pump;
        pump.start();
        return w;
    }

    /** A worker process, the thread reading its output, and its first lines. */
    private static final class Worker {
        final Process process;
        final int slot;
        final List<String> head;
        Thread pump;

        Worker(Process process, int slot, List<String> head) {
            this.process = process;
            this.slot = slot;
            this.head = head;
        }

        /** Why the JVM would not start (its own words), or null when it started. */
        String refusedBecause() throws InterruptedException {
            pump.join(2000);
            List<String> lines;
            synchronized (head) {
                lines = List.copyOf(head);
            }
            if (lines.stream().noneMatch(IsolatedWorkers::isJvmLaunchError)) {
                return null;
            }
            List<String> reasons = lines.stream().filter(l -> !isJvmLaunchError(l) && !l.isBlank()
                    && !l.startsWith("Error: A fatal exception has occurred")).toList();
            return reasons.isEmpty() ? lines.get(0) : String.join("; ", reasons);
        }
    }

    /** The JVM's own lines when it cannot start: an unknown option, a bad heap size, too little memory. */
    private static boolean isJvmLaunchError(String line) {
        return line.startsWith("Error: Could not create the Java Virtual Machine")
                || line.startsWith("Error occurred during initialization of VM");
    }

    /** Passes on the worker's trial lines and errors; the rest (its own header) would repeat the parent's. */
    private void forward(Worker w) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(w.process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (w.head) {
                    if (w.head.size() < HEAD_LINES) {
                        w.head.add(line);
                    }
                }
                if (isJvmLaunchError(line) || line.startsWith("Error: A fatal exception has occurred")) {
                    continue;   // said once, with the option, when the worker's exit is seen
                }
                if (line.startsWith("trial ") || line.startsWith("error") || line.contains("Exception")
                        || line.contains("Error")) {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the worker is gone; its exit code tells the rest
        }
    }

    private static String signal(int code) {
        return switch (code) {
            case 134 -> " (SIGABRT: a native crash)";
            case 137 -> " (SIGKILL: killed, or the kernel's out-of-memory killer)";
            case 139 -> " (SIGSEGV: a native crash)";
            default -> code > 128 ? " (signal " + (code - 128) + ")" : "";
        };
    }
}
