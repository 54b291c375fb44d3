package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.gpu.Nd4jInventory;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.ContinuableObjective;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.schedule.AdaptiveScheduler;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.dl4jtuner.tuner.util.Folders;

/**
 * Runs the study a spec describes: makes the {@link RunPlan}, loads the data, checks a probe
 * network against it, trains the untuned baseline, runs the trials (here or in worker JVMs),
 * evaluates the best network on the test split, and prints one line per trial and a summary.
 */
public final class StudyRunner {
    /** The hidden command a worker JVM runs: {@code worker PLAN.json}. */
    public static final String WORKER_COMMAND = "worker";
    private final Function<Path, RunPlan> planner;
    private final PrintWriter out;
    private String resume;
    private WorkerPool pool;
    private final Map<String, Object> trialUserAttrs = new LinkedHashMap<>();

    /** A runner with the given run options ({@link RunOptions#defaults()} for a study run from Java). */
    public StudyRunner(StudySpec spec, PrintWriter out, RunOptions options) {
        this(spec, out, options, null);
    }

    /**
     * A runner that plans for {@code machine} instead of this one (null: this one), e.g. a cluster
     * driver whose trials train on other machines with their own devices.
     */
    public StudyRunner(StudySpec spec, PrintWriter out, RunOptions options, Machine machine) {
        this(work -> RunPlan.of(spec, options, machine != null ? machine : Machine.here(), work), out);
        this.resume = "dl4j-tuner run " + spec.source();
    }

    private StudyRunner(Function<Path, RunPlan> planner, PrintWriter out) {
        this.planner = planner;
        this.out = out;
    }

    /** The runner of a worker JVM: the plan its parent run wrote ({@code worker PLAN.json}). */
    public static StudyRunner worker(String planJson, PrintWriter out) {
        return new StudyRunner(work -> RunPlanJson.read(planJson), out);
    }

    /** The command that resumes this study, printed when the run is interrupted (Ctrl-C). */
    public StudyRunner resumeCommand(String command) {
        this.resume = command;
        return this;
    }

    /**
     * Trains the trials in {@code pool}'s workers (Spark tasks, ...) instead of this process; the run
     * still checks, creates or resumes the study, trains the baseline and prints the summary. A pruner
     * that schedules trials itself (pausing and resuming them in one process) is refused.
     */
    public StudyRunner workers(WorkerPool pool) {
        this.pool = pool;
        return this;
    }

    /**
     * User attributes every trial this runner trains records when it starts (e.g. which cluster task
     * ran it); they show in {@code trials --json} and the dashboard.
     */
    public StudyRunner trialUserAttrs(Map<String, ?> attrs) {
        trialUserAttrs.putAll(attrs);
        return this;
    }

    /**
     * Runs everything and returns the summary (also printed; null in a worker JVM). With persistent
     * storage, a study of the same name continues: its trials, sampler history and baseline are
     * kept, trials whose process died are failed (and retried if asked), and the study stops when it
     * holds {@code study.trials} trials in all.
     */
    public Summary run() throws IOException {
        Path work = Files.createTempDirectory("dl4j-tuner-");
        try {
            RunPlan plan = pool == null ? planner.apply(work) : placedInPool(planner.apply(work));
            PreparedData data = StudyData.load(plan.spec().data(), plan.family(), plan.spec().study().seed());
            Objectives objectives = new Objectives(plan, data);
            if (!plan.worker()) {
                objectives.check(work.resolve("check"));
            }
            try (Storage storage = open(plan.storageUrl())) {
                return run(plan, storage, data, objectives, work);
            }
        } finally {
            Folders.deleteTree(work);
        }
    }

