package org.dl4jtuner.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The markdown tables of {@link CurveAnatomy#report}: the table, its rungs, random sampling, rank rules. */
final class CurveAnatomyReport {
    private final CurveAnatomy anatomy;
    private final double target;
    private final List<Integer> rungs;
    private final long budget;
    private final StringBuilder out = new StringBuilder();

    CurveAnatomyReport(CurveAnatomy anatomy, double target, List<Integer> rungs, long budget) {
        this.anatomy = anatomy;
        this.target = target;
        this.rungs = rungs;
        this.budget = budget;
    }

    @Override
    public String toString() {
        out.setLength(0);
        table();
        if (!anatomy.winners().isEmpty()) {
            rungs();
            winners();
            randomSampling();
        }
        rankRules();
        return out.toString();
    }

    private void table() {
        int n = anatomy.size();
        int last = anatomy.epochs();
        List<String> winners = anatomy.winners();
        double[] finals = anatomy.valuesAt(last);
        double step = CurveAnatomy.valueStep(Arrays.stream(anatomy.curves()).flatMapToDouble(Arrays::stream).toArray());
        row("| table | |");
        row("|---|---|");
        row("| configurations x epochs | %,d x %d |", n, last);
        row("| winners (last-epoch value >= %s) | %d of %,d (%.1f%%) |",
                BigDecimal.valueOf(target).stripTrailingZeros().toPlainString(), winners.size(), n,
                100.0 * winners.size() / n);
        row("| winners' ids | %s |", String.join(", ", winners));
        row("| winners' last-epoch values | %s |", winners.stream().map(id -> fmt(anatomy.value(id, last)))
                .collect(Collectors.joining(", ")));
        row("| value step | %s |", Double.isNaN(step) ? "none evident"
                : String.format(Locale.ROOT, "%s (values are multiples of 1/%d)", fmt(step), Math.round(1 / step)));
        // the best last-epoch values below the target, with how many configurations end at each
        Map<Double, Integer> below = new TreeMap<>((a, b) -> Double.compare(b, a));
        Arrays.stream(finals).filter(v -> v < target - 1e-9).forEach(v -> below.merge(v, 1, Integer::sum));
        List<String> nearest = new ArrayList<>();
        below.entrySet().stream().limit(4).forEach(e -> nearest.add(String.format(Locale.ROOT, "%s (%d)",
                fmt(e.getKey()), e.getValue())));
        row("| best last-epoch values below the target (configurations) | %s |", String.join(", ", nearest));
        if (!below.isEmpty()) {
            double bestBelow = below.keySet().iterator().next();
            double lowestWin = winners.stream().mapToDouble(id -> anatomy.value(id, last)).min().orElse(target);
            String steps = Double.isNaN(step) ? "" : String.format(Locale.ROOT, " = %.1f steps", (lowestWin - bestBelow) / step);
            row("| gap from the best value below to the %s | %s%s |", winners.isEmpty() ? "target" : "lowest winning value",
                    fmt(lowestWin - bestBelow), steps);
        }
        row("| median last-epoch value | %s |", fmt(SamplerBenchmark.quantile(sorted(finals), 0.5)));
        out.append('\n');
    }

    private void rungs() {
        row("| epoch | max | 90%% | 75%% | median | 25%% | Kendall's tau-b with epoch %d | winners' percentile: min, median, max | winners below the median |",
                anatomy.epochs());
        row("|---|---|---|---|---|---|---|---|---|");
        List<String> winners = anatomy.winners();
        for (int epoch : withLast(rungs)) {
            double[] at = sorted(anatomy.valuesAt(epoch));
            double median = SamplerBenchmark.quantile(at, 0.5);
            double[] pct = sorted(winners.stream().mapToDouble(id -> anatomy.percentile(id, epoch)).toArray());
            long belowMedian = winners.stream().filter(id -> anatomy.value(id, epoch) < median - 1e-9).count();
            row("| %d | %s | %s | %s | %s | %s | %.2f | %.0f, %.0f, %.0f | %d/%d |", epoch, fmt(at[at.length - 1]),
                    fmt(SamplerBenchmark.quantile(at, 0.9)), fmt(SamplerBenchmark.quantile(at, 0.75)), fmt(median),
                    fmt(SamplerBenchmark.quantile(at, 0.25)), anatomy.kendallTau(epoch), pct[0],
                    SamplerBenchmark.quantile(pct, 0.5), pct[pct.length - 1], belowMedian, winners.size());
        }
        out.append('\n');
    }

    private void winners() {
        StringBuilder header = new StringBuilder("| winner | last epoch |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int epoch : rungs) {
            header.append(" epoch ").append(epoch).append(": value (percentile) |");
            rule.append("---|");
        }
        row("%s", header);
        row("%s", rule);
        for (String id : anatomy.winners()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", id,
                    fmt(anatomy.value(id, anatomy.epochs()))));
            for (int epoch : rungs) {
                line.append(String.format(Locale.ROOT, " %s (%.0f) |", fmt(anatomy.value(id, epoch)),
                        anatomy.percentile(id, epoch)));
            }
            row("%s", line);
        }
        out.append('\n');
    }

    private void randomSampling() {
        int n = anatomy.size();
        int w = anatomy.winners().size();
        int last = anatomy.epochs();
        double expected = CurveAnatomy.expectedTrialsToFirstWinner(n, w);
        int median = CurveAnatomy.trialsToFirstWinnerQuantile(n, w, 0.5);
        row("| random sampling without replacement | trials to the first winner |");
        row("|---|---|");
        row("| expected, (N + 1)/(w + 1) = (%d + 1)/(%d + 1) | %.2f |", n, w, expected);
        row("| median | %d |", median);
        row("| 25%% / 75%% / 90%% of searches within | %d / %d / %d |", CurveAnatomy.trialsToFirstWinnerQuantile(n, w, 0.25),
                CurveAnatomy.trialsToFirstWinnerQuantile(n, w, 0.75), CurveAnatomy.trialsToFirstWinnerQuantile(n, w, 0.9));
        out.append('\n');
        int q90 = CurveAnatomy.trialsToFirstWinnerQuantile(n, w, 0.9);
        row("| every non-winner stopped at epoch e | epochs to the target at the median, (%d - 1) e + %d"
                + " | at the expected, (%.2f - 1) e + %d | in 90%% of searches, (%d - 1) e + %d%s |", median, last,
                expected, last, q90, last, withinHeader());
        row("|---|---|---|---|%s", budget > 0 ? "---|" : "");
        for (int e : rungs) {
            long atMedian = (long) (median - 1) * e + last;
            long at90 = (long) (q90 - 1) * e + last;
            row("| %d | %,d | %,.0f | %,d%s |", e, atMedian, (expected - 1) * e + last, at90, within(atMedian, at90));
        }
        out.append('\n');
        if (budget > 0) {
            row("A budget of %,d epochs leaves (%,d - %d)/(%d - 1) = %.1f epochs per non-winning trial at the median"
                    + " number of trials, %.1f at the expected and %.1f in 90%% of searches.", budget, budget, last, median,
                    (double) (budget - last) / Math.max(1, median - 1), (budget - last) / Math.max(1, expected - 1),
                    (double) (budget - last) / Math.max(1, q90 - 1));
            out.append('\n');
        }
    }

    private String withinHeader() {
        return budget > 0 ? String.format(Locale.ROOT, " | median / 90%% within %,d epochs?", budget) : "";
    }

    private String within(long atMedian, long at90) {
        return budget > 0 ? String.format(Locale.ROOT, " | %s / %s", atMedian <= budget ? "yes" : "no",
                at90 <= budget ? "yes" : "no") : "";
    }

    private void rankRules() {
        int n = anatomy.size();
        int w = anatomy.winners().size();
        int last = anatomy.epochs();
        row("| rank rule over the whole table (ties at the cut kept) | configurations kept to epoch %d | winners kept"
                + " | mean epochs of the others | random sampling under the rule: epochs to the target, median"
                + " | in 90%% of searches%s |", last, withinHeader());
        row("|---|---|---|---|---|---|%s", budget > 0 ? "---|" : "");
        for (int eta : List.of(3, 2)) {
            for (int epoch : rungs) {
                rankRule(String.format(Locale.ROOT, "top 1/%d at epoch %d", eta, epoch), anatomy.keepTop(epoch, eta), n, w, last);
            }
            List<Integer> sofar = new ArrayList<>();
            for (int epoch : rungs) {
                sofar.add(epoch);
                if (sofar.size() > 1) {
                    rankRule(String.format(Locale.ROOT, "top 1/%d at epochs %s in turn", eta, sofar.stream()
                            .map(String::valueOf).collect(Collectors.joining(", "))), anatomy.halveInTurn(sofar, eta), n, w, last);
                }
            }
        }
        out.append('\n');
        row("Random sampling under a rule: (trials to the first kept winner - 1) x the mean epochs of the"
                + " configurations other than the kept winners + %d.", last);
    }

    private void rankRule(String rule, CurveAnatomy.Kept kept, int n, int w, int last) {
        String epochs = "never | never";
        String within = budget > 0 ? " | no / no" : "";
        if (kept.winners() > 0) {
            long atMedian = Math.round((CurveAnatomy.trialsToFirstWinnerQuantile(n, kept.winners(), 0.5) - 1)
                    * kept.meanEpochsOfTheOthers() + last);
            long at90 = Math.round((CurveAnatomy.trialsToFirstWinnerQuantile(n, kept.winners(), 0.9) - 1)
                    * kept.meanEpochsOfTheOthers() + last);
            epochs = String.format(Locale.ROOT, "%,d | %,d", atMedian, at90);
            within = within(atMedian, at90);
        }
        row("| %s | %s | %d/%d | %.1f | %s%s |", rule, share(kept.configurations(), n), kept.winners(), w,
                kept.meanEpochsOfTheOthers(), epochs, within);
    }

    private List<Integer> withLast(List<Integer> epochs) {
        List<Integer> all = new ArrayList<>(epochs);
        all.add(anatomy.epochs());
        return all;
    }

    private static String share(int kept, int of) {
        return String.format(Locale.ROOT, "%,d (%.1f%%)", kept, 100.0 * kept / of);
    }

    private void row(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Up to 4 decimals, trailing zeros dropped: 0.856, 0.9806. */
    private static String fmt(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.4f", v)).stripTrailingZeros().toPlainString();
    }
}
