package org.dl4jtuner.cli.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.dl4jtuner.tuner.terminator.RegretBoundTerminator;
import org.dl4jtuner.tuner.terminator.Terminator;
import org.junit.jupiter.api.Test;

class StopWhenSpecTest {
    private static final String REST = "data: {type: fashion-mnist, path: bundled}\nmodel: {type: mlp}\n";

    private static StudySpec parse(String study) {
        return StudySpecParser.parse("study: " + study + "\n" + REST, null);
    }

    private static String error(String study) {
        return assertThrows(SpecException.class, () -> parse(study)).getMessage();
    }

    @Test
    void withoutStopWhenNothingStopsTheStudy() {
        StopWhenSpec none = parse("{trials: 5}").study().stopWhen();
        assertFalse(none.any());
        assertNull(none.terminator());
    }

    @Test
    void bothTerminatorsAndTheirOptionsAreRead() {
        StopWhenSpec s = parse("{stop_when: {no_improvement_trials: 30, regret_bound: {noise: 0.01, min_trials: 25}}}")
                .study().stopWhen();
        assertEquals(new StopWhenSpec(30, true, 0.01, 25), s);
        Terminator t = s.terminator();
        assertEquals("no_improvement or regret_bound", t.name());
        assertEquals(new StopWhenSpec(null, true, null, StopWhenSpec.DEFAULT_MIN_TRIALS),
                parse("{stop_when: {regret_bound: true}}").study().stopWhen());
        assertEquals("regret_bound", parse("{stop_when: {regret_bound: true}}").study().stopWhen().terminator().name());
        assertFalse(parse("{stop_when: {regret_bound: false}}").study().stopWhen().any());
    }

