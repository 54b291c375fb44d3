package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.gpu.Nd4jInventory;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.Study;
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

    /** A runner with the given run options ({@link RunOptions#defaults()} for a study run from Java). */
    public StudyRunner(StudySpec spec, PrintWriter out, RunOptions options) {
        this(work -> RunPlan.of(spec, options, Machine.here(), work), out);
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
     * Runs everything and returns the summary (also printed; null in a worker JVM). With persistent
     * storage, a study of the same name continues: its trials, sampler history and baseline are
     * kept, trials whose process died are failed (and retried if asked), and the study stops when it
     * holds {@code study.trials} trials in all.
     */
    public Summary run() throws IOException {
        Path work = Files.createTempDirectory("dl4j-tuner-");
        try {
            RunPlan plan = planner.apply(work);
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
        Path checkpoints = plan.scheduled() ? plan.checkpointsFolder(record) : null;
        NetworkObjective objective = objectives.trials(checkpoints != null ? checkpoints : work.resolve("trials"), artifacts);
        ProgressDisplay progress = new ProgressDisplay(out, plan.options().progress(), spec.study().trials(),
                spec.pruner().maxEpochs(), spec.study().timeLimit(), Clock.systemUTC());
        PrintWriter lines = progress.writer();
        Study.Builder builder = Study.builder().name(spec.study().name()).direction(spec.study().direction())
                .seed(spec.study().seed()).metricName(plan.metric().id()).sampler(plan.sampler()).pruner(plan.pruner())
                .storage(storage).reproducible(spec.study().reproducible())
                .retryDeadTrials(plan.options().retryDeadTrials()).maxConsecutiveFailures(plan.options().maxFailures())
                .provenance(RunProvenance.forRun(plan, storage, record)).callback(objective::forget);
        if (progress.trialLines()) {
            builder.callback(new TrialLines(lines, plan.metric().id(), storage, spec.study().name(), progress.lineWidth()));
        }
        WarmStarts.warmStart(builder, spec.study(), storage);
        Study study = builder.build();
        if (!plan.worker()) {
            WarmStarts.enqueueOnce(study, spec.study().enqueue());
            storage.setStudySystemAttr(study.id(), DatasetFeatures.ATTR, DatasetFeatures.of(spec.data(), data));
        }
        if (!plan.scheduled()) {
            // a scheduler takes the trials a killed run left over and continues them from their checkpoints
            RunHeader.deadTrials(plan, study.failDeadTrials(), out);
        }
        if (plan.worker()) {
            try (InterruptedRun hook = InterruptedRun.install(study, null, null, null)) {
                study.optimize(objective, plan.budget(), plan.threads());
            }
            return null;
        }
        storage.setStudySystemAttr(study.id(), SpaceCheck.ATTR, SpaceCheck.of(spec));
        if (base != null) {
            storage.setStudySystemAttr(study.id(), Baseline.ATTR, base.toMap());
        }
        RunHeader.strategies(plan, study, artifacts, out);
        Instant start = Instant.now();
        IsolatedWorkers workers = plan.isolate() ? new IsolatedWorkers(plan, work, lines, study) : null;
        try (ProgressDisplay shown = progress.start(study);
                InterruptedRun hook = InterruptedRun.install(study, workers, lines, plan.persistent() ? resume : null,
                        plan.scheduled())) {
            if (workers != null) {
                workers.run();
            } else if (plan.scheduled()) {
                study.optimizeResumable(objective, plan.budget(), plan.threads());
            } else {
                study.optimize(objective, plan.budget(), plan.threads(), plan.onDevices()
                        ? new SlotThreads(plan.slots(), new Nd4jInventory(), spec.study().name()) : null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the workers ran", e);
        }
        Summary summary = Summary.of(study, plan.metric(), BestOnTest.metrics(study, objective, data),
                base == null ? null : base.value(), base == null ? null : base.test(), Duration.between(start, Instant.now()));
        summary.print(out);
        return summary;
    }

    private static Storage open(String url) {
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("study.storage: " + e.getMessage());
        }
    }
}
