package org.dl4jtuner.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dl4j-tuner} command. Subcommands: {@code run}, {@code trials}, {@code best}, {@code plan}.
 *
 * <pre>
 * ./dl4j-tuner plan --max-resource 81 --eta 3
 * </pre>
 */
@Command(name = "dl4j-tuner", mixinStandardHelpOptions = true, version = "dl4j-tuner 0.1.0",
        description = "Hyperparameter tuning for Deeplearning4j.",
        subcommands = {RunCommand.class, TrialsCommand.class, BestCommand.class, PlanCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof UserError) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
