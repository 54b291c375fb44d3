package org.dl4jtuner.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;

/**
 * A study's learning curves as a table in the layout of the digits-mlp-lc benchmark: one row per
 * trial and epoch, {@code config_id} (the trial number), a column per parameter (empty where a trial
 * lacks it), {@code epoch}, the validation value ({@code val_acc} for accuracy, else
 * {@code val_METRIC}), {@code train_loss} and {@code epoch_cpu_s} (empty when the trial did not
 * record them), and the trial's final {@code state}. Trials that reported no epoch are left out.
 *
 * <pre>{@code
 * config_id,learning_rate,filters,epoch,val_acc,train_loss,epoch_cpu_s,state
 * 0,0.001,16,1,0.712,0.83,1.42,COMPLETE
 * }</pre>
 */
public final class CurveCsv {
    private CurveCsv() {
    }

    /** The table's text; {@code metric} names the value column. */
    public static String of(List<FrozenTrial> trials, String metric) {
        Set<String> params = new LinkedHashSet<>();
        trials.forEach(t -> params.addAll(t.params().keySet()));
        List<String> header = new ArrayList<>(List.of("config_id"));
        header.addAll(params);
        header.addAll(List.of("epoch", valueColumn(metric), "train_loss", "epoch_cpu_s", "state"));
        StringBuilder csv = new StringBuilder();
        TrialCsv.row(csv, header, "\n");
        for (FrozenTrial t : trials) {
            Map<?, ?> costs = t.systemAttrs().get(Study.EPOCH_COSTS_ATTR) instanceof Map<?, ?> m ? m : Map.of();
            t.intermediateValues().forEach((epoch, value) -> {
                List<String> cells = new ArrayList<>(List.of(Integer.toString(t.number())));
                params.forEach(p -> cells.add(t.params().containsKey(p) ? String.valueOf(t.params().get(p)) : ""));
                Map<?, ?> cost = costs.get(Integer.toString(epoch)) instanceof Map<?, ?> c ? c : Map.of();
                cells.addAll(List.of(Integer.toString(epoch), Double.toString(value), text(cost.get("train_loss")),
                        text(cost.get("cpu_s")), t.state().name()));
                TrialCsv.row(csv, cells, "\n");
            });
        }
        return csv.toString();
    }

    /** Writes the table; a name ending in {@code .gz} is gzipped. */
    public static void write(List<FrozenTrial> trials, String metric, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(of(trials, metric));
        }
    }

    private static String valueColumn(String metric) {
        return metric == null || metric.equals("accuracy") ? "val_acc" : "val_" + metric;
    }

    private static String text(Object number) {
        return number == null ? "" : String.valueOf(number);
    }
}
