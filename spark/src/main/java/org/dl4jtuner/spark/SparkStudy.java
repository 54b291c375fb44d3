package org.dl4jtuner.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jtuner.cli.StudyRunOptions;
import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.run.Machine;
import org.dl4jtuner.cli.run.ProgressDisplay;
import org.dl4jtuner.cli.run.RunOptions;
import org.dl4jtuner.cli.run.StudyRunner;
import org.dl4jtuner.cli.run.Summary;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;
import org.dl4jtuner.gpu.Backend;
import org.dl4jtuner.gpu.BackendReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs a study's trials as Spark tasks. The driver checks the spec, the data and a probe network as
 * {@code dl4j-tuner run} does (a mistake exits 2 with nothing written), creates or resumes the study
 * on shared storage and trains the baseline; then {@code --workers} tasks each train trials one at a
 * time (ask, train, tell) until the study holds its trials, and the driver prints the summary. A
 * {@code data.path} that is a URL ({@code hdfs://}, {@code s3a://}, {@code file://}, ...) is read through
 * Spark's Hadoop file system and copied once into the driver's and each executor's {@code --data-cache}.
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --class org.dl4jtuner.spark.SparkStudy dl4j-tuner-spark.jar \
 *     study.yaml --storage postgresql://tuner:secret@db:5432/tuner --workers 16
 * java [Spark's --add-opens flags] -cp 'dl4j-tuner-spark.jar:spark-jars/*' org.dl4jtuner.spark.SparkStudy \
 *     study.yaml --storage sqlite:study.db --master 'local[2]'
 * </pre>
 *
 * <p>Exit codes: 0 the study holds a complete trial, 1 none completed or the tasks failed, 2 bad input.
 */
@Command(name = "SparkStudy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the study a YAML spec describes with its trials in Spark tasks on shared storage.")
public final class SparkStudy implements Callable<Integer> {
    @Mixin
    StudyRunOptions run = new StudyRunOptions();

    @Option(names = "--storage", paramLabel = "URL", description = "Override study.storage: postgresql://USER:PASSWORD"
            + "@HOST:PORT/DB that every executor reaches, or sqlite:PATH on a filesystem all of them share.")
    String storage;

    @Option(names = "--workers", paramLabel = "N", description = "Spark tasks, each training one trial at a time"
            + " (default: one per executor core, over spark.task.cpus).")
    Integer workers;

    @Option(names = "--master", paramLabel = "URL", description = "The Spark master, e.g. local[2] to try on this"
            + " machine without spark-submit; overrides spark-submit's --master.")
    String master;

    @Option(names = "--trials-per-device", paramLabel = "N",
            description = "Tasks sharing one GPU of an executor (default: study.trials_per_device).")
    Integer trialsPerDevice;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "Where trials' networks go, a folder every"
            + " executor can write (default: next to an SQLite file, else ./dl4j-tuner-artifacts of the driver).")
    Path artifacts;

    @Option(names = "--data-cache", paramLabel = "DIR", description = "Where the driver and each executor keep their"
            + " copy of a data.path URL (hdfs://, s3a://, file://, ...), one per version (default: dl4j-tuner-data in"
            + " each one's java.io.tmpdir).")
    Path dataCache;

    @Option(names = {"-v", "--verbose"}, description = "Keep Spark's own log level (else WARN on the driver).")
    boolean verbose;

    private PrintWriter out;
    private String[] args = new String[0];

    /** Runs the study and exits with the exit code (returns normally on success, as spark-submit expects). */
    public static void main(String[] args) {
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        SparkStudy command = new SparkStudy();
        command.out = out;
        command.args = args.clone();
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, given) -> {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean user = e instanceof UserError || e instanceof IllegalArgumentException;
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (!user) {
                e.printStackTrace(err);
            }
            err.flush();
            return user ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        run.check();
        StudyRunOptions.atLeast("--workers", workers, 1);
        StudyRunOptions.atLeast("--trials-per-device", trialsPerDevice, 1);
        Map<String, Object> document = StudySpecParser.read(run.specFile);
        // a data URL is read through the Hadoop configuration of the SparkContext: the spec is checked once it is copied
        String dataUrl = RemoteData.urlIn(document);
        StudySpec spec = dataUrl == null ? spec(document) : null;
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new UserError("--master: not given, and Spark has no master (spark-submit --master URL); give"
                    + " --master local[N] to try on this machine");
        }
        conf.setIfMissing("spark.app.name",
                "dl4j-tuner " + (spec != null ? spec.study().name() : run.specFile.getFileName()));
        // one OpenMP thread per core a task holds, so tasks on an executor share its cores
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.task.cpus", "1"));
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            if (!verbose) {
                spark.setLogLevel("WARN");
            }
            RemoteData remoteData = null;
            if (dataUrl != null) {
                String type = RemoteData.typeIn(document);
                DataCache.Copy copy = RemoteData.copy(dataUrl, type, spark.hadoopConfiguration(),
                        dataCache != null ? new DataCache(dataCache) : DataCache.in(null));
                out.println(RemoteData.KEY + " on the driver: " + copy.describe(dataUrl));
                remoteData = RemoteData.of(dataUrl, type, spark.hadoopConfiguration(), dataCache);
                spec = spec(RemoteData.withLocalPath(document, copy.path()));
            }
            String url = spec.study().storage();
            int n;
            if (workers != null) {
                n = workers;
            } else {
                WorkerCount count = WorkerCount.of(spark.getConf(), spark.defaultParallelism());
                out.println(count.reason());
                n = count.workers();
            }
            StudySpec resolved = spec.withOverrides(null, null, n, null);
            RunOptions options = new RunOptions(!run.noBaseline, run.allowSpaceChange, run.retryFailed, null,
                    run.maxFailures,
                    artifactsFolder(url), RunOptions.Isolation.NEVER, List.of(), false, ProgressDisplay.Mode.LINES,
                    List.of(), List.of());
            ExecutorDevices devices = ExecutorDevices.nd4j(trialsPerDevice != null ? trialsPerDevice
                    : resolved.study().trialsPerDevice());
            SparkWorkers pool = new SparkWorkers(spark, n, devices, out, resolved.study().trials(),
                    resolved.study().timeLimit(), remoteData);
            Summary summary = new StudyRunner(resolved, out, options, driverMachine()).workers(pool)
                    .resumeCommand(resumeCommand()).run();
            run.writeSummary(summary, out);
            out.flush();
            return summary.best() == null ? 1 : 0;
        }
    }

    /** The spec with the command line's overrides; its storage must be one every executor reaches. */
    private StudySpec spec(Map<String, Object> document) {
        StudySpec spec = StudySpecParser.parse(document, run.specFile)
                .withOverrides(run.trials, run.maxEpochs, null, null).withStudy(run.studyName, absoluteSqlite(storage));
        String url = spec.study().storage();
        if (url == null || url.equals("memory")) {
            throw new UserError("--storage: " + (url == null ? "not given, and the spec has no study.storage" : "memory")
                    + "; Spark tasks share the study through storage every executor reaches: give"
                    + " --storage postgresql://USER:PASSWORD@HOST:PORT/DB, or sqlite:PATH on a filesystem all of them share");
        }
        return spec;
    }

    /** sqlite:PATH made absolute against the driver's folder, so executors in other folders open the same file. */
    private static String absoluteSqlite(String url) {
        if (url != null && url.startsWith("sqlite:") && url.length() > "sqlite:".length()) {
            return "sqlite:" + Path.of(url.substring("sqlite:".length())).toAbsolutePath().normalize();
        }
        return url;
    }

    /** --artifacts, absolute; for PostgreSQL by default the driver's ./dl4j-tuner-artifacts, absolute (as run's). */
    private Path artifactsFolder(String url) {
        if (artifacts != null) {
            return artifacts.toAbsolutePath();
        }
        return url.startsWith("sqlite:") ? null : Path.of("dl4j-tuner-artifacts").toAbsolutePath();
    }

    /** This machine as the plan sees it: the driver trains no trial, so it assigns no device (executors pick theirs). */
    private static Machine driverMachine() {
        Machine here = Machine.here();
        BackendReport r = here.backend();
        return new Machine(here.availableBytes(), new BackendReport(Backend.CPU, r.backendArtifact(), r.nativeBuild(),
                r.nd4jVersion(), r.dl4jVersion(), r.cores(), r.memoryBytes(), r.availableBytes(), r.maxHeapBytes(),
                r.blasVendor(), r.ompThreads(), r.instructionSets(), List.of(), r.problems(), r.notes()));
    }

    private String resumeCommand() {
        return StudyRunOptions.resumeCommand("spark-submit --class " + SparkStudy.class.getName()
                + " dl4j-tuner-spark.jar", List.of(args));
    }
}
