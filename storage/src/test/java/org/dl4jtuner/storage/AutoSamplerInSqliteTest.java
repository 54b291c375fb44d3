package org.dl4jtuner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.sampler.AutoSampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.terminator.Terminators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automatic sampler's choices and the terminator's reason in a real SQLite file, across study objects. */
class AutoSamplerInSqliteTest {
    @TempDir
    Path dir;

    /** Numeric until trial 15, conditional from then on: random, then the GP, then TPE. */
    private static final Objective SWITCHING = t -> {
        double x = t.suggestFloat("x", -2, 2);
        double y = t.suggestFloat("y", -2, 2);
        double value = (x - 0.5) * (x - 0.5) + (y + 0.3) * (y + 0.3);
        return t.number() >= 15 ? value + t.suggestFloat("z", 0, 1) : value;
    };

    private static Study study(Storage storage) {
        return Study.builder().name("auto").seed(11).sampler(Samplers.auto(11)).storage(storage).build();
    }

    @Test
    void aResumedStudyChoosesAndSwitchesAsAnUninterruptedOne() {
        List<FrozenTrial> resumed;
        try (Storage first = SqliteStorage.open(dir.resolve("resumed.db"))) {
            study(first).optimize(SWITCHING, 14);
        }
        try (Storage second = SqliteStorage.open(dir.resolve("resumed.db"))) {
            Study again = study(second);
            again.optimize(SWITCHING, 10);
            resumed = again.trials();
        }
        List<FrozenTrial> straight;
        try (Storage one = SqliteStorage.open(dir.resolve("straight.db"))) {
            Study study = study(one);
            study.optimize(SWITCHING, 24);
            straight = study.trials();
        }
        assertEquals(24, resumed.size());
        for (int n = 0; n < 24; n++) {
            for (String attr : List.of(AutoSampler.CHOICE_ATTR, AutoSampler.REASON_ATTR, AutoSampler.SWITCHED_FROM_ATTR)) {
                assertEquals(straight.get(n).systemAttrs().get(attr), resumed.get(n).systemAttrs().get(attr),
                        attr + " of trial " + n);
            }
            assertEquals(straight.get(n).params(), resumed.get(n).params(), "trial " + n);
        }
        assertEquals("gp", resumed.get(14).systemAttrs().get(AutoSampler.CHOICE_ATTR), "the GP before the resume");
        assertEquals("random", resumed.get(10).systemAttrs().get(AutoSampler.SWITCHED_FROM_ATTR));
        long switchesToTpe = resumed.stream()
                .filter(t -> "gp".equals(t.systemAttrs().get(AutoSampler.SWITCHED_FROM_ATTR))).count();
        assertEquals(1, switchesToTpe, "one switch from the GP to TPE, after the resume");
        assertEquals("tpe", resumed.get(23).systemAttrs().get(AutoSampler.CHOICE_ATTR));
    }

    @Test
    void theStopReasonIsStoredWithTheStudy() {
        Path file = dir.resolve("stop.db");
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("flat").seed(2).storage(storage)
                    .terminator(Terminators.noImprovement(4)).build();
            study.optimize(t -> t.suggestFloat("x", 0, 1) * 0 + 1.0, 50);
            assertEquals(5, study.trials().size());
        }
        try (Storage storage = SqliteStorage.openReadOnly(file)) {
            Study read = Study.builder().name("flat").storage(storage).build();
            String reason = read.stopReason().orElseThrow();
            assertTrue(reason.startsWith("no_improvement: no improvement in the 4 trials finished after trial 0"), reason);
        }
    }
}
