package org.dl4jtuner.cli.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkSpace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code docs/spec.md} to the parser: every key the parser accepts (declared in
 * {@link SpecKeys}, and the built-in space keys in {@link SpaceRules}) has a row in the reference
 * with its default and rule, and every row names a key the parser accepts.
 */
class SpecReferenceTest {
    private static final Path REFERENCE = Path.of("../docs/spec.md");
    private static String text;
    /** Table rows by their first cell's key: the cells type, default, rule, description. */
    private static Map<String, List<String>> rows;

    @BeforeAll
    static void readReference() throws IOException {
        text = Files.readString(REFERENCE);
        rows = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String key = cells[1].trim().replace("`", "");
            List<String> rest = new ArrayList<>();
            for (int i = 2; i < cells.length; i++) {
                rest.add(cells[i].trim());
            }
            if (key.matches("[a-z_]+\\.[a-z0-9_.-]+")) {
                rows.put(key, rest);
            }
        }
    }

    @Test
    void everyRegisteredKeyIsDocumentedWithItsDefaultAndRule() {
        List<String> problems = new ArrayList<>();
        for (SpecKey k : SpecKeys.all()) {
            List<String> row = rows.get(k.key());
            if (row == null) {
                problems.add(k.key() + ": no row in docs/spec.md (add | `" + k.key() + "` | " + k.kind().name()
                        .toLowerCase(java.util.Locale.ROOT) + " | " + k.defaultText() + " | " + k.rule() + " | ... |)");
            } else if (!row.get(1).equals(k.defaultText())) {
                problems.add(k.key() + ": documented default '" + row.get(1) + "', declared '" + k.defaultText() + "'");
            } else if (!row.get(2).contains(k.rule())) {
                problems.add(k.key() + ": documented rule '" + row.get(2) + "' does not state '" + k.rule() + "'");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyBuiltInSpaceKeyIsDocumentedWithEachFamilysDefaultAndItsRule() {
        List<String> problems = new ArrayList<>();
        for (String family : List.of("mlp", "cnn", "lstm")) {
            Map<String, Object> defaults = NetworkSpace.defaults(Family.of(family));
            SpaceRules.rules(family).forEach((key, rule) -> {
                List<String> row = rows.get("model.space." + key);
                if (row == null) {
                    problems.add("model.space." + key + ": no row in docs/spec.md");
                    return;
                }
                if (!row.get(1).contains(String.valueOf(defaults.get(key)))) {
                    problems.add("model.space." + key + ": the " + family + " default " + defaults.get(key)
                            + " is not in '" + row.get(1) + "'");
                }
                if (!row.get(2).contains(rule)) {
                    problems.add("model.space." + key + ": documented rule '" + row.get(2) + "' does not state '" + rule + "'");
                }
            });
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyDocumentedKeyIsAccepted() {
        Set<String> accepted = new TreeSet<>();
        SpecKeys.all().forEach(k -> accepted.add(k.key()));
        SpaceRules.rules("cnn").keySet().forEach(k -> accepted.add("model.space." + k));
        Set<String> stale = new TreeSet<>(rows.keySet());
        stale.removeAll(accepted);
        assertEquals(Set.of(), stale, "docs/spec.md documents keys the parser does not accept");
    }

    @Test
    void namesAndFormsAreDocumented() {
        List<String> names = new ArrayList<>(SpecKeys.SECTIONS);
        names.addAll(SpecKeys.SAMPLERS);
        names.addAll(SpecKeys.PRUNERS);
        names.addAll(DataSource.TYPES);
        names.addAll(SpecKeys.MODELS);
        names.addAll(Metric.names());
        names.addAll(List.of("{uniform: [a, b]}", "{log_uniform: [a, b]}", "{int: [a, b]}", "{int: [a, b], log: true}",
                "{choice: [...]}", "units_1", "filters_1"));
        List<String> missing = names.stream().filter(n -> !text.contains("`" + n + "`") && !text.contains("`" + n))
                .toList();
        assertEquals(List.of(), missing, "names the parser accepts but docs/spec.md does not mention");
    }

    @Test
    void theSectionsHeadingsAndExamplesParse() {
        for (String section : SpecKeys.SECTIONS) {
            assertTrue(text.contains("\n## " + section + "\n"), "docs/spec.md has no section '## " + section + "'");
        }
    }

    @Test
    void theParserUsesTheDeclaredDefaults() {
        StudySpec spec = StudySpecParser.parse("""
                sampler: tpe
                pruner: median
                early_stopping: {patience: 2}
                data: {type: fashion-mnist, path: bundled}
                model: {type: mlp}
                """, null);
        assertEquals(10, spec.pruner().maxEpochs());
        assertEquals(SpecKeys.PRUNER.get(1).defaultValue(), spec.pruner().maxEpochs());
        for (SpecKey k : SpecKeys.PRUNER_OPTIONS.get("median")) {
            assertEquals(k.defaultValue(), spec.pruner().options().get(k.name()), k.key());
        }
        for (SpecKey k : SpecKeys.SAMPLER_OPTIONS.get("tpe")) {
            assertEquals(k.defaultValue(), spec.sampler().options().get(k.name()), k.key());
        }
        assertEquals(0.0, spec.earlyStopping().minDelta());
        assertEquals(SpecKeys.DATA.stream().filter(k -> k.name().equals("validation")).findFirst().orElseThrow()
                .defaultValue(), spec.data().validation());
        assertEquals(1, spec.study().parallel());
    }
}
