package org.dl4jtuner.cli.run;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.dl4jtuner.cli.UserError;

import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.gpu.DeviceAssignment;
import org.dl4jtuner.gpu.ParallelDefault;
import org.dl4jtuner.gpu.TrialSlot;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.hyperband.SynchronousHyperband;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.schedule.AdaptiveScheduler;
import org.dl4jtuner.tuner.schedule.Scheduler;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * What a run does, decided before any data is read or storage opened: the strategies, the storage
 * the trials go to, where they train (this process or worker JVMs), whether a baseline is trained,
 * and where trial networks are kept. Making a plan is pure: the same spec, options and machine
 * facts give the same plan. Worker JVMs receive their plan serialised ({@link RunPlanJson}).
 *
 * <pre>{@code
 * RunPlan plan = RunPlan.of(spec, RunOptions.defaults(), Machine.here(), workDir);
 * plan.sampler();          // the spec's sampler, seeded
 * plan.storageUrl();       // the spec's storage, or an SQLite file in workDir for workers of an in-memory study
 * }</pre>
 *
 * @param spec         the resolved study spec (command-line overrides applied, {@code parallel: auto} resolved)
 * @param options      the run's options
 * @param storageUrl   where the trials are written: the spec's storage, or a file the workers share
 * @param placement    where trials train, and the line that says so
 * @param parallelLine what {@code parallel: auto} chose and why, or null when the spec gave a number
 * @param slots        where each of the parallel trials runs (a CPU slot, or a CUDA device); empty in a
 *                     worker JVM, which sees the one device its parent gave it
 */
