package org.dl4jtuner.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.dl4jtuner.tuner.FrozenTrial;

/**
 * The trial table as CSV (RFC 4180): number, state, value, epochs, duration_seconds, start, end,
 * one column per parameter ({@code param_NAME}) and error; one row per trial.
 */
public final class TrialCsv {
    private TrialCsv() {
    }

    /** The CSV text, header first, lines ending in CRLF as RFC 4180 asks. */
    public static String of(List<FrozenTrial> trials) {
        TreeSet<String> params = new TreeSet<>();
        for (FrozenTrial t : trials) {
            params.addAll(t.params().keySet());
        }
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("number", "state", "value", "epochs", "duration_seconds",
                "start", "end"));
        params.forEach(p -> header.add("param_" + p));
        header.add("error");
        row(csv, header, "\r\n");
        for (FrozenTrial t : trials) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(t.number()));
            row.add(t.state().name());
            row.add(t.value() == null ? "" : Double.toString(t.value()));
            row.add(Integer.toString(t.intermediateValues().size()));
            row.add(t.duration() == null ? "" : String.format(Locale.ROOT, "%.3f", t.duration().toMillis() / 1000.0));
            row.add(t.start() == null ? "" : t.start().toString());
            row.add(t.end() == null ? "" : t.end().toString());
            for (String p : params) {
                Object v = t.params().get(p);
                row.add(v == null ? "" : v.toString());
            }
            Object error = t.systemAttrs().get(org.dl4jtuner.tuner.Study.FAIL_REASON_ATTR);
            row.add(error == null ? "" : error.toString());
            row(csv, row, "\r\n");
        }
        return csv.toString();
    }

    /** Writes the CSV to {@code file}, replacing it and creating its folders. */
    public static void write(List<FrozenTrial> trials, Path file) throws IOException {
        HtmlReport.writeCreatingFolders(file, of(trials));
    }

    /** Appends one row: the cells quoted where needed, comma-separated, then {@code lineEnd}. */
    static void row(StringBuilder csv, List<String> cells, String lineEnd) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i > 0 ? "," : "").append(quote(cells.get(i)));
        }
        csv.append(lineEnd);
    }

    /** A CSV cell: as it is, or in double quotes (doubled inside) when it holds a comma, a quote or a line break. */
    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
