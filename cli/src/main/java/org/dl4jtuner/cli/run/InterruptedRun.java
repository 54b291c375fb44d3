package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;

/**
 * What {@code run} does when it is stopped (Ctrl-C, SIGINT, or SIGTERM) while trials run: a
 * shutdown hook stops the study, stops its worker JVMs, and either leaves the running trials
 * RUNNING for the next run to continue from their checkpoints (a scheduled study, or one whose
 * objective continues a dead run's trials) or finishes the trials this process and its workers
 * were running as FAIL with the reason "interrupted: ..." (and the {@link Storage#DIED_ATTR} mark,
 * so they do not count toward the study's trials); then it prints where the study stands and the
 * command that resumes it. The JVM then exits as the signal asks (130 for SIGINT).
 *
 * <pre>
 * try (InterruptedRun hook = InterruptedRun.install(study, workers, out, "dl4j-tuner run s.yaml")) {
 *     study.optimize(objective, budget, parallel);
 * }
 * </pre>
 */
final class InterruptedRun implements AutoCloseable {
    /** The start of the fail reason of a trial whose run was stopped; the rest names its process. */
    static final String REASON = "interrupted";
    private final Study study;
    private final IsolatedWorkers workers;
    private final PrintWriter out;
    private final String resume;
    private final Thread hook;
    private final boolean keepRunningTrials;

    private InterruptedRun(Study study, IsolatedWorkers workers, PrintWriter out, String resume,
            boolean keepRunningTrials) {
        this.study = study;
        this.workers = workers;
        this.out = out;
        this.resume = resume;
        this.keepRunningTrials = keepRunningTrials;
        this.hook = new Thread(this::interrupted, "run-interrupted");
    }

    /**
     * Installs the hook until {@link #close()}.
     *
     * @param workers the study's worker JVMs, or null when trials run in this process
     * @param out     where to say what happened, or null to say nothing (a worker JVM)
     * @param resume  the command that resumes the study, or null when its storage does not outlive the run
     */
    static InterruptedRun install(Study study, IsolatedWorkers workers, PrintWriter out, String resume) {
        return install(study, workers, out, resume, false);
    }

    /**
     * As {@link #install(Study, IsolatedWorkers, PrintWriter, String)}; with {@code keepRunningTrials}
     * (a scheduled study, or one whose objective continues a dead run's trials) the running trials
     * are left RUNNING, not failed: the next run takes them over and continues them from their last
     * epoch's checkpoint.
     */
    static InterruptedRun install(Study study, IsolatedWorkers workers, PrintWriter out, String resume,
            boolean keepRunningTrials) {
        InterruptedRun run = new InterruptedRun(study, workers, out, resume, keepRunningTrials);
        Runtime.getRuntime().addShutdownHook(run.hook);
        return run;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void interrupted() {
        java.time.Instant started = java.time.Instant.now().minusSeconds(1);
        study.stop();
        Set<Long> pids = new LinkedHashSet<>();
        pids.add(ProcessHandle.current().pid());
        List<FrozenTrial> failed = new ArrayList<>();
        Storage storage = study.storage();
        try {
            List<FrozenTrial> running = study.trials(TrialState.RUNNING);
            if (workers != null) {
                // a stopped worker fails its own trial on its way out; those it could not are failed below
                pids.addAll(workers.stop());
            }
            for (FrozenTrial t : running) {
                String worker = ranBy(t, pids);
                if (worker == null || keepRunningTrials) {
                    continue;
                }
                try {
                    storage.setTrialSystemAttr(t.id(), Study.FAIL_REASON_ATTR, reason(worker));
                    storage.setTrialSystemAttr(t.id(), Storage.DIED_ATTR, true);
                    storage.finishTrial(t.id(), TrialState.FAIL, null);
                } catch (IllegalStateException finishedMeanwhile) {
                    // its worker JVM finished it on its own way out, with the same reason
                }
            }
            if (out != null) {
                // what was failed as interrupted since the stop, here or by a worker on its way out (a
                // worker may be stopped, and fail its trial, before this hook reads the running ones)
                for (FrozenTrial t : study.trials(TrialState.FAIL)) {
                    boolean interrupted = String.valueOf(t.systemAttrs().get(Study.FAIL_REASON_ATTR)).startsWith(REASON);
                    if (interrupted && t.end() != null && !t.end().isBefore(started)) {
                        failed.add(t);
                    }
                }
                say(failed);
            }
        } catch (RuntimeException e) {
            if (out != null) {
                out.println();
                out.println("interrupted: could not mark the running trials FAIL (" + e.getMessage() + "); the next run"
                        + " marks them FAIL as trials whose process died");
                out.flush();
            }
        }
    }

    /** The fail reason of a trial of {@code worker} ({@code pid@host}) that was running when the run was stopped. */
    static String reason(String worker) {
        return REASON + ": its run (" + worker + ") was stopped (Ctrl-C or a kill) while the trial ran";
    }

    /** The trial's worker ({@code pid@host}) when it is this process or one of its workers on this host, else null. */
    private static String ranBy(FrozenTrial t, Set<Long> pids) {
        if (!(t.systemAttrs().get(Study.WORKER_ATTR) instanceof String worker)) {
            return null;
        }
        int at = worker.indexOf('@');
        if (at < 0 || !worker.substring(at + 1).equals(hostName())) {
            return null;
        }
        try {
            return pids.contains(Long.parseLong(worker.substring(0, at))) ? worker : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void say(List<FrozenTrial> failed) {
        List<FrozenTrial> all = study.trials();
        Map<TrialState, Integer> byState = new EnumMap<>(TrialState.class);
        all.forEach(t -> byState.merge(t.state(), 1, Integer::sum));
        synchronized (out) {
            out.println();
            out.println("interrupted: " + (keepRunningTrials ? "the running trials stay RUNNING (and a scheduler's"
                    + " paused ones PAUSED); the next run continues them from their last epoch's checkpoint"
                    : failed.isEmpty() ? "no trial was running"
                    : (failed.size() == 1 ? "trial " : "trials ")
                            + failed.stream().map(t -> Integer.toString(t.number())).collect(Collectors.joining(", "))
                            + " marked FAIL (interrupted); " + (failed.size() == 1 ? "it does" : "they do")
                            + " not count toward the study's trials"));
            out.printf(Locale.ROOT, "study '%s' now holds %s%n", study.name(), all.isEmpty() ? "no trials"
                    : all.size() + " trials: " + byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")));
            out.println(resume == null ? "its storage was in memory, so there is nothing to resume"
                    : "resume with: " + resume);
            out.flush();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