public record RunPlan(StudySpec spec, RunOptions options, String storageUrl, IsolatedWorkers.Placement placement,
        String parallelLine, List<TrialSlot> slots) {

    /** Copies the slots. */
    public RunPlan {
        slots = List.copyOf(slots);
    }

    /**
     * The plan for {@code spec} on {@code machine}. A spec whose sampler and pruner do not go together,
     * or whose parallel trials the devices cannot hold, is refused here.
     *
     * @param workDir the run's scratch folder (holds the study file workers share for an in-memory study)
     */
    public static RunPlan of(StudySpec spec, RunOptions options, Machine machine, Path workDir) {
        Strategies.checkCompatible(spec.sampler(), spec.pruner());
        String parallelLine = null;
        StudySpec resolved = spec;
        if (spec.study().autoParallel()) {
            ParallelDefault.Choice auto = devices(() -> ParallelDefault.choose(machine.backend(),
                    spec.study().trialsPerDevice()));
            resolved = spec.withOverrides(null, null, auto.trials(), null);
            parallelLine = auto.reason();
        }
        int parallel = resolved.study().parallel();
        List<TrialSlot> slots = options.worker() ? List.of() : devices(() -> DeviceAssignment.assign(
                machine.backend().inventory(), parallel, spec.study().trialsPerDevice(), 0));
        String url = spec.study().storage();
        boolean persistent = persistent(url);
        Pruner pruner = Strategies.pruner(spec.pruner());
        checkScheduleFits(pruner, resolved);
        IsolatedWorkers.Placement placement = options.worker() ? new IsolatedWorkers.Placement(false, null)
                : pruner instanceof Scheduler && !(pruner instanceof AdaptiveScheduler)
                        ? new IsolatedWorkers.Placement(false, "trials run in this process: pruner "
                        + spec.pruner().type() + " schedules them itself, pausing and resuming them from checkpoints")
                : IsolatedWorkers.place(options.isolation(), persistent, options.workerJvmOptions(), machine.availableBytes());
        if (placement.isolate() && !persistent) {
            url = "sqlite:" + workDir.resolve("study.db");
        }
        return new RunPlan(resolved, options, url, placement, parallelLine, slots);
    }

    /** Synchronous Hyperband runs whole brackets: study.trials must hold the first one. */
    private static void checkScheduleFits(Pruner pruner, StudySpec spec) {
        if (pruner instanceof SynchronousHyperband hyperband) {
            int first = hyperband.plan().brackets().get(0).rungs().get(0).n();
            if (spec.study().trials() < first) {
                throw new UserError("study.trials: " + spec.study().trials() + " is fewer than the " + first
                        + " configurations of synchronous Hyperband's first bracket (max_epochs " + spec.pruner().maxEpochs()
                        + ", eta " + spec.pruner().eta() + "); give at least " + first + ", or "
                        + hyperband.configurations() + " for the whole schedule");
            }
        }
    }

    /**
     * Whether the pruner schedules the trials itself (promotion ASHA, synchronous Hyperband; and
     * {@code auto} when trials train in this process and the study is not reproducible: it then
     * pauses trials and resumes them from checkpoints, elsewhere it stops them).
     */
    public boolean scheduled() {
        Pruner pruner = pruner();
        if (pruner instanceof AdaptiveScheduler) {
            return !placement.isolate() && !options.worker() && !spec.study().reproducible();
        }
        return pruner instanceof Scheduler;
    }

    /**
     * Where a scheduled study's checkpoints live: a folder that outlives the run when the study is
     * stored ({@code ARTIFACTS/NAME-ID/work}), so that the next run continues its paused trials and
     * those a killed run left; null when the study is not stored (a scratch folder then does).
     */
    public Path checkpointsFolder(StudyRecord study) {
        Path artifacts = persistent() ? artifactsFolder(study) : null;
        return artifacts == null ? null : artifacts.resolve("work");
    }

    private static <T> T devices(Supplier<T> choice) {
        try {
            return choice.get();
        } catch (IllegalArgumentException e) {
            throw new UserError("study.parallel: " + e.getMessage());
        }
    }

    /** Whether the trials run on CUDA devices, so each trial thread or worker must be placed on its own. */
    public boolean onDevices() {
        return slots.stream().anyMatch(s -> s.device() != null);
    }

    /** Whether the spec's storage outlives the run (SQLite, PostgreSQL), so the study can be resumed. */
    public boolean persistent() {
        return persistent(spec.study().storage());
    }

    private static boolean persistent(String url) {
        return url != null && !url.equals("memory");
    }

    /** Whether trials train in worker JVMs started by this run. */
    public boolean isolate() {
        return placement.isolate();
    }

    /** Whether this process is a worker JVM of another run. */
    public boolean worker() {
        return options.worker();
    }

    /** Whether the untuned default network is trained first: asked for, a built-in family, not in a worker. */
    public boolean baseline() {
        return options.baseline() && !options.worker() && !spec.model().isCustom();
    }

    /** Trials this process trains at once: the spec's parallelism, one in a worker JVM (the parent runs several). */
    public int threads() {
        return options.worker() ? 1 : spec.study().parallel();
    }

    /** The built-in network family, or null for a custom network class. */
    public Family family() {
        return spec.model().isCustom() ? null : Family.of(spec.model().type());
    }

    /** The metric each epoch reports. */
    public Metric metric() {
        return Metric.of(spec.study().metric());
    }

    /** The spec's sampler, seeded by {@code sampler.seed} or the study's seed. */
    public Sampler sampler() {
        return Strategies.sampler(spec.sampler(), spec.study().seed(), spec.study().parallel());
    }

    /** The spec's pruner. */
    public Pruner pruner() {
        return Strategies.pruner(spec.pruner());
    }

    /** The study's trials in all, or its time limit, whichever ends first. */
    public Budget budget() {
        Budget budget = Budget.studyTrials(spec.study().trials());
        return spec.study().timeLimit() == null ? budget : budget.or(Budget.time(spec.study().timeLimit()));
    }

    /**
     * Whether trial networks are saved: with {@code --artifacts}, or when the trials are stored (also
     * in the scratch file that worker JVMs of an in-memory study share: the best network's test
     * metrics are read from its file).
     */
    public boolean keepsArtifacts() {
        return options.artifacts() != null || persistent(storageUrl);
    }

    /**
     * Where the study's trial networks go: {@code --artifacts/NAME-ID}, else next to an SQLite file,
     * else {@code ./dl4j-tuner-artifacts/NAME-ID}; null when they are not kept.
     */
    public Path artifactsFolder(StudyRecord study) {
        if (options.artifacts() != null) {
            return options.artifacts().resolve(ArtifactFolders.name(study));
        }
        if (!persistent(storageUrl)) {
            return null;
        }
        String url = storageUrl;
        if (url.startsWith("sqlite:")) {
            return ArtifactFolders.nextToSqlite(Path.of(url.substring("sqlite:".length())), study);
        }
        return Path.of("dl4j-tuner-artifacts").toAbsolutePath().resolve(ArtifactFolders.name(study));
    }

    /**
     * The plan a worker JVM of this run receives: the same study on the same storage, one trial at a
     * time, trial lines rather than a status line, no baseline, no header, the space already checked by this process.
     */
    public RunPlan forWorker() {
        RunOptions o = options;
        RunOptions worker = new RunOptions(false, true, o.retryDeadTrials(), o.trialTimeout(), o.maxFailures(),
                o.artifacts(), RunOptions.Isolation.NEVER, o.workerJvmOptions(), true,
                o.progress() == ProgressDisplay.Mode.BAR ? ProgressDisplay.Mode.LINES : o.progress(),
                o.logFlags(), o.classpath());
        return new RunPlan(spec, worker, storageUrl, new IsolatedWorkers.Placement(false, null), null, List.of());
    }
}
