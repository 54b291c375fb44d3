package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What {@code dl4j-tuner} says about a command line it cannot parse: one line on stderr, with a
 * "did you mean" for a mistyped command or option, and exit code 2; never the whole usage.
 *
 * <pre>
 * $ dl4j-tuner rnu study.yaml
 * error: unknown command 'rnu'; did you mean: run?
 * $ dl4j-tuner run study.yaml --trials abc
 * error: --trials: 'abc' is not a whole number
 * </pre>
 */
final class CommandLineMistakes {
    /** The exit code of a command line that could not be parsed, as for any other mistake of the user's. */
    static final int EXIT_CODE = 2;

    private CommandLineMistakes() {
    }

    /** Prints the one-line message for {@code e} and returns {@link #EXIT_CODE}. */
    static int handle(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + Main.bounded(message(e)));
        err.flush();
        return EXIT_CODE;
    }

    /** The message without "error: ": what was wrong, with the value given and what would be right. */
    static String message(ParameterException e) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getCommandSpec().qualifiedName();
        if (e instanceof UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            List<String> suggestions = suggestions(first, u.isUnknownOption()
                    ? cli.getCommandSpec().options().stream().filter(o -> !o.hidden()).flatMap(o -> Stream.of(o.names()))
                            .toList()
                    : List.copyOf(cli.getSubcommands().keySet()), u.getSuggestions());
            String meant = suggestions.isEmpty() ? "" : "; did you mean: " + String.join(", ", suggestions) + "?";
            if (u.isUnknownOption()) {
                return "unknown option '" + first + "' of " + command + meant
                        + (meant.isEmpty() ? " (" + command + " --help lists them)" : "");
            }
            boolean takesCommands = !cli.getSubcommands().isEmpty();
            if (takesCommands) {
                return "unknown command '" + first + "'" + meant
                        + (meant.isEmpty() ? " (" + command + " --help lists the commands)" : "");
            }
            return command + " takes no argument '" + first + "'" + meant + " (" + command + " --help)";
        }
        ArgSpec arg = e.getArgSpec();
        String value = e.getValue();
        if (arg != null && value != null && !(e instanceof CommandLine.MissingParameterException)) {
            String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
            String expected = expected(arg.type());
            if (expected != null) {
                return name + ": '" + value + "' is not " + expected;
            }
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return lowerFirst(text) + " (" + command + " --help)";
    }

    /**
     * The names close to what was typed: one or two edits away (a swapped pair of letters is one:
     * {@code rnu} is {@code run}), or starting with it; picocli's own suggestions when none is.
     */
    static List<String> suggestions(String typed, List<String> names, List<String> picocli) {
        String key = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        int allowed = key.replaceFirst("^-+", "").length() <= 4 ? 1 : 2;
        List<String> close = names.stream().filter(n -> !n.equals(key)
                && (distance(key, n) <= allowed || (key.length() >= 3 && n.startsWith(key)))).distinct()
                .sorted(Comparator.comparingInt((String n) -> distance(key, n))).toList();
        return close.isEmpty() ? picocli.stream().limit(3).toList() : close;
    }

    /** Edits (insert, delete, replace, swap two neighbours) between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** What a value of an option of this type must be, or null for types without a simple rule. */
    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        return null;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
