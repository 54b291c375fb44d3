package org.dl4jtuner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dl4jtuner.cli.run.ParentWatch;
import org.dl4jtuner.cli.run.StudyRunner;
import org.dl4jtuner.tuner.TooManyFailuresException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dl4j-tuner worker PLAN.json --parent PID} (internal): a worker JVM of a {@code run} that isolates its
 * trials. It trains the trials of the plan its parent wrote, one at a time, until the study holds
 * its trials, and stops when the parent does.
 *
 * <p>Exit codes the parent reads: 0 the study is done, 2 a user error, 3 a trial hit a JVM error
 * (it is FAIL in storage; start another worker), 4 too many failed trials in a row (stop the study).
 */
@Command(name = StudyRunner.WORKER_COMMAND, hidden = true, mixinStandardHelpOptions = true,
        description = "Run the trials of a plan written by 'run --isolate' (internal).")
final class WorkerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PLAN.json", description = "The run plan the parent wrote.")
    Path planFile;

    @Option(names = "--parent", paramLabel = "PID", required = true,
            description = "The run process that started this worker; the worker stops when it is gone.")
    long parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ParentWatch.dieWith(parent);
        PrintWriter out = spec.commandLine().getOut();
        String plan;
        try {
            plan = Files.readString(planFile);
        } catch (IOException e) {
            throw new UserError("PLAN.json: " + planFile + " cannot be read (" + e.getMessage() + ")");
        }
        try {
            StudyRunner.worker(plan, out).run();
            return 0;
        } catch (TooManyFailuresException e) {
            out.flush();
            spec.commandLine().getErr().println("error: " + tooManyFailures(e));
            return 4;
        } catch (Error e) {
            // the trial is already FAIL with this error in storage; the parent starts a new worker
            spec.commandLine().getErr().println("error: a trial hit " + e);
            return 3;
        }
    }

    /** The message of a study stopped by failed trials in a row, with where their reasons are. */
    static String tooManyFailures(TooManyFailuresException e) {
        return e.getMessage() + "; every failed trial's message and stack trace are in storage (dl4j-tuner trials --json)";
    }
}
