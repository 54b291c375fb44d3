package org.dl4jtuner.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * What a learning-curve table allows a pruner, measured on the whole table (no search, no seeds):
 * which configurations reach a target, where they stand among all configurations at each rung, how
 * well each rung ranks the final values, how many trials random sampling without replacement needs
 * to draw a winner, and what rank rules at the rungs keep. Values are maximised (accuracies).
 *
 * <pre>{@code
 * CurveAnatomy anatomy = new CurveAnatomy(CurveTable.load(path, null), 0.856);
 * anatomy.winners();             // ids of the configurations whose last-epoch value is >= 0.856
 * anatomy.kendallTau(3);         // tau-b between the values at epoch 3 and the last epoch
 * System.out.print(anatomy.report(CurveAnatomy.defaultRungs(anatomy.epochs()), 270));
 * }</pre>
 *
 * <p>{@code benchmarks/run lc-anatomy TABLE TARGET [RUNGS] [BUDGET]} prints {@link #report}.
 */
public final class CurveAnatomy {
    /** Ranks ties closer than this as equal: table values are decimals, read as doubles. */
    private static final double TIE = 1e-9;
    /** The largest denominator {@link #valueStep} looks for. */
    private static final int MAX_STEP_DENOMINATOR = 10_000;

    /**
     * What a rank rule kept to the last epoch: configurations of the table and winners among them;
     * and the mean epochs trained by every configuration but the kept winners (those stopped at
     * the rung that stopped them, the kept losers to the last epoch).
     */
    record Kept(int configurations, int winners, double meanEpochsOfTheOthers) {
    }

    private final List<String> ids;
    private final double[][] values;
    private final int epochs;
    private final double target;
    private final List<Integer> winners = new ArrayList<>();

    /** The table's curves, and {@code target}: a configuration wins when its last-epoch value is at least that. */
    CurveAnatomy(CurveTable table, double target) {
        Map<String, CurveTable.Curve> byId = table.curvesById();
        this.ids = List.copyOf(byId.keySet());
        this.values = byId.values().stream().map(CurveTable.Curve::values).toArray(double[][]::new);
        this.epochs = table.epochs();
        this.target = target;
        for (int c = 0; c < values.length; c++) {
            if (values[c][epochs - 1] >= target - TIE) {
                winners.add(c);
            }
        }
    }

    int size() {
        return values.length;
    }

    int epochs() {
        return epochs;
    }

    /** Ids of the configurations whose last-epoch value reaches the target, in id order. */
    List<String> winners() {
        return winners.stream().map(ids::get).toList();
    }

    /** Configuration {@code id}'s value after {@code epoch} epochs. */
    double value(String id, int epoch) {
        return values[index(id)][epoch - 1];
    }

    /** Every configuration's value after {@code epoch} epochs, in id order. */
    double[] valuesAt(int epoch) {
        return Arrays.stream(values).mapToDouble(v -> v[epoch - 1]).toArray();
    }

    /**
     * Configuration {@code id}'s percentile rank among the table's values at {@code epoch}: the
     * percentage of configurations below it, those equal to it (itself included) counting half.
     */
    double percentile(String id, int epoch) {
        return percentileRank(valuesAt(epoch), value(id, epoch));
    }

    /** Kendall's tau-b between the values at {@code epoch} and the last epoch's, over the whole table. */
    double kendallTau(int epoch) {
        return new KendallsCorrelation().correlation(valuesAt(epoch), valuesAt(epochs));
    }

    /**
     * The rank rule "stop what is below the top 1/eta at {@code epoch}" applied to the whole table: a
     * configuration is kept when fewer than floor(n / eta) configurations are strictly ahead of it
     * (ties at the cut are all kept, which favours the winners).
     */
    Kept keepTop(int epoch, int eta) {
        return halveInTurn(List.of(epoch), eta);
    }

    /** The same rule at each of {@code rungs} in turn, each time among the configurations kept so far. */
    Kept halveInTurn(List<Integer> rungs, int eta) {
        List<Integer> kept = new ArrayList<>();
        int[] trained = new int[values.length];
        for (int c = 0; c < values.length; c++) {
            kept.add(c);
            trained[c] = epochs;
        }
        for (int epoch : rungs) {
            double[] at = kept.stream().mapToDouble(c -> values[c][epoch - 1]).toArray();
            int cut = Math.max(1, at.length / eta);
            List<Integer> next = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                final double v = at[i];
                if (Arrays.stream(at).filter(o -> o > v + TIE).count() < cut) {
                    next.add(kept.get(i));
                } else {
                    trained[kept.get(i)] = epoch;
                }
            }
            kept = next;
        }
        List<Integer> keptWinners = kept.stream().filter(winners::contains).toList();
        double others = 0;
        for (int c = 0; c < values.length; c++) {
            others += keptWinners.contains(c) ? 0 : trained[c];
        }
        return new Kept(kept.size(), keptWinners.size(), others / (values.length - keptWinners.size()));
    }

    /**
     * P(T > k) for T the number of trials random sampling without replacement from n
     * configurations, w of them winners, needs to draw the first winner: C(n - w, k) / C(n, k).
     */
    static double survival(int n, int w, int k) {
        if (k > n - w) {
            return 0;
        }
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= (double) (n - w - i) / (n - i);
        }
        return p;
    }

    /** E[T] = the sum over k >= 0 of P(T > k) (which equals (n + 1) / (w + 1)). */
    static double expectedTrialsToFirstWinner(int n, int w) {
        requireWinners(n, w);
        double sum = 0;
        for (int k = 0; k <= n - w; k++) {
            sum += survival(n, w, k);
        }
        return sum;
    }

    /** The smallest k with P(T <= k) >= q: the q-quantile of the trials to the first winner. */
    static int trialsToFirstWinnerQuantile(int n, int w, double q) {
        requireWinners(n, w);
        int k = 1;
        while (1 - survival(n, w, k) < q - TIE) {
            k++;
        }
        return k;
    }

    /**
     * The table's own value step, when evident: 1/d for the smallest d <= 10,000 of which every value
     * is a multiple (to the 6 decimals tables are written with), e.g. 1/500 for the accuracy on 500
     * validation images; NaN when there is none.
     */
    static double valueStep(double[] all) {
        double[] distinct = Arrays.stream(all).distinct().toArray();
        for (int d = 1; d <= MAX_STEP_DENOMINATOR; d++) {
            final int den = d;
            if (Arrays.stream(distinct).allMatch(v -> Math.abs(v * den - Math.rint(v * den)) <= 1e-6 * den + TIE)) {
                return 1.0 / d;
            }
        }
        return Double.NaN;
    }

    /** The percentage of {@code all} below {@code v}, those equal to it counting half. */
    static double percentileRank(double[] all, double v) {
        long below = Arrays.stream(all).filter(o -> o < v - TIE).count();
        long equal = Arrays.stream(all).filter(o -> Math.abs(o - v) <= TIE).count();
        return 100.0 * (below + 0.5 * equal) / all.length;
    }

    /** Rungs 1, 3, 9, 27, ... below the last epoch. */
    static List<Integer> defaultRungs(int epochs) {
        List<Integer> rungs = new ArrayList<>();
        for (int r = 1; r < epochs; r *= 3) {
            rungs.add(r);
        }
        return rungs;
    }

    /** The markdown tables; {@code budget} (epochs, 0 for none) is the bar a search must reach the target within. */
    String report(List<Integer> rungs, long budget) {
        return new CurveAnatomyReport(this, target, rungs, budget).toString();
    }

    /** Every configuration's curve (values of epochs 1, 2, ...), in id order. */
    double[][] curves() {
        return values;
    }

    private int index(String id) {
        int i = ids.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("the table has no configuration with config_id " + id);
        }
        return i;
    }

    private static void requireWinners(int n, int w) {
        if (w < 1 || w > n) {
            throw new IllegalArgumentException("1 <= winners <= configurations must hold, but got winners=" + w
                    + ", configurations=" + n);
        }
    }

    /** {@code TABLE TARGET [RUNGS] [BUDGET]}: RUNGS as 1,3,9 (or "default"), BUDGET in epochs. */
    public static void main(String[] args) throws IOException {
        String usage = "usage: benchmarks/run lc-anatomy TABLE TARGET [RUNGS|default] [BUDGET]"
                + "   e.g. benchmarks/run lc-anatomy benchmarks/fashion-cnn-lc/lc_table.csv.gz 0.856 default 270";
        if (args.length < 2 || args.length > 4) {
            System.err.println(usage);
            System.exit(2);
        }
        try {
            Path path = Path.of(args[0]);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("TABLE must be a learning-curve table file, but got TABLE=" + args[0]);
            }
            double target = parseTarget(args[1]);
            CurveTable table = LearningCurveBenchmark.load(path);
            List<Integer> rungs = args.length > 2 ? parseRungs(args[2], table.epochs()) : defaultRungs(table.epochs());
            long budget = args.length > 3 ? parseBudget(args[3]) : 0;
            System.out.printf("%s, target %s%n%n", path, args[1]);
            System.out.print(new CurveAnatomy(table, target).report(rungs, budget));
        } catch (IllegalArgumentException e) {
            System.err.println("lc-anatomy: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
        }
    }

    static double parseTarget(String text) {
        try {
            double target = Double.parseDouble(text);
            if (Double.isFinite(target)) {
                return target;
            }
        } catch (NumberFormatException notANumber) {
            // the message below says what is needed
        }
        throw new IllegalArgumentException("TARGET must be a finite number, but got TARGET=" + text);
    }

    /** "default", or epochs separated by commas, each in [1, epochs - 1], increasing. */
    static List<Integer> parseRungs(String text, int epochs) {
        if (text.equals("default")) {
            return defaultRungs(epochs);
        }
        List<Integer> rungs = new ArrayList<>();
        for (String cell : text.split(",", -1)) {
            int rung;
            try {
                rung = Integer.parseInt(cell.trim());
            } catch (NumberFormatException notAnInteger) {
                throw new IllegalArgumentException("RUNGS must be epochs separated by commas, but got RUNGS=" + text);
            }
            if (rung < 1 || rung >= epochs || (!rungs.isEmpty() && rung <= rungs.get(rungs.size() - 1))) {
                throw new IllegalArgumentException("RUNGS must increase within 1 <= rung < " + epochs
                        + " (the table's last epoch), but got RUNGS=" + text);
            }
            rungs.add(rung);
        }
        return rungs;
    }

    static long parseBudget(String text) {
        try {
            long budget = Long.parseLong(text);
            if (budget >= 1) {
                return budget;
            }
        } catch (NumberFormatException notAnInteger) {
            // the message below says what is needed
        }
        throw new IllegalArgumentException("BUDGET must be a whole number of epochs >= 1, but got BUDGET=" + text);
    }
}
