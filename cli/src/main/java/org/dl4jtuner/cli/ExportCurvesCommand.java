package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.dl4jtuner.dashboard.CurveCsv;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dl4j-tuner export-curves --storage URL [--study NAME] curves.csv[.gz]}: every trial's
 * learning curve, with each epoch's CPU seconds, in the digits-mlp-lc layout ({@link CurveCsv}), so
 * a search of your own becomes a benchmark table that tuners can be replayed on.
 */
@Command(name = "export-curves", mixinStandardHelpOptions = true,
        description = "Write every trial's learning curve (value, training loss and CPU seconds per epoch) as CSV;"
                + " a file name ending in .gz is gzipped.")
final class ExportCurvesCommand implements Callable<Integer> {
    @Option(names = "--storage", required = true, paramLabel = "URL", description = "sqlite:PATH or postgresql://...")
    String storage;

    @Option(names = "--study", paramLabel = "NAME", description = "The study (optional when the storage holds one).")
    String study;

    @Parameters(index = "0", paramLabel = "CURVES.csv", description = "The file to write (.csv or .csv.gz).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFile.check("CURVES.csv", file, "curves.csv");
        try (Storage s = StoredStudies.openReadOnly(storage)) {
            StudyRecord record = StoredStudies.find(s, storage, study);
            List<FrozenTrial> trials = s.trials(record.id(), Set.of());
            Object metric = s.studySystemAttrs(record.id()).get(Study.METRIC_NAME_ATTR);
            CurveCsv.write(trials, metric instanceof String m ? m : null, file);
            long rows = trials.stream().mapToLong(t -> t.intermediateValues().size()).sum();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%d epochs of %d trials of study '%s' written to %s%n", rows,
                    trials.stream().filter(t -> !t.intermediateValues().isEmpty()).count(), record.name(), file);
            out.flush();
        }
        return 0;
    }
}
