package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dl4jtuner.cli.run.StudyRunner;
import org.dl4jtuner.cli.run.Summary;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dl4j-tuner run STUDY.yaml}: runs the study a YAML spec describes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the study described by a YAML spec: one line per finished trial, then a summary.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study spec.")
    Path specFile;

    @Option(names = "--trials", description = "Override study.trials.")
    Integer trials;

    @Option(names = "--max-epochs", description = "Override pruner.max_epochs (the epochs a trial trains at most).")
    Integer maxEpochs;

    @Option(names = "--parallel", description = "Override study.parallel (trials at a time).")
    Integer parallel;

    @Option(names = "--seed", description = "Override study.seed.")
    Long seed;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    Path summaryFile;

    @Option(names = "--no-baseline", description = "Skip training the untuned default network first.")
    boolean noBaseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StudySpec study = StudySpecParser.parse(specFile).withOverrides(trials, maxEpochs, parallel, seed);
        PrintWriter out = spec.commandLine().getOut();
        Summary summary = new StudyRunner(study, out, !noBaseline).run();
        if (summaryFile != null) {
            summary.write(summaryFile);
            out.println("summary written to " + summaryFile);
            out.flush();
        }
        return summary.best() == null ? 1 : 0;
    }
}
