package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code fashion-cnn-multi.yaml}, shrunk (a quarter of the subset, 6 trials, 2
 * epochs), end to end: run, the front and its hypervolume in the summary, {@code best} as a table,
 * {@code best --export --trial N} on and off the front, {@code trials --json} with values and
 * constraints, and a single-objective pruner refused at spec time.
 */
class MultiObjectiveRunTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path spec(String sampler, String pruner) throws Exception {
        String yaml = Files.readString(Path.of("../examples/fashion-cnn-multi.yaml"))
                .replace("trials: 24", "trials: 6")
                .replace("parallel: auto", "parallel: 1")
                .replace("max_epochs: 9", "max_epochs: 2")
                .replaceFirst("  type: nsga2\n  population_size: 8[^\n]*\n", "  type: " + sampler + "\n"
                        + (sampler.equals("nsga2") ? "  population_size: 4\n" : ""))
                .replace("type: pareto_asha", "type: " + pruner)
                .replace("validation: 0.2", "validation: 0.2\n  subset: 0.25");
        return Files.writeString(dir.resolve("multi.yaml"), yaml);
    }

    @Test
    void theExampleRunsEndToEndAndBestShowsAndExportsTheFront() throws Exception {
        Path spec = spec("nsga2", "pareto_asha");
        Path summary = dir.resolve("summary.json");
        Result run = cli("run", spec.toString(), "--summary", summary.toString(), "--no-isolate");
        assertEquals(0, run.code, run.out + run.err);
        assertTrue(run.out.contains(", accuracy (maximize), parameters (minimize)\n")
                && run.out.contains("\nconstraints parameters <= 100000 "), "the header names both objectives and the"
                + " constraint: " + run.out);
        List<String> trialLines = run.out.lines().filter(l -> l.startsWith("trial ")).toList();
        assertEquals(6, trialLines.size(), run.out);
        assertTrue(trialLines.stream().allMatch(l -> l.contains("accuracy=") && l.contains("parameters=")
                && l.contains("| front ")), run.out);
        assertTrue(run.out.contains("  front     ") && run.out.contains("hypervolume "), run.out);

        Map<?, ?> json = new ObjectMapper().readValue(summary.toFile(), Map.class);
        Map<?, ?> front = (Map<?, ?>) json.get("front");
        assertEquals(List.of("accuracy", "parameters"), front.get("metrics"));
        List<?> members = (List<?>) front.get("trials");
        assertTrue(!members.isEmpty(), "a front: " + json);
        assertTrue(((Number) front.get("hypervolume")).doubleValue() > 0, "hypervolume of a non-empty front");

        String storage = "sqlite:" + dir.resolve("fashion-cnn-multi.db");
        Result trials = cli("trials", "--storage", storage, "--study", "fashion-cnn-multi", "--json");
        assertEquals(0, trials.code, trials.err);
        List<?> rows = new ObjectMapper().readValue(trials.out, List.class);
        assertEquals(6, rows.size());
        List<Integer> onFront = members.stream().map(m -> ((Number) ((Map<?, ?>) m).get("number")).intValue()).toList();
        List<Integer> offFront = new ArrayList<>();
        for (Object o : rows) {
            Map<?, ?> row = (Map<?, ?>) o;
            List<?> constraints = (List<?>) row.get("constraints");
            assertEquals(1, constraints.size(), "the parameters constraint: " + row);
            if ("COMPLETE".equals(row.get("state"))) {
                List<?> values = (List<?>) row.get("values");
                assertEquals(2, values.size(), row.toString());
                double parameters = ((Number) values.get(1)).doubleValue();
                assertEquals(parameters - 100_000, ((Number) constraints.get(0)).doubleValue(), 1e-6);
                assertEquals(parameters <= 100_000, row.get("feasible"));
                if (!onFront.contains(((Number) row.get("number")).intValue())) {
                    offFront.add(((Number) row.get("number")).intValue());
                }
            }
        }
        for (int n : onFront) {
            Map<?, ?> row = (Map<?, ?>) rows.get(n);
            assertEquals(Boolean.TRUE, row.get("feasible"), "front members are feasible: " + row);
        }

        Result best = cli("best", "--storage", storage, "--study", "fashion-cnn-multi");
        assertEquals(0, best.code, best.err);
        assertTrue(best.out.contains("Pareto front of study 'fashion-cnn-multi': " + onFront.size() + " of"), best.out);
        assertTrue(best.out.contains("accuracy (max)") && best.out.contains("parameters (min)")
                && best.out.contains("feasible"), best.out);
        long tableRows = best.out.lines().filter(l -> l.matches("\\s*\\d+ .*")).count();
        assertEquals(onFront.size(), tableRows, best.out);

        Path model = dir.resolve("chosen.zip");
        Result export = cli("best", "--storage", storage, "--study", "fashion-cnn-multi", "--export", model.toString(),
                "--trial", Integer.toString(onFront.get(0)));
        assertEquals(0, export.code, export.out + export.err);
        assertTrue(Files.size(model) > 0);
        Result noTrial = cli("best", "--storage", storage, "--study", "fashion-cnn-multi", "--export", model.toString());
        assertEquals(2, noTrial.code);
        assertTrue(noTrial.err.contains("--trial N"), noTrial.err);
        if (!offFront.isEmpty()) {
            Result off = cli("best", "--storage", storage, "--study", "fashion-cnn-multi", "--export",
                    model.toString(), "--trial", Integer.toString(offFront.get(0)));
            assertEquals(2, off.code);
            assertTrue(off.err.contains("not on the Pareto front") && off.err.contains(onFront.toString()), off.err);
        }
    }

    @Test
    void aSingleObjectivePrunerOrSamplerIsRefusedBeforeAnythingRunsWithExitTwo() throws Exception {
        Result pruner = cli("run", spec("random", "asha").toString());
        assertEquals(2, pruner.code, pruner.out + pruner.err);
        assertTrue(pruner.err.contains("pruner.type: 'asha'") && pruner.err.contains("pareto_asha"), pruner.err);
        Result sampler = cli("run", spec("gp", "pareto_asha").toString());
        assertEquals(2, sampler.code, sampler.out + sampler.err);
        assertTrue(sampler.err.contains("sampler.type: 'gp'") && sampler.err.contains("nsga2")
                && sampler.err.contains("tpe"), sampler.err);
        assertTrue(!Files.exists(dir.resolve("fashion-cnn-multi.db")), "nothing was written");
    }
}
