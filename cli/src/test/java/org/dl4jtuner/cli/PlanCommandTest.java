package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class PlanCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString().trim(), err.toString().trim());
    }

    @Test
    void jsonPlanIsTable1OfTheHyperbandPaper() {
        Result r = run("plan", "--max-resource", "81", "--eta", "3", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"brackets\":["
                + "{\"s\":4,\"rungs\":[{\"n\":81,\"r\":1},{\"n\":27,\"r\":3},{\"n\":9,\"r\":9},{\"n\":3,\"r\":27},{\"n\":1,\"r\":81}]},"
                + "{\"s\":3,\"rungs\":[{\"n\":34,\"r\":3},{\"n\":11,\"r\":9},{\"n\":3,\"r\":27},{\"n\":1,\"r\":81}]},"
                + "{\"s\":2,\"rungs\":[{\"n\":15,\"r\":9},{\"n\":5,\"r\":27},{\"n\":1,\"r\":81}]},"
                + "{\"s\":1,\"rungs\":[{\"n\":8,\"r\":27},{\"n\":2,\"r\":81}]},"
                + "{\"s\":0,\"rungs\":[{\"n\":5,\"r\":81}]}],"
                + "\"total_resource\":1581}", r.out());
    }

    @Test
    void tablePlanNamesBothTotals() {
        Result r = run("plan", "--max-resource", "81", "--eta", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bracket s=4"), r.out());
        assertTrue(r.out().contains("Total resource per iteration: 1581"), r.out());
        assertTrue(r.out().contains("1902 if every rung retrained from scratch"), r.out());
    }

    @Test
    void badArgumentsExitNonZeroWithTheRule() {
        Result r = run("plan", "--max-resource", "81", "--eta", "1");
        assertEquals(2, r.code());
        assertEquals("error: eta >= 2 must hold, but got eta=1", r.err());
        Result missing = run("plan", "--eta", "3");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--max-resource"), missing.err());
    }

    @Test
    void aSpecsPlanSaysWhatItsPrunerWillSpend() {
        Result hyperband = run("plan", "../examples/fashion-cnn.yaml");
        assertEquals(0, hyperband.code(), hyperband.err());
        assertEquals("pruner hyperband, 24 trials of up to 9 epochs: about 103 epochs when each rung passes 1/eta of its"
                + " trials on; at least 24, at most 216 (no trial pruned)", hyperband.out());
        Result median = run("plan", "../examples/wine-mlp.yaml", "--json");
        assertEquals(0, median.code(), median.err());
        assertEquals("{\"pruner\":\"median\",\"trials\":20,\"max_epochs\":30,\"fewest_epochs\":240,"
                + "\"expected_epochs\":null,\"most_epochs\":600}", median.out());
        Result neither = run("plan");
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("plan STUDY.yaml"), neither.err());
    }
}
