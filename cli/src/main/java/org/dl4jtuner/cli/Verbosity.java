package org.dl4jtuner.cli;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The {@code -v}/{@code -q} switch. Library log lines go to stderr; by default only warnings
 * (or the level in {@code DL4J_TUNER_LOG_LEVEL}). {@code -v} shows INFO, {@code -vv} DEBUG (and
 * DL4J's own INFO lines); {@code -q} shows errors only and drops the line per trial.
 */
final class Verbosity {
    private static volatile int verbose;
    private static volatile boolean quiet;

    private Verbosity() {
    }

    /** Back to the defaults, before a command line is parsed. */
    static void reset() {
        verbose = 0;
        quiet = false;
        apply();
    }

    static void verbose(int count) {
        verbose = count;
        apply();
    }

    static void quiet(boolean on) {
        quiet = on;
        apply();
    }

    /** The flags that set the current verbosity ({@code -q}, {@code -v}, {@code -vv}, or none), for child JVMs. */
    static List<String> flags() {
        if (quiet) {
            return List.of("-q");
        }
        return verbose == 0 ? List.of() : List.of("-" + "v".repeat(Math.min(verbose, 2)));
    }

    /** Whether {@code -v} or {@code -vv} was given. */
    static boolean verbose() {
        return verbose > 0 && !quiet;
    }

    /** Whether {@code -q} was given. */
    static boolean quiet() {
        return quiet;
    }

    private static void apply() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger tuner = context.getLogger("org.dl4jtuner");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (quiet) {
            tuner.setLevel(Level.ERROR);
            root.setLevel(Level.ERROR);
        } else if (verbose >= 2) {
            tuner.setLevel(Level.DEBUG);
            root.setLevel(Level.INFO);
        } else if (verbose == 1) {
            tuner.setLevel(Level.INFO);
            root.setLevel(Level.WARN);
        } else {
            tuner.setLevel(Level.toLevel(System.getenv("DL4J_TUNER_LOG_LEVEL"), Level.WARN));
            root.setLevel(Level.WARN);
        }
    }
}