    @Test
    void aPatienceThatIsNotAPositiveIntegerIsRefusedNamingTheKeyAndTheRule() {
        for (String bad : new String[] {"0", "-3", "2.5", "soon"}) {
            String message = error("{stop_when: {no_improvement_trials: " + bad + "}}");
            assertTrue(message.contains("study.stop_when.no_improvement_trials"), message);
            assertTrue(message.contains("an integer >= 1"), message);
        }
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnes() {
        String message = error("{stop_when: {patience: 30}}");
        assertTrue(message.contains("unknown key 'patience' in study.stop_when"), message);
        assertTrue(message.contains("no_improvement_trials, regret_bound"), message);
        message = error("{stop_when: {regret_bound: {noise: 0.1, delta: 0.2}}}");
        assertTrue(message.contains("unknown key 'delta' in study.stop_when.regret_bound"), message);
    }

    @Test
    void badRegretBoundValuesNameTheirKey() {
        String message = error("{stop_when: {regret_bound: sometimes}}");
        assertTrue(message.contains("study.stop_when.regret_bound: expected true, false or a map"), message);
        message = error("{stop_when: {regret_bound: {noise: 0}}}");
        assertTrue(message.contains("study.stop_when.regret_bound.noise"), message);
        assertTrue(message.contains("a number > 0"), message);
        message = error("{stop_when: {regret_bound: {min_trials: 1}}}");
        assertTrue(message.contains("study.stop_when.regret_bound.min_trials"), message);
        message = error("{stop_when: 30}");
        assertTrue(message.contains("study.stop_when: expected a map"), message);
    }

    @Test
    void theWriterKeepsStopWhenSoWorkersStopAlike() {
        StudySpec spec = parse("{stop_when: {no_improvement_trials: 12, regret_bound: {noise: 0.02}}}");
        Map<String, Object> written = SpecWriter.toMap(spec);
        StudySpec again = StudySpecParser.parse(written, null);
        assertEquals(spec.study().stopWhen(), again.study().stopWhen());
    }

    @Test
    void theRegretBoundsRegionIsReadCheckedAndWritten() {
        StopWhenSpec space = parse("{stop_when: {regret_bound: {noise: 0.01, region: space}}}").study().stopWhen();
        assertEquals(RegretBoundTerminator.Region.SPACE, space.regretBoundRegion());
        assertEquals("space", space.terminator().settings().get("region"));
        assertEquals(0.5, space.terminator().settings().get("top_trials_ratio"));
        StopWhenSpec byDefault = parse("{stop_when: {regret_bound: {noise: 0.01}}}").study().stopWhen();
        assertEquals(RegretBoundTerminator.Region.BEST_TRIALS, byDefault.regretBoundRegion());
        assertEquals(0.1, byDefault.terminator().settings().get("top_trials_ratio"));
        String message = error("{stop_when: {regret_bound: {region: everywhere}}}");
        assertTrue(message.contains("study.stop_when.regret_bound.region"), message);
        assertTrue(message.contains("'everywhere' is not one of best_trials, space"), message);
        StudySpec spec = parse("{stop_when: {regret_bound: {region: space}}}");
        assertEquals(spec.study().stopWhen(), StudySpecParser.parse(SpecWriter.toMap(spec), null).study().stopWhen());
    }

    @Test
    void convergedIsReadAsTrueOrAMapAndBuildsItsTerminator() {
        StopWhenSpec on = parse("{stop_when: {converged: true}}").study().stopWhen();
        assertEquals(StopWhenSpec.Converged.DEFAULTS, on.converged());
        assertTrue(on.any());
        assertEquals("converged", on.terminator().name());
        assertEquals("auto", on.terminator().settings().get("confidence"));
        assertEquals(StopWhenSpec.DEFAULT_MIN_PROGRESS, on.terminator().settings().get("min_progress"));
        assertFalse(parse("{stop_when: {converged: false}}").study().stopWhen().any());
        StopWhenSpec map = parse("{stop_when: {no_improvement_trials: 100, converged: {noise: 0.004, min_trials: 30,"
                + " min_progress: 1, confidence: 0.5}}}").study().stopWhen();
        assertEquals(new StopWhenSpec.Converged(0.004, 30, 1.0, 0.5), map.converged());
        Terminator t = map.terminator();
        assertEquals("no_improvement or converged", t.name());
        @SuppressWarnings("unchecked")
        Map<String, Object> converged = ((java.util.List<Map<String, Object>>) t.settings().get("terminators")).get(1);
        assertEquals(0.004, converged.get("noise"));
        assertEquals(30, converged.get("min_trials"));
        assertEquals(0.5, converged.get("confidence"));
    }

    @Test
    void badConvergedValuesNameTheirKeyAndRule() {
        String message = error("{stop_when: {converged: often}}");
        assertTrue(message.contains("study.stop_when.converged: expected true, false or a map of [noise, min_trials,"
                + " min_progress, confidence]"), message);
        assertTrue(message.contains("often"), message);
        message = error("{stop_when: {converged: {noise: -0.1}}}");
        assertTrue(message.contains("study.stop_when.converged.noise") && message.contains("a number > 0"), message);
        message = error("{stop_when: {converged: {confidence: 2}}}");
        assertTrue(message.contains("study.stop_when.converged.confidence") && message.contains("2"), message);
        message = error("{stop_when: {converged: {min_progress: -1}}}");
        assertTrue(message.contains("study.stop_when.converged.min_progress"), message);
        message = error("{stop_when: {converged: {min_trials: 1}}}");
        assertTrue(message.contains("study.stop_when.converged.min_trials"), message);
        message = error("{stop_when: {converged: {patience: 3}}}");
        assertTrue(message.contains("unknown key 'patience' in study.stop_when.converged"), message);
    }

    @Test
    void theWriterKeepsConverged() {
        for (String yaml : new String[] {"{stop_when: {converged: true}}",
            "{stop_when: {regret_bound: {noise: 0.02}, converged: {noise: 0.02, confidence: 0.25, min_progress: 2}}}"}) {
            StudySpec spec = parse(yaml);
            assertEquals(spec.study().stopWhen(), StudySpecParser.parse(SpecWriter.toMap(spec), null).study().stopWhen(),
                    yaml);
        }
    }
}
