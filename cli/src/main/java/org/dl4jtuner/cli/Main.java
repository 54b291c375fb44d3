package org.dl4jtuner.cli;

import java.io.PrintWriter;

import org.dl4jtuner.cli.doctor.DoctorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code dl4j-tuner} command. Subcommands: {@code run}, {@code studies}, {@code trials}, {@code best},
 * {@code dashboard}, {@code report}, {@code delete-study}, {@code plan}, {@code doctor}, {@code completion}. A
 * mistake on the command line (an unknown command or option, a value that is not a number) is one line on stderr
 * and exit 2.
 *
 * <pre>
 * ./dl4j-tuner plan --max-resource 81 --eta 3
 * </pre>
 */
@Command(name = "dl4j-tuner", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hyperparameter tuning for Deeplearning4j.",
        subcommands = {RunCommand.class, StudiesCommand.class, TrialsCommand.class, BestCommand.class,
                DashboardCommand.class, ReportCommand.class, DeleteStudyCommand.class, PlanCommand.class,
                ExportCurvesCommand.class, DoctorCommand.class, CompletionCommand.class, WorkerCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Whether standard output is a terminal (and not a file, a pipe or {@code nohup}'s log). */
    private static volatile boolean terminal;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show the library's log lines on stderr: -v INFO, -vv DEBUG.")
    void verbose(boolean[] flags) {
        Verbosity.verbose(flags.length);
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Errors only: no log lines below ERROR and no line per trial.")
    void quiet(boolean quiet) {
        Verbosity.quiet(quiet);
    }

    public static void main(String[] args) {
        terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Whether {@code main} found standard output to be a terminal; false under {@link #execute}. */
    static boolean stdoutIsTerminal() {
        return terminal;
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Verbosity.reset();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(CommandLineMistakes::handle);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter printed = commandLine.getErr();
            if (e instanceof IllegalArgumentException || e instanceof UserError) {
                printed.println("error: " + bounded(e.getMessage()));
                return 2;
            }
            // not the user's mistake: its message, and the stack trace only when asked for
            printed.println("error: " + bounded(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (Verbosity.verbose() ? "" : " (an internal error; -v shows where it happened)"));
            if (Verbosity.verbose()) {
                e.printStackTrace(printed);
            }
            printed.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** The longest message printed whole; a longer one is cut, saying how much was left out. */
    static final int MAX_MESSAGE = 2000;

    /** {@code message} cut to {@link #MAX_MESSAGE} characters with "... (N more characters)". */
    static String bounded(String message) {
        if (message == null) {
            return "(no message)";
        }
        if (message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "... (" + (message.length() - MAX_MESSAGE) + " more characters)";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
