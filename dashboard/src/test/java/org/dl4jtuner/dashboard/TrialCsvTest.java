package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

class TrialCsvTest {

    @Test
    void oneRowPerTrialWithAColumnPerParameterAndQuotedCells() {
        Study study = Study.builder().sampler(Samplers.random(2)).build();
        study.optimize(trial -> {
            trial.suggestFloat("x", 0, 1);
            if (trial.number() == 1) {
                trial.suggestCategorical("note", List.of("a, \"quoted\" one"));
                throw new IllegalStateException("boom, with a comma");
            }
            return trial.number();
        }, 3);

        String[] lines = TrialCsv.of(study.trials()).split("\r\n");

        assertEquals("number,state,value,epochs,duration_seconds,start,end,param_note,param_x,error", lines[0]);
        assertEquals(4, lines.length);
        assertTrue(lines[1].startsWith("0,COMPLETE,0.0,0,"), lines[1]);
        assertTrue(lines[2].startsWith("1,FAIL,,0,"), lines[2]);
        assertTrue(lines[2].contains(",\"a, \"\"quoted\"\" one\","), lines[2]);
        assertTrue(lines[2].endsWith("\"IllegalStateException: boom, with a comma\""), lines[2]);
    }
}
