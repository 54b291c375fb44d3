package org.dl4jtuner.cli.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code study.enqueue} and {@code study.warm_start}: parsed, checked against model.space, written back. */
class WarmStartSpecTest {
    @TempDir
    Path dir;

    private static final String DATA = "data: {type: fashion-mnist, path: bundled}\n";
    private static final String MODEL = """
            model:
              type: mlp
              space:
                learning_rate: {log_uniform: [0.0001, 0.1]}
                layers: {int: [1, 3]}
                units: {choice: [32, 64, 128]}
                updater: {choice: [adam, sgd]}
                dropout: 0.2
            """;

    private StudySpec parse(String study) {
        return StudySpecParser.parse("study:\n" + study + DATA + MODEL, dir.resolve("s.yaml"));
    }

    private String error(String study) {
        return assertThrows(SpecException.class, () -> parse(study)).getMessage();
    }

    @Test
    void enqueuedConfigurationsBecomeTrialParameters() {
        StudySpec spec = parse("""
                  enqueue:
                    - {learning_rate: 0.001, updater: sgd}
                    - {units: 64, layers: 2}
                    - {units_3: 128}
                    - {dropout: 0.2, learning_rate: 0.01}
                """);
        assertEquals(List.of(
                Map.of("learning_rate", 0.001, "updater", "sgd"),
                Map.of("units_1", 64, "units_2", 64, "units_3", 64, "layers", 2),
                Map.of("units_3", 128),
                Map.of("learning_rate", 0.01)), spec.study().enqueue());
        assertTrue(parse("  name: x\n").study().enqueue().isEmpty());
    }

    @Test
    void aConfigurationOutsideTheSpaceIsRefusedNamingParameterValueAndRule() {
        assertEquals("s.yaml: study.enqueue[0].learning_rate: 0.5 breaks the rule: expected a number in [1.0E-4, 0.1]"
                + " (log_uniform) as model.space says", error("  enqueue: [{learning_rate: 0.5}]\n"));
        assertEquals("s.yaml: study.enqueue[1].updater: \"adamw\" breaks the rule: expected one of [adam, sgd] (choice)"
                + " as model.space says", error("  enqueue: [{updater: adam}, {updater: adamw}]\n"));
        assertEquals("s.yaml: study.enqueue[0].layers: 4 breaks the rule: expected an integer in [1, 3] (int) as"
                + " model.space says", error("  enqueue: [{layers: 4}]\n"));
        assertEquals("s.yaml: study.enqueue[0].dropout: 0.3 differs from the value model.space fixes, 0.2; enqueue"
                + " searched parameters only, or search dropout in model.space", error("  enqueue: [{dropout: 0.3}]\n"));
        assertEquals("s.yaml: study.enqueue[0].units_4: layer 4 does not exist: 1 <= layer <= 3 must hold"
                + " (model.space.layers)", error("  enqueue: [{units_4: 64}]\n"));
        assertEquals("s.yaml: study.enqueue[0].learning_rat: 'learning_rat' is not a parameter model.space searches"
                + " (did you mean 'learning_rate'?); it searches learning_rate, layers, units, updater",
                error("  enqueue: [{learning_rat: 0.01}]\n"));
        assertEquals("s.yaml: study.enqueue: expected a list of configurations such as [{learning_rate: 0.001}], but"
                + " got \"fast\"", error("  enqueue: fast\n"));
        assertEquals("s.yaml: study.enqueue[0]: expected a map from parameter to value such as {learning_rate: 0.001},"
                + " but got 0.001", error("  enqueue: [0.001]\n"));
    }

    @Test
    void warmStartTakesAStudyOrSeveralWithDefaults() {
        WarmStartSpec one = parse("  warm_start: {study: march}\n").study().warmStart();
        assertEquals(new WarmStartSpec(List.of("march"), null, 3, true), one);
        WarmStartSpec two = parse("  warm_start: {study: [march, april], storage: sqlite:past.db, top: 0,"
                + " transfer: false}\n").study().warmStart();
        assertEquals(List.of("march", "april"), two.studies());
        assertEquals("sqlite:" + dir.resolve("past.db"), two.storage());
        assertEquals(0, two.top());
        assertEquals(false, two.transfer());
        assertNull(parse("  name: x\n").study().warmStart());
    }

    @Test
    void aBadWarmStartIsRefusedNamingTheKey() {
        assertEquals("s.yaml: study.warm_start.study: is required", error("  warm_start: {top: 3}\n"));
        assertEquals("s.yaml: study.warm_start.top: expected an integer >= 0, but got -1",
                error("  warm_start: {study: m, top: -1}\n"));
        assertEquals("s.yaml: study.warm_start.study: expected a past study's name or a list of names, but got a list []",
                error("  warm_start: {study: []}\n"));
        assertEquals("s.yaml: study.warm_start.storage: \"past.db\" is not a storage URL; use sqlite:PATH,"
                + " postgresql://HOST/DB or memory", error("  warm_start: {study: m, storage: past.db}\n"));
        assertTrue(error("  warm_start: {study: m, tranfser: true}\n")
                .startsWith("s.yaml: unknown key 'tranfser' in study.warm_start (did you mean 'transfer'?)"));
    }

    @Test
    void theWriterWritesBothBackSoTheParserReadsAnEqualSpec() {
        StudySpec spec = parse("""
                  enqueue: [{learning_rate: 0.001}, {units: 32}]
                  warm_start: {study: [march], top: 2}
                """);
        StudySpec again = StudySpecParser.parse(SpecWriter.toMap(spec), dir.resolve("s.yaml"));
        assertEquals(spec.study(), again.study());
    }
}
