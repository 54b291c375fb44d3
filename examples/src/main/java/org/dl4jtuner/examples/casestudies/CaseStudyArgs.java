package org.dl4jtuner.examples.casestudies;

import java.util.List;

import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;

/**
 * The command line every case study accepts: {@code --quick} (a reduced run, under two minutes on
 * two cores), {@code --seed N} (the test split, the folds, the sampler and the models; default 42)
 * and {@code --pruner median|none} (whether a configuration may stop between cross-validation
 * folds; default median).
 *
 * <pre>{@code
 * CaseStudyArgs options = CaseStudyArgs.parseOrExit(args);
 * int folds = options.quick() ? 3 : 5;
 * }</pre>
 *
 * @param quick  the reduced run
 * @param seed   the seed of everything random
 * @param pruner "median" or "none"
 */
public record CaseStudyArgs(boolean quick, long seed, String pruner) {
    /** The accepted pruner names. */
    public static final List<String> PRUNERS = List.of("median", "none");
    /** The exit code of a mistake in the arguments, as the command line's. */
    public static final int USAGE_EXIT_CODE = 2;
    private static final String USAGE = "accepted arguments: --quick, --seed N, --pruner median|none";

    /** Checks the pruner name. */
    public CaseStudyArgs {
        if (!PRUNERS.contains(pruner)) {
            throw new IllegalArgumentException("--pruner must be one of " + PRUNERS + ", but got '" + pruner + "'");
        }
    }

    /**
     * Parses the arguments of a case study's main; a mistake is one line on stderr
     * ({@code error: ...}) and exit code {@value #USAGE_EXIT_CODE}, as in the command line, not a
     * stack trace.
     */
    public static CaseStudyArgs parseOrExit(String[] args) {
        return parseOrExit(args, null);
    }

    /**
     * {@link #parseOrExit(String[])} for a case study that takes no {@code --pruner}.
     *
     * @param noPrunerReason why {@code --pruner} does not apply, or null when it does
     */
    public static CaseStudyArgs parseOrExit(String[] args, String noPrunerReason) {
        try {
            return parseWithoutPruner(args, noPrunerReason);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(USAGE_EXIT_CODE);
            throw e;
        }
    }

    /** Parses the arguments, refusing {@code --pruner} for {@code noPrunerReason} when it is not null. */
    static CaseStudyArgs parseWithoutPruner(String[] args, String noPrunerReason) {
        if (noPrunerReason != null && List.of(args).contains("--pruner")) {
            throw new IllegalArgumentException("--pruner: " + noPrunerReason + "; accepted arguments: --quick, --seed N");
        }
        return parse(args);
    }

    /** Parses the arguments of a case study's main. */
    public static CaseStudyArgs parse(String... args) {
        boolean quick = false;
        long seed = 42;
        String pruner = "median";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--seed" -> seed = parseSeed(valueOf(args, i++));
                case "--pruner" -> pruner = valueOf(args, i++);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        return new CaseStudyArgs(quick, seed, pruner);
    }

    /**
     * The pruner between folds: the median pruner judges a configuration from its second fold on,
     * once {@code warmupTrials} configurations have completed every fold; or none.
     */
    public Pruner foldPruner(int warmupTrials) {
        return pruner.equals("median") ? Pruners.median(warmupTrials, 1) : Pruners.none();
    }

    private static String valueOf(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
        }
        return args[i + 1];
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer, but got '" + text + "'", e);
        }
    }
}
