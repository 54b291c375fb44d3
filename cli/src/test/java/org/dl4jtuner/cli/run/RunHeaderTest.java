package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header a run prints before its trials: every objective with its direction, and the constraints. */
class RunHeaderTest {
    private static final long GIB = 1L << 30;
    @TempDir
    Path dir;

    private StudySpec spec(String study, String pruner) {
        return StudySpecParser.parse("study: {" + study + "}\n" + pruner
                + "data: {type: fashion-mnist, path: bundled}\n"
                + "model: {type: cnn, space: {filters: {choice: [4, 8]}}}\n", dir.resolve("s.yaml"));
    }

    private static String strategies(StudySpec spec, Path dir) {
        RunPlan plan = RunPlan.of(spec, new RunOptions(false, false, 0, (Duration) null, 10, null,
                RunOptions.Isolation.NEVER, List.of(), false, ProgressDisplay.Mode.LINES, List.of(), List.of()),
                RunPlanTest.cpu(64 * GIB), dir);
        Study.Builder builder = Study.builder().sampler(plan.sampler()).pruner(plan.pruner());
        List<Direction> directions = spec.study().directions();
        if (directions.size() > 1) {
            builder.directions(directions.toArray(Direction[]::new));
        } else {
            builder.direction(directions.get(0));
        }
        StringWriter out = new StringWriter();
        RunHeader.strategies(plan, builder.build(), null, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void theExamplesHeaderNamesBothObjectivesWithTheirDirectionsAndTheConstraint() {
        StudySpec example = StudySpecParser.parse(Path.of("../examples/fashion-cnn-multi.yaml"))
                .withStudy(null, "memory");
        String header = strategies(example, dir);
        assertTrue(header.contains("up to 9 epochs each, accuracy (maximize), parameters (minimize)\n"), header);
        assertTrue(header.contains("\nconstraints parameters <= 100000 "), header);
        assertTrue(header.startsWith("sampler nsga2"), header);
    }

    @Test
    void everyMetricAndEveryConstraintIsPrintedInSpecOrderAsTheTrialsCheckThem() {
        String header = strategies(spec("metrics: [accuracy, latency_ms, parameters, memory_mb], trials: 4,"
                + " constraints: {latency_ms: \"<5\", parameters: \"<= 20_000\"}", "sampler: {type: nsga2}\n"), dir);
        assertTrue(header.contains(", accuracy (maximize), latency_ms (minimize), parameters (minimize),"
                + " memory_mb (minimize)\n"), header);
        assertTrue(header.contains("\nconstraints latency_ms < 5, parameters <= 20000 "), header);
    }

    @Test
    void aSingleObjectiveHeaderKeepsItsOneMetricAndHasNoConstraintLine() {
        String header = strategies(spec("metric: loss, trials: 3", ""), dir);
        assertTrue(header.contains("up to 10 epochs each, loss (minimize)\n"), header);
        assertFalse(header.contains("constraints"), header);
        assertEquals(2, header.lines().count(), header);
    }

    @Test
    void aStudyHoldingItsTrialsSaysThereIsNothingToTrainWhenSomeArePausedAtARung() {
        Study study = Study.builder().name("paused").build();
        study.tell(study.ask(), 0.5);
        study.tell(study.ask(), TrialState.PRUNED);
        study.pause(study.ask());
        StringWriter out = new StringWriter();
        RunHeader.nothingTrained(study, 3, new PrintWriter(out));
        assertTrue(out.toString().startsWith("nothing to train: study 'paused' already holds 3 "), out.toString());
        StringWriter more = new StringWriter();
        RunHeader.nothingTrained(study, 4, new PrintWriter(more));
        assertEquals("", more.toString(), "a study short of its trials was stopped, not done");
    }

    @Test
    void aDeadTrialWithStoredEpochsContinuesAndOneWithoutStartsAgain() {
        Study study = Study.builder().name("dead").build();
        var trained = study.ask();
        trained.report(1, 0.4);
        trained.report(2, 0.5);
        var unstarted = study.ask();
        StringWriter out = new StringWriter();
        RunHeader.continuedTrials(List.of(trained.frozen(), unstarted.frozen()), new PrintWriter(out));
        assertEquals("trial 0 was left RUNNING by a process that died; it continues from its checkpoint (2 epochs stored)\n"
                + "trial 1 was left RUNNING by a process that died before its first epoch ended; it starts again with the"
                + " same parameters\n", out.toString());
    }
}
