package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.cli.run.TrialLines;
import org.dl4jtuner.cli.run.DatasetFeatures;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl4j-tuner studies --storage URL [--json]}: the studies in a storage, each with its trials
 * by state and its best value.
 *
 * <pre>
 * $ dl4j-tuner studies --storage sqlite:studies.db
 * study 'iris' (maximize): 20 trials (17 COMPLETE, 2 PRUNED, 1 FAIL), best 0.9667 (trial 11)
 * </pre>
 */
@Command(name = "studies", mixinStandardHelpOptions = true,
        description = "List the studies in a storage with their trials by state and best value.")
final class StudiesCommand implements Callable<Integer> {

    @Option(names = "--storage", required = true, paramLabel = "URL", description = "sqlite:PATH or postgresql://...")
    String storage;

    @Option(names = "--json", description = "Print a JSON array of studies.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<StudyCounts> studies = new ArrayList<>();
        Map<Long, Object> datasets = new LinkedHashMap<>();
        try (Storage s = StoredStudies.openReadOnly(storage)) {
            for (StudyRecord record : s.studies()) {
                studies.add(StudyCounts.of(record, s.trials(record.id(), Set.of())));
                datasets.put(record.id(), s.studySystemAttrs(record.id()).get(DatasetFeatures.ATTR));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StudyCounts c : studies) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", c.study().name());
                row.put("id", c.study().id());
                row.put("direction", c.direction());
                row.put("trials", c.trials());
                Map<String, Integer> states = new LinkedHashMap<>();
                c.states().forEach((state, n) -> states.put(state.name(), n));
                row.put("states", states);
                row.put("best_trial", c.best() == null ? null : c.best().number());
                row.put("best_value", c.best() == null ? null : c.best().value());
                row.put("dataset", datasets.get(c.study().id()));
                rows.add(row);
            }
            out.println(JsonMapper.builder().build().writeValueAsString(rows));
        } else if (studies.isEmpty()) {
            out.println(storage + " holds no studies");
        } else {
            for (StudyCounts c : studies) {
                out.printf(Locale.ROOT, "study '%s' (%s): %s, %s%n", c.study().name(), c.direction(), c.describe(),
                        c.best() == null ? "no complete trial yet"
                                : "best " + TrialLines.format(c.best().value()) + " (trial " + c.best().number() + ")");
                String dataset = DatasetFeatures.describe(datasets.get(c.study().id()));
                if (dataset != null) {
                    out.println("  data: " + dataset);
                }
            }
        }
        out.flush();
        return 0;
    }
}
