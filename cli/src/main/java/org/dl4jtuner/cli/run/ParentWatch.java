package org.dl4jtuner.cli.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes a worker JVM die with the {@code run --isolate} process that started it: a daemon thread
 * looks at the worker's parent every second and halts the JVM once the parent is gone (killed,
 * even with SIGKILL, or crashed), so no worker trains on unseen, printing nowhere. Its trial stays
 * RUNNING in storage until the next run marks it FAIL, as for any process that died.
 */
public final class ParentWatch {
    /** Exit status of a worker whose parent is gone (128 + SIGHUP, as a shell's orphan would get). */
    public static final int EXIT_PARENT_GONE = 129;
    private static final long PERIOD_MILLIS = 1000;

    private ParentWatch() {
    }

    /**
     * Starts watching the process {@code parentPid} (the run that started this worker, which passes
     * its own pid: the worker's parent at start-up may already be init when the run died while the
     * worker's JVM was starting); halts at once when it is already gone.
     */
    public static void dieWith(long parentPid) {
        ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
        if (parent == null || !parent.isAlive()) {
            halt(parentPid);
        }
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parent-watch-" + parentPid);
            t.setDaemon(true);
            return t;
        });
        watch.scheduleAtFixedRate(() -> {
            // an orphan is adopted by init or a subreaper, so a changed parent pid means ours is gone
            long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (now != parentPid || !parent.isAlive()) {
                halt(parentPid);
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void halt(long parentPid) {
        System.err.println("error: the run process (pid " + parentPid + ") that started this worker is gone;"
                + " the worker stops");
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_PARENT_GONE);
    }
}
