package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.dl4jtuner.cli.run.Summary;
import org.dl4jtuner.storage.Storages;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every command that runs a study shares ({@code dl4j-tuner run} and the Spark module's
 * {@code SparkStudy}): the spec, its overrides, the failure limits, the baseline and the summary file.
 * A picocli mixin, so each option has one name, one description and one check.
 */
public final class StudyRunOptions {

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study spec.")
    public Path specFile;

    @Option(names = "--study", paramLabel = "NAME", description = "Override study.name.")
    public String studyName;

    @Option(names = "--trials", description = "Override study.trials.")
    public Integer trials;

    @Option(names = "--max-epochs", description = "Override pruner.max_epochs (the epochs a trial trains at most).")
    public Integer maxEpochs;

    @Option(names = "--retry-failed", paramLabel = "N", defaultValue = "0",
            description = "Run a trial whose process (or executor) died again, up to N times (default ${DEFAULT-VALUE}).")
    public int retryFailed;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "10",
            description = "Stop after N failed trials in a row; 0 never stops (default ${DEFAULT-VALUE}).")
    public int maxFailures;

    @Option(names = "--no-baseline", description = "Skip training the untuned default network first.")
    public boolean noBaseline;

    @Option(names = "--allow-space-change", description = "Resume a stored study even if the search space changed.")
    public boolean allowSpaceChange;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    public Path summaryFile;

    /** Refuses a negative {@code --retry-failed} or {@code --max-failures}, naming the option and the value. */
    public void check() {
        atLeast("--retry-failed", retryFailed, 0);
        atLeast("--max-failures", maxFailures, 0);
    }

    /** Writes the summary to {@code --summary FILE} when it was given, and says so. */
    public void writeSummary(Summary summary, PrintWriter out) throws java.io.IOException {
        if (summaryFile != null) {
            summary.write(summaryFile);
            out.println("summary written to " + summaryFile);
            out.flush();
        }
    }

    /** Refuses {@code value < min} (a null value is an option not given) with an error naming the option. */
    public static void atLeast(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw new UserError(option + " >= " + min + " must hold, but got " + value);
        }
    }

    /**
     * The command line that resumes the study: {@code prefix} and the arguments as typed, a password in
     * a storage URL masked and any argument a shell would split quoted. Printed when a run is interrupted.
     */
    public static String resumeCommand(String prefix, List<String> args) {
        StringBuilder b = new StringBuilder(prefix);
        for (String arg : args) {
            String masked = Storages.redact(arg);
            b.append(' ').append(masked.matches("[A-Za-z0-9_./:=@%+,-]+") ? masked
                    : "'" + masked.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }
}
