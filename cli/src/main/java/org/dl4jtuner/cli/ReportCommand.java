package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dl4jtuner.dashboard.HtmlReport;
import org.dl4jtuner.dashboard.StudySnapshot;
import org.dl4jtuner.dashboard.TrialCsv;
import org.dl4jtuner.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl4j-tuner report --storage URL [--study NAME] --html out.html [--csv trials.csv]}: the
 * dashboard's plots as one self-contained HTML file, and the trial table as CSV.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a stored study as a self-contained HTML report (--html) and/or a CSV trial table (--csv).")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    StoredStudyArgs stored;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the report here (opens offline in any browser).")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the trial table here as CSV.")
    Path csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (html == null && csv == null) {
            throw new UserError("report: give --html FILE, --csv FILE or both");
        }
        OutputFile.check("--html", html, "report.html");
        OutputFile.check("--csv", csv, "trials.csv");
        try (Storage s = stored.open()) {
            StudySnapshot snapshot = StudySnapshot.read(s, stored.find(s));
            PrintWriter out = spec.commandLine().getOut();
            if (html != null) {
                HtmlReport.write(snapshot, html);
                out.printf(Locale.ROOT, "report of study '%s' (%d trials) written to %s%n", snapshot.study().name(),
                        snapshot.trials().size(), html);
            }
            if (csv != null) {
                TrialCsv.write(snapshot.trials(), csv);
                out.printf(Locale.ROOT, "trial table of study '%s' written to %s%n", snapshot.study().name(), csv);
            }
            out.flush();
        }
        return 0;
    }
}
