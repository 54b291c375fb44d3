package org.dl4jtuner.cli.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.strategy.StrategyContext;
import org.dl4jtuner.tuner.strategy.StrategyRegistry;
import org.junit.jupiter.api.Test;

/** {@code study.metrics}, {@code study.directions} and {@code study.constraints}: parsed, written back, refused. */
class MultiObjectiveSpecTest {
    private static final String DATA = "data: {type: fashion-mnist, path: bundled}\nmodel: {type: cnn}\n";

    private static StudySpec parse(String yaml) {
        return StudySpecParser.parse(yaml + DATA, null);
    }

    private static String refused(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void metricsTakeTheirOwnDirectionsAndConstraintsKeepTheirExpressions() {
        StudySpec spec = parse("""
                study: {metrics: [accuracy, parameters, latency_ms], constraints: {parameters: "<= 100_000", latency_ms: < 5}}
                sampler: nsga2
                pruner: {type: pareto_asha, max_epochs: 9}
                """);
        StudySection s = spec.study();
        assertTrue(s.isMultiObjective());
        assertEquals(List.of("accuracy", "parameters", "latency_ms"), s.metrics());
        assertEquals(List.of(Direction.MAXIMIZE, Direction.MINIMIZE, Direction.MINIMIZE), s.directions());
        assertEquals("accuracy", s.metric());
        assertEquals(Map.of("parameters", "<= 100_000", "latency_ms", "< 5"), s.constraints());
        assertEquals(spec.study(), StudySpecParser.parse(SpecWriter.toMap(spec), null).study(),
                "written back and read again, the section is equal (worker JVMs receive it so)");
    }

    @Test
    void givenDirectionsOverrideTheNaturalOnesAndOneMetricMayHaveConstraints() {
        StudySpec spec = parse("study: {metrics: [loss, memory_mb], directions: [minimize, maximize]}\n");
        assertEquals(List.of(Direction.MINIMIZE, Direction.MAXIMIZE), spec.study().directions());
        StudySpec single = parse("study: {metric: f1, constraints: {parameters: <= 5000}}\n");
        assertFalse(single.study().isMultiObjective());
        assertEquals(List.of("f1"), single.study().metrics());
        assertEquals(Map.of("parameters", "<= 5000"), single.study().constraints());
    }

    @Test
    void directionsAndMetricsOfDifferentLengthsAreRefusedNamingBoth() {
        String m = refused("study: {metrics: [accuracy, parameters], directions: [maximize]}\nsampler: nsga2\n");
        assertTrue(m.contains("study.directions") && m.contains("same length") && m.contains("[maximize]")
                && m.contains("[accuracy, parameters]"), m);
        m = refused("study: {directions: [maximize, minimize]}\n");
        assertTrue(m.contains("study.directions") && m.contains("1 metric [accuracy]"), m);
    }

    @Test
    void aConstraintOnAnUnknownMetricOrWithABadExpressionIsRefusedNamingTheKeyValueAndRule() {
        String m = refused("study: {metrics: [accuracy, parameters], constraints: {params: <= 5}}\n");
        assertTrue(m.contains("study.constraints.params") && m.contains("[accuracy, parameters, latency_ms"), m);
        m = refused("study: {metrics: [accuracy, parameters], constraints: {f1: \">= 0.5\"}}\n");
        assertTrue(m.contains("study.constraints.f1") && m.contains("not a value this study measures"), m);
        m = refused("study: {metrics: [accuracy, parameters], constraints: {parameters: at most 5}}\n");
        assertTrue(m.contains("study.constraints.parameters") && m.contains("\"at most 5\"") && m.contains("<="), m);
        m = refused("study: {metrics: [accuracy, parameters], constraints: {parameters: 5}}\n");
        assertTrue(m.contains("study.constraints.parameters") && m.contains("5"), m);
    }

    @Test
    void misplacedRepeatedOrDoubledMetricKeysAreRefused() {
        assertTrue(refused("study: {metrics: [parameters, accuracy]}\n").contains("secondary metric"));
        assertTrue(refused("study: {metrics: [accuracy, f1]}\n").contains("'f1' cannot follow"));
        assertTrue(refused("study: {metrics: [accuracy, parameters, parameters]}\n").contains("once"));
        assertTrue(refused("study: {metric: accuracy, metrics: [accuracy, parameters]}\n").contains("not both"));
        assertTrue(refused("study: {metrics: [accuracy, parameters], direction: maximize, directions: [maximize,"
                + " minimize]}\n").contains("not both"));
        assertTrue(refused("study: {metrics: [rmse, parameters]}\n").contains("study.metrics"));
    }

    @Test
    void aWarmStartOrAStopRuleOfOneObjectiveIsRefusedForSeveralNamingItsKey() {
        assertEquals("study.warm_start: works for a study of one metric, but study.metrics is [accuracy, parameters];"
                + " leave it out (study.enqueue still runs given configurations first)",
                refused("study: {metrics: [accuracy, parameters], warm_start: {study: past}}\nsampler: nsga2\n"));
        assertEquals("study.stop_when: works for a study of one metric, but study.metrics is [accuracy, parameters];"
                + " leave it out",
                refused("study: {metrics: [accuracy, parameters], stop_when: {no_improvement_trials: 5}}\nsampler: nsga2\n"));
    }

    @Test
    void singleObjectiveSamplersAndPrunersAreRefusedForSeveralObjectivesNamingTheirKey() {
        for (String sampler : List.of("gp", "cmaes", "evolution", "bohb")) {
            String m = refused("study: {metrics: [accuracy, parameters]}\nsampler: " + sampler + "\n");
            assertTrue(m.startsWith("sampler.type: '" + sampler + "'") && m.contains("nsga2") && m.contains("tpe"), m);
        }
        parse("study: {metrics: [accuracy, parameters]}\nsampler: tpe\n");   // multi-objective TPE
        for (String pruner : List.of("median", "asha", "hyperband", "percentile")) {
            String m = refused("study: {metrics: [accuracy, parameters]}\npruner: {type: " + pruner + ", max_epochs: 9}\n");
            assertTrue(m.startsWith("pruner.type: '" + pruner + "'") && m.contains("pareto_asha"), m);
        }
        parse("study: {metrics: [accuracy, parameters]}\nsampler: random\npruner: {type: pareto_asha, max_epochs: 9}\n");
        parse("study: {metric: accuracy, constraints: {parameters: <= 5}}\nsampler: tpe\npruner: {type: asha}\n");
    }

    @Test
    void nsga2sUniformMutationShareIsReadDefaultedWrittenBackAndBuiltAndABadShareIsRefusedNamingTheKey() {
        StudySpec spec = parse("study: {metrics: [accuracy, parameters]}\nsampler: {type: nsga2, uniform_mutation: 0.5}\n");
        assertEquals(0.5, ((Number) spec.sampler().options().get("uniform_mutation")).doubleValue());
        assertEquals(spec.sampler(), StudySpecParser.parse(SpecWriter.toMap(spec), null).sampler());
        Sampler sampler = StrategyRegistry.sampler("nsga2", spec.sampler().options(), StrategyContext.of(3));
        assertEquals(0.5, sampler.settings().get("uniform_mutation"));
        StudySpec defaults = parse("study: {metrics: [accuracy, parameters]}\nsampler: nsga2\n");
        assertEquals(0.0, ((Number) defaults.sampler().options().get("uniform_mutation")).doubleValue());
        String m = refused("study: {metrics: [accuracy, parameters]}\nsampler: {type: nsga2, uniform_mutation: 1.5}\n");
        assertTrue(m.contains("sampler.uniform_mutation") && m.contains("1.5") && m.contains("[0, 1]"), m);
        m = refused("study: {metrics: [accuracy, parameters]}\nsampler: {type: nsga2, uniform_mutation: often}\n");
        assertTrue(m.contains("sampler.uniform_mutation") && m.contains("often"), m);
    }

    @Test
    void nsga2sSbxShareIsReadAndBuiltAndABadShareIsRefusedNamingTheKey() {
        StudySpec spec = parse("study: {metrics: [accuracy, parameters]}\nsampler: {type: nsga2, sbx_share: 0}\n");
        assertEquals(0.0, ((Number) spec.sampler().options().get("sbx_share")).doubleValue());
        Sampler sampler = StrategyRegistry.sampler("nsga2", spec.sampler().options(), StrategyContext.of(3));
        assertEquals(0.0, sampler.settings().get("sbx_share"));
        String m = refused("study: {metrics: [accuracy, parameters]}\nsampler: {type: nsga2, sbx_share: 2}\n");
        assertTrue(m.contains("sampler.sbx_share") && m.contains("2") && m.contains("[0, 1]"), m);
    }
}
