package org.dl4jtuner.cli.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dl4jtuner.cli.UserError;
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
    private final List<String> command;
    private final int parallel;
    private final PrintWriter out;
    private final Study study;
    private final int totalTrials;
    private final int maxCrashesInARow;

    IsolatedWorkers(List<String> command, int parallel, PrintWriter out, Study study, int totalTrials,
            int maxCrashesInARow) {
        this.command = List.copyOf(command);
        this.parallel = parallel;
        this.out = out;
        this.study = study;
        this.totalTrials = totalTrials;
        this.maxCrashesInARow = maxCrashesInARow;
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

    /** Starts {@code parallel} workers and replaces those that die until the study holds its trials. */
    void run() throws IOException, InterruptedException {
        List<Process> active = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            active.add(start());
        }
        int crashesInARow = 0;
        String stop = null;
        while (!active.isEmpty()) {
            Thread.sleep(200);
            for (Process p : new ArrayList<>(active)) {
                if (p.isAlive()) {
                    continue;
                }
                active.remove(p);
                int code = p.exitValue();
                if (code == 0) {
                    crashesInARow = 0;
                    continue;
                }
                if (code == EXIT_USER_ERROR || code == EXIT_TOO_MANY_FAILURES) {
                    stop = "a worker stopped with exit code " + code + " (see its error above)";
                    continue;
                }
                crashesInARow++;
                for (FrozenTrial t : study.failDeadTrials()) {
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
                    active.add(start());
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

    private Process start() throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> forward(p), "worker-output-" + p.pid());
        pump.setDaemon(true);
        pump.start();
        return p;
    }

    /** Passes on the worker's trial lines and errors; the rest (its own header) would repeat the parent's. */
    private void forward(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
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
