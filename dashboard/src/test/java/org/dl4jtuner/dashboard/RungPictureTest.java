package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.ParetoRungPruner;
import org.junit.jupiter.api.Test;

/** Where the pruner cut, as the dashboard's pruning panel draws it. */
class RungPictureTest {
    @Test
    @SuppressWarnings("unchecked")
    void paretoAshaIsDrawnAsItsRungsNotAsTheEpochsTrialsStoppedAt() {
        Study study = Studies.paretoAsha(30);
        List<FrozenTrial> trials = study.trials();
        assertFalse(study.trials(TrialState.PRUNED).isEmpty(), "the test needs trials pruned at a rung");

        Map<String, Object> picture = StudySnapshot.of(study).rungsJson();

        assertEquals("pareto_asha", picture.get("kind"), "a rung-based pruner, not 'epochs'");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) picture.get("groups");
        assertEquals(1, groups.size());
        assertEquals(trials.size(), groups.get(0).get("trials"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) groups.get(0).get("rows");
        assertEquals(List.of(1L, 3L, 9L), rows.stream().map(r -> ((Number) r.get("step")).longValue()).toList(),
                "rungs at epochs 1 and 3 (min 1, eta 3), then full training at 9");
        for (int k = 0; k < 2; k++) {
            String key = ParetoRungPruner.RUNG_ATTR_PREFIX + k;
            long step = k == 0 ? 1 : 3;
            assertEquals(trials.stream().filter(t -> t.systemAttrs().containsKey(key)).count(),
                    ((Number) rows.get(k).get("reached")).longValue(), "trials that reached rung " + k);
            assertEquals(trials.stream().filter(t -> t.systemAttrs().containsKey(key) && t.lastStep() > step).count(),
                    ((Number) rows.get(k).get("continued")).longValue(), "trials let past rung " + k);
        }
        long reachedFirst = ((Number) rows.get(0).get("reached")).longValue();
        assertTrue(reachedFirst > ((Number) rows.get(0).get("continued")).longValue(), "some trials stopped at rung 0");
        assertEquals(study.trials(TrialState.COMPLETE).size(), ((Number) rows.get(2).get("reached")).intValue());
    }
}