    private Summary run(RunPlan plan, Storage storage, PreparedData data, Objectives objectives, Path work)
            throws IOException {
        StudySpec spec = plan.spec();
        Optional<StudyRecord> existing = storage.findStudy(spec.study().name());
        if (!plan.worker()) {
            existing.ifPresent(record -> ResumeCheck.check(plan, storage, record, out));
            RunHeader.data(plan, data, out);
        }
        Baseline base = plan.baseline() ? Baseline.obtain(plan, storage, existing, objectives, data, work, out) : null;
        StudyRecord record = storage.findOrCreateStudy(spec.study().name(), spec.study().direction());
        Path artifacts = plan.keepsArtifacts() ? plan.artifactsFolder(record) : null;
        // a stored study checkpoints every epoch, so that a run after a kill continues the trials it left
        Path checkpoints = plan.checkpointsFolder(record);
        NetworkObjective objective = objectives.trials(checkpoints != null ? checkpoints : work.resolve("trials"), artifacts);
        Objective trials = trialUserAttrs.isEmpty() ? objective : new ContinuableObjective() {
            @Override
            public double evaluate(Trial trial) throws Exception {
                trialUserAttrs.forEach(trial::setUserAttr);
                return objective.evaluate(trial);
            }

            @Override
            public boolean continuesTrials(Study study) {
                return objective.continuesTrials(study);
            }
        };
        boolean multi = spec.study().isMultiObjective();
        MultiObjective multiTrials = !multi ? null : trial -> {
            trialUserAttrs.forEach(trial::setUserAttr);
            return objective.multiObjective().evaluate(trial);
        };
        ProgressDisplay progress = new ProgressDisplay(out, plan.options().progress(), spec.study().trials(),
                spec.pruner().maxEpochs(), spec.study().timeLimit(), Clock.systemUTC());
        PrintWriter lines = progress.writer();
        Study.Builder builder = Study.builder().name(spec.study().name());
        if (multi) {
            builder.directions(spec.study().directions().toArray(Direction[]::new));
        } else {
            builder.direction(spec.study().direction());
        }
        builder.seed(spec.study().seed()).metricName(plan.metric().id()).sampler(plan.sampler()).pruner(plan.pruner())
                .storage(storage).reproducible(spec.study().reproducible())
                .retryDeadTrials(plan.options().retryDeadTrials()).maxConsecutiveFailures(plan.options().maxFailures())
                .provenance(RunProvenance.forRun(plan, storage, record)).callback(objective::forget);
        if (spec.study().stopWhen().any()) {
            builder.terminator(spec.study().stopWhen().terminator());
        }
        if (progress.trialLines()) {
            builder.callback(new TrialLines(lines, plan.metric().id(), storage, spec.study().name(), progress.lineWidth())
                    .objectives(multi ? spec.study().metrics() : null, spec.study().directions()));
        }
        WarmStarts.warmStart(builder, spec.study(), storage);
        Study study = builder.build();
        if (multi) {
            storage.setStudySystemAttr(study.id(), ParetoFront.METRIC_NAMES_ATTR, spec.study().metrics());
        }
        if (!plan.worker()) {
            WarmStarts.enqueueOnce(study, spec.study().enqueue());
            Map<String, Object> features = DatasetFeatures.of(spec.data(), data);
            String dataChange = DatasetFeatures.change(storage.studySystemAttrs(study.id()).get(DatasetFeatures.ATTR), features);
            if (dataChange != null) {
                out.println(dataChange);
            }
            storage.setStudySystemAttr(study.id(), DatasetFeatures.ATTR, features);
        }
        // under a stopping pruner the trial loop continues a dead run's trials from their checkpoints
        boolean continuing = !multi && !plan.scheduled() && objective.continuesTrials(study);
        if (continuing) {
            // the trial loop (here or in the worker JVMs) takes each over and continues it from its checkpoint
            if (!plan.worker()) {
                RunHeader.continuedTrials(study.deadTrials(), out);
            }
        } else if (!plan.scheduled()) {
            // a scheduler takes the trials a killed run left over and continues them from their checkpoints
            RunHeader.deadTrials(plan, study.failDeadTrials(), out);
        }
        if (plan.worker()) {
            try (InterruptedRun hook = InterruptedRun.install(study, null, null, null, continuing)) {
                if (multi) {
                    study.optimize(multiTrials, plan.budget(), plan.threads());
                } else {
                    study.optimize(trials, plan.budget(), plan.threads());
                }
            }
            return null;
        }
        storage.setStudySystemAttr(study.id(), SpaceCheck.ATTR, SpaceCheck.of(spec));
        if (base != null) {
            storage.setStudySystemAttr(study.id(), Baseline.ATTR, base.toMap());
        }
        RunHeader.strategies(plan, study, artifacts, out);
        Instant start = Instant.now();
        RunHeader.Progress before = RunHeader.Progress.of(study);
        IsolatedWorkers workers = plan.isolate() ? new IsolatedWorkers(plan, work, lines, study) : null;
        try (ProgressDisplay shown = progress.start(study);
                InterruptedRun hook = InterruptedRun.install(study, workers, lines, plan.persistent() ? resume : null,
                        plan.scheduled() || continuing)) {
            if (pool != null) {
                pool.run(RunPlanJson.write(plan.forWorker()), study);
            } else if (workers != null) {
                workers.run();
            } else if (plan.scheduled()) {
                study.optimizeResumable(objective, plan.budget(), plan.threads());
            } else if (multi) {
                study.optimize(multiTrials, plan.budget(), plan.onDevices()
                        ? new SlotThreads(plan.slots(), new Nd4jInventory(), spec.study().name()) : null, plan.threads());
            } else {
                study.optimize(trials, plan.budget(), plan.threads(), plan.onDevices()
                        ? new SlotThreads(plan.slots(), new Nd4jInventory(), spec.study().name()) : null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the workers ran", e);
        }
        if (existing.isPresent() && before.equals(RunHeader.Progress.of(study))) {
            RunHeader.nothingTrained(study, spec.study().trials(), out);
        }
        Summary summary = Summary.of(study, plan.metric(), BestOnTest.metrics(study, objective, data),
                base == null ? null : base.value(), base == null ? null : base.test(), Duration.between(start, Instant.now()),
                spec.study().metrics());
        summary.print(out);
        return summary;
    }

    /** The plan with its trials in the pool's workers; a scheduling pruner needs one process and is refused. */
    private RunPlan placedInPool(RunPlan plan) {
        if (plan.scheduled() && !(plan.pruner() instanceof AdaptiveScheduler)) {   // auto stops trials in workers
            throw new UserError("pruner.type: " + plan.spec().pruner().type() + " pauses and resumes trials from"
                    + " checkpoints in one process, but here they train in other processes (" + pool.placement()
                    + "); use an asynchronous pruner (asha, hyperband, median, percentile, patience) or dl4j-tuner run");
        }
        if (!plan.persistent()) {
            throw new UserError("study.storage: " + (plan.spec().study().storage() == null ? "none (memory)"
                    : plan.spec().study().storage()) + " is not shared with other processes, but here the trials train"
                    + " in them (" + pool.placement() + "); give storage every worker reaches:"
                    + " postgresql://USER:PASSWORD@HOST:PORT/DB, or sqlite:PATH on a filesystem all of them share");
        }
        return new RunPlan(plan.spec(), plan.options(), plan.storageUrl(),
                new IsolatedWorkers.Placement(false, pool.placement()), plan.parallelLine(), plan.slots());
    }

    private static Storage open(String url) {
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("study.storage: " + e.getMessage());
        }
    }
}
