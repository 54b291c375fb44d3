package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dl4jtuner.cli.run.ParetoFront;
import org.dl4jtuner.cli.run.TrialLines;
import org.dl4jtuner.tuner.pareto.ParetoTrials;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * What {@code best} prints for a study of several objectives: its Pareto front as a table (trial,
 * each objective's value, feasibility, params), and which trial {@code --export --trial N} copies.
 * A trial off the front is refused, naming the front: exporting a dominated network is never what
 * the front was asked for.
 */
final class ParetoFrontTable {
    private ParetoFrontTable() {
    }

    /**
     * Prints the front; returns the trial to export ({@code chosen}, checked to be on the front), or
     * null when nothing is to be exported ({@code chosen} null).
     */
    static FrozenTrial print(Storage storage, StudyRecord record, List<FrozenTrial> complete, List<Direction> directions,
            Integer chosen, PrintWriter out) {
        List<String> names = ParetoFront.names(storage, record, directions.size());
        List<FrozenTrial> front = ParetoTrials.front(complete, directions);
        if (front.isEmpty()) {
            throw new UserError("study '" + record.name() + "' has no feasible complete trial yet, so no Pareto front");
        }
        List<String> header = new ArrayList<>(List.of("trial"));
        for (int k = 0; k < names.size(); k++) {
            header.add(names.get(k) + " (" + (directions.get(k) == Direction.MAXIMIZE ? "max" : "min") + ")");
        }
        header.add("feasible");
        List<List<String>> rows = new ArrayList<>();
        for (FrozenTrial t : front) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(t.number())));
            for (double v : t.values()) {
                row.add(ParetoFront.format(v));
            }
            row.add(t.isFeasible() ? "yes" : "no");
            rows.add(row);
        }
        out.printf(Locale.ROOT, "Pareto front of study '%s': %d of %d complete trials%n", record.name(), front.size(),
                complete.size());
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(header, widths) + "  params");
        for (int r = 0; r < rows.size(); r++) {
            out.println(line(rows.get(r), widths) + "  " + TrialLines.params(front.get(r).params()));
        }
        if (chosen == null) {
            return null;
        }
        List<Integer> numbers = front.stream().map(FrozenTrial::number).toList();
        return front.stream().filter(t -> t.number() == chosen).findFirst().orElseThrow(() -> new UserError(
                "--trial: " + chosen + " is not on the Pareto front of study '" + record.name() + "'; choose one of "
                        + numbers));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            b.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%" + widths[c] + "s", cells.get(c)));
        }
        return b.toString();
    }
}
