package org.dl4jtuner.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.dl4jtuner.tuner.Trial;

/**
 * A learning-curve table (the digits-mlp-lc layout, or what {@code export-curves} writes) that
 * trials replay: a trial suggests each search-space column, and "trains" by reading its
 * configuration's validation value and CPU seconds epoch by epoch. A column whose values are whole
 * numbers with no gaps is searched as an integer range; any other as a choice of its values.
 *
 * <pre>{@code
 * CurveTable table = CurveTable.load(path, List.of("lr_idx", "alpha_idx", "width_idx", "depth", "bs_idx"));
 * CurveTable.Curve c = table.curve(trial);   // c.values()[e - 1], c.cpuSeconds()[e - 1]
 * }</pre>
 */
final class CurveTable {
    /** One configuration's curve: the validation value and CPU seconds of epochs 1, 2, ... */
    record Curve(double[] values, double[] cpuSeconds) {
    }

    private final List<String> space;
    private final Map<String, List<String>> choices;
    private final Map<String, Curve> curves;
    private final Map<String, String> ids;
    private final int epochs;

    private CurveTable(List<String> space, Map<String, List<String>> choices, Map<String, Curve> curves,
            Map<String, String> ids, int epochs) {
        this.space = space;
        this.choices = choices;
        this.curves = curves;
        this.ids = ids;
        this.epochs = epochs;
    }

    /** Epochs every configuration was trained for. */
    int epochs() {
        return epochs;
    }

    /** Configurations in the table. */
    int size() {
        return curves.size();
    }

    /** Every configuration, as its searched columns' values by column name. */
    List<Map<String, String>> configurations() {
        List<Map<String, String>> all = new ArrayList<>();
        for (String key : curves.keySet()) {
            String[] cells = key.split(",", -1);
            Map<String, String> config = new LinkedHashMap<>();
            for (int i = 0; i < space.size(); i++) {
                config.put(space.get(i), cells[i]);
            }
            all.add(config);
        }
        return all;
    }

    /**
     * Every configuration's curve by its {@code config_id} (by its searched values joined with commas
     * when the table has no {@code config_id} column), in id order.
     */
    Map<String, Curve> curvesById() {
        Map<String, Curve> byId = new TreeMap<>(CurveTable::compareCells);
        curves.forEach((key, curve) -> byId.put(ids.getOrDefault(key, key), curve));
        return byId;
    }

    /** The lowest last-epoch value of any configuration. */
    double minFinal() {
        return curves.values().stream().mapToDouble(c -> c.values()[epochs - 1]).min().orElse(Double.NaN);
    }

    /** The curve of the configuration {@code trial} suggests. */
    Curve curve(Trial trial) {
        StringBuilder key = new StringBuilder();
        for (String column : space) {
            List<String> values = choices.get(column);
            String value = integerRange(values) ? Integer.toString(trial.suggestInt(column,
                    Integer.parseInt(values.get(0)), Integer.parseInt(values.get(values.size() - 1))))
                    : trial.suggestCategorical(column, values);
            key.append(key.length() == 0 ? "" : ",").append(value);
        }
        Curve curve = curves.get(key.toString());
        if (curve == null) {
            throw new IllegalStateException("the table has no configuration " + key);
        }
        return curve;
    }

    /**
     * Reads a table; {@code space} names the searched columns (null: every column between
     * {@code config_id} and {@code epoch}). The value column is {@code val_acc} (else the first
     * {@code val_*}); CPU seconds are {@code epoch_cpu_s} (1 when the table has none).
     */
    static CurveTable load(Path file, List<String> space) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = Arrays.asList(r.readLine().split(","));
            int epochColumn = header.indexOf("epoch");
            List<String> searched = space != null ? space : header.subList(header.indexOf("config_id") + 1, epochColumn);
            int[] keyColumns = searched.stream().mapToInt(header::indexOf).toArray();
            int valueColumn = header.indexOf("val_acc") >= 0 ? header.indexOf("val_acc")
                    : header.stream().filter(h -> h.startsWith("val_")).findFirst().map(header::indexOf).orElseThrow();
            int cpuColumn = header.indexOf("epoch_cpu_s");
            int idColumn = header.indexOf("config_id");
            Map<String, String> ids = new HashMap<>();
            Map<String, TreeSet<String>> seen = new LinkedHashMap<>();
            searched.forEach(c -> seen.put(c, new TreeSet<>(CurveTable::compareCells)));
            Map<String, Map<Integer, double[]>> rows = new HashMap<>();
            int maxEpoch = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", -1);
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < keyColumns.length; i++) {
                    seen.get(searched.get(i)).add(f[keyColumns[i]]);
                    key.append(key.length() == 0 ? "" : ",").append(f[keyColumns[i]]);
                }
                if (idColumn >= 0) {
                    ids.putIfAbsent(key.toString(), f[idColumn]);
                }
                int epoch = Integer.parseInt(f[epochColumn]);
                maxEpoch = Math.max(maxEpoch, epoch);
                double cpu = cpuColumn >= 0 && !f[cpuColumn].isEmpty() ? Double.parseDouble(f[cpuColumn]) : 1;
                rows.computeIfAbsent(key.toString(), k -> new HashMap<>())
                        .put(epoch, new double[] {Double.parseDouble(f[valueColumn]), cpu});
            }
            Map<String, Curve> curves = new HashMap<>();
            for (Map.Entry<String, Map<Integer, double[]>> e : rows.entrySet()) {
                double[] values = new double[maxEpoch];
                double[] cpu = new double[maxEpoch];
                for (int epoch = 1; epoch <= maxEpoch; epoch++) {
                    double[] cell = e.getValue().get(epoch);
                    if (cell == null) {
                        throw new IOException(file + ": configuration " + e.getKey() + " has no epoch " + epoch
                                + "; a replayed table needs every curve to the last epoch");
                    }
                    values[epoch - 1] = cell[0];
                    cpu[epoch - 1] = cell[1];
                }
                curves.put(e.getKey(), new Curve(values, cpu));
            }
            Map<String, List<String>> choices = new LinkedHashMap<>();
            seen.forEach((c, values) -> choices.put(c, new ArrayList<>(values)));
            return new CurveTable(List.copyOf(searched), choices, curves, ids, maxEpoch);
        }
    }

    private static boolean integerRange(List<String> values) {
        try {
            int first = Integer.parseInt(values.get(0));
            for (int i = 1; i < values.size(); i++) {
                if (Integer.parseInt(values.get(i)) != first + i) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException notAnInteger) {
            return false;
        }
    }

    /** Numbers in numeric order, anything else as text. */
    private static int compareCells(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException text) {
            return a.compareTo(b);
        }
    }
}
