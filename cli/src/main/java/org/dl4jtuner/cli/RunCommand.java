package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.dl4jtuner.cli.run.ProgressDisplay;
import org.dl4jtuner.cli.run.RunOptions;
import org.dl4jtuner.cli.run.StudyRunner;
import org.dl4jtuner.cli.run.Summary;
import org.dl4jtuner.cli.spec.StudySection;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;
import org.dl4jtuner.tuner.TooManyFailuresException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dl4j-tuner run STUDY.yaml}: runs the study a YAML spec describes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the study described by a YAML spec: one line per finished trial, then a summary.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    StudyRunOptions run = new StudyRunOptions();

    @Option(names = "--parallel", paramLabel = "N|auto",
            description = "Override study.parallel: trials at a time, or auto (one per core; per device on CUDA).")
    String parallel;

    @Option(names = "--reproducible", description = "Trial n is proposed and pruned only from the finished trials"
            + " numbered below n - 4, so the same seed gives the same trials with any --parallel (study.reproducible).")
    boolean reproducible;

    @Option(names = "--seed", description = "Override study.seed.")
    Long seed;

    @Option(names = "--storage", paramLabel = "URL",
            description = "Override study.storage: sqlite:PATH, postgresql://USER:PASSWORD@HOST:PORT/DB or memory.")
    String storage;

    @Option(names = "--trial-timeout", paramLabel = "DURATION",
            description = "Fail a trial at the first epoch past this much training, e.g. 30m or 1h30m.")
    String trialTimeout;

    @Option(names = "--isolate", description = "Run trials in child JVMs (workers): a native crash or an out-of-memory"
            + " kills one trial, not the study. The default for a study on SQLite or PostgreSQL storage when the"
            + " machine has the memory for a worker JVM.")
    boolean isolate;

    @Option(names = "--no-isolate", description = "Train in this process, also for a study on SQLite or PostgreSQL"
            + " storage.")
    boolean noIsolate;

    @Option(names = "--worker-jvm-options", paramLabel = "OPTIONS",
            description = "JVM options of the --isolate workers, e.g. \"-Xmx4g -Dorg.bytedeco.javacpp.maxbytes=8G\".")
    String workerJvmOptions;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "Where trials' networks go (default: next to an SQLite file, else ./dl4j-tuner-artifacts).")
    Path artifacts;

    @Option(names = "--classpath", paramLabel = "PATHS",
            description = "Jars and folders, separated by ':', holding the class that a custom model"
                    + " (model.type: custom) names.")
    String classpath;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a live status line on a terminal, plain lines otherwise), bar or lines"
                    + " (default: ${DEFAULT-VALUE}).")
    String progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StudySpec study = StudySpecParser.parse(run.specFile).withOverrides(run.trials, run.maxEpochs,
                parallelOverride(), seed, reproducible ? Boolean.TRUE : null).withStudy(run.studyName, storage);
        run.check();
        Duration timeout = trialTimeout == null ? null : StudySpecParser.parseDuration("--trial-timeout", trialTimeout);
        PrintWriter out = spec.commandLine().getOut();
        List<String> jvmOptions = workerJvmOptions == null || workerJvmOptions.isBlank() ? List.of()
                : List.of(workerJvmOptions.trim().split("\\s+"));
        if (isolate && noIsolate) {
            throw new UserError("--isolate and --no-isolate contradict each other; give one of them");
        }
        RunOptions.Isolation isolation = noIsolate ? RunOptions.Isolation.NEVER
                : isolate ? RunOptions.Isolation.ALWAYS : RunOptions.Isolation.DEFAULT;
        RunOptions options = new RunOptions(!run.noBaseline, run.allowSpaceChange, run.retryFailed, timeout,
                run.maxFailures, artifacts, isolation, jvmOptions, false, progressMode(), Verbosity.flags(),
                classpathEntries());
        Summary summary;
        try {
            summary = new StudyRunner(study, out, options).resumeCommand(resumeCommand()).run();
        } catch (TooManyFailuresException e) {
            out.flush();
            spec.commandLine().getErr().println("error: " + WorkerCommand.tooManyFailures(e));
            return 1;
        }
        run.writeSummary(summary, out);
        return summary.found() ? 0 : 1;
    }

    /** This command line as the user typed it: run again, it resumes the study. */
    private String resumeCommand() {
        return StudyRunOptions.resumeCommand("dl4j-tuner", spec.root().commandLine().getParseResult().originalArgs());
    }

    private List<Path> classpathEntries() {
        if (classpath == null || classpath.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator)).filter(p -> !p.isBlank())
                .map(p -> Path.of(p.trim()).toAbsolutePath()).toList();
    }

    /** --parallel N or auto, or null when not given. */
    private Integer parallelOverride() {
        if (parallel == null) {
            return null;
        }
        if (parallel.equals("auto")) {
            return StudySection.AUTO_PARALLEL;
        }
        try {
            int n = Integer.parseInt(parallel.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new UserError("--parallel: expected an integer >= 1 or auto, but got '" + parallel + "'");
    }

    private ProgressDisplay.Mode progressMode() {
        if (Verbosity.quiet()) {
            return ProgressDisplay.Mode.QUIET;
        }
        return switch (progress) {
            case "auto" -> Main.stdoutIsTerminal() ? ProgressDisplay.Mode.BAR : ProgressDisplay.Mode.LINES;
            case "bar" -> ProgressDisplay.Mode.BAR;
            case "lines" -> ProgressDisplay.Mode.LINES;
            default -> throw new UserError("--progress: must be auto, bar or lines, but got '" + progress + "'");
        };
    }
}
