package org.dl4jtuner.cli.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of {@code run} that are about the run, not the study.
 *
 * @param baseline          train the untuned default network first (reused from storage on resume)
 * @param allowSpaceChange  resume even if the spec's search space differs from the stored one
 * @param retryDeadTrials   enqueue the parameters of a trial whose process died again, this many times
 * @param trialTimeout      fail a trial at the first epoch past this much training, or null
 * @param maxFailures       stop after this many failed trials in a row (0: never)
 * @param artifacts         where trials' networks go, or null for the default next to the storage
 * @param isolation         whether trials run in child JVMs (workers), so a crash kills one trial only: always,
 *                          never, or by default when the storage is persistent and the machine has the memory
 * @param workerJvmOptions  JVM options of those workers (e.g. -Xmx4g)
 * @param worker            this process is such a worker: run trials, print trial lines, no summary
 * @param progress          how progress shows: a status line on a terminal, plain lines, or quiet
 * @param logFlags          the -v/-q flags the command was given, passed on to worker JVMs
 * @param classpath         jars and folders holding a custom model's classes (passed on to worker JVMs)
 */
public record RunOptions(boolean baseline, boolean allowSpaceChange, int retryDeadTrials, Duration trialTimeout,
        int maxFailures, Path artifacts, Isolation isolation, List<String> workerJvmOptions, boolean worker,
        ProgressDisplay.Mode progress, List<String> logFlags, List<Path> classpath) {

    /** Where trials run. */
    public enum Isolation {
        /** In worker JVMs ({@code --isolate}). */
        ALWAYS,
        /** In this process ({@code --no-isolate}). */
        NEVER,
        /** In worker JVMs for a study on persistent storage when the machine has the memory for one, else here. */
        DEFAULT
    }

    /** Options without extra classpath entries; {@code isolate} is {@link Isolation#ALWAYS}, else {@link Isolation#NEVER}. */
    public RunOptions(boolean baseline, boolean allowSpaceChange, int retryDeadTrials, Duration trialTimeout,
            int maxFailures, Path artifacts, boolean isolate, List<String> workerJvmOptions, boolean worker,
            ProgressDisplay.Mode progress, List<String> logFlags) {
        this(baseline, allowSpaceChange, retryDeadTrials, trialTimeout, maxFailures, artifacts,
                isolate ? Isolation.ALWAYS : Isolation.NEVER, workerJvmOptions, worker, progress, logFlags, List.of());
    }

    public RunOptions {
        java.util.Objects.requireNonNull(isolation, "isolation");
        workerJvmOptions = List.copyOf(workerJvmOptions);
        classpath = List.copyOf(classpath);
    }

    /**
     * The defaults for a study run from Java: baseline on, space changes refused, no retries, no
     * time limit, stop after 10 failures, trials in this process, plain lines.
     */
    public static RunOptions defaults() {
        return new RunOptions(true, false, 0, null, 10, null, false, List.of(), false, ProgressDisplay.Mode.LINES, List.of());
    }
}
