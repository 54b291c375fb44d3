package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.cli.run.TrialLines;
import org.dl4jtuner.dashboard.TrialJson;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dl4j-tuner trials --storage URL --study NAME [--json]}: the trials of a stored study. */
@Command(name = "trials", mixinStandardHelpOptions = true,
        description = "List the trials of a stored study (a table, or JSON with --json).")
final class TrialsCommand implements Callable<Integer> {

    @Mixin
    StoredStudyArgs stored;

    @Option(names = "--json", description = "Print a JSON array of trials.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Storage s = stored.open()) {
            StudyRecord record = stored.find(s);
            List<FrozenTrial> trials = s.trials(record.id(), java.util.Set.of());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (FrozenTrial t : trials) {
                    rows.add(TrialJson.of(t));
                }
                out.println(JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build()
                        .writeValueAsString(rows));
            } else {
                out.printf(Locale.ROOT, "study '%s' (%s), %d trials%n", record.name(),
                        record.direction().name().toLowerCase(Locale.ROOT), trials.size());
                for (FrozenTrial t : trials) {
                    double[] values = t.values();
                    out.printf(Locale.ROOT, "trial %d %s value %s epochs %d %s%s%n", t.number(), t.state(),
                            values != null && values.length > 1 ? java.util.Arrays.stream(values)
                                    .mapToObj(TrialLines::format).toList() + (t.isFeasible() ? "" : " infeasible")
                                    : t.value() == null ? "-" : TrialLines.format(t.value()), t.intermediateValues().size(),
                            TrialLines.params(t.params()), t.state().name().equals("FAIL")
                                    ? " (" + t.systemAttrs().get(Study.FAIL_REASON_ATTR) + ")" : "");
                }
            }
            out.flush();
        }
        return 0;
    }
}
