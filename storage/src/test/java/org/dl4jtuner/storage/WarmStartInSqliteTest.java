package org.dl4jtuner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warm start enqueues the past study's best configurations once, however often the study is resumed from its file. */
class WarmStartInSqliteTest {
    @TempDir
    Path dir;

    private static final Objective BOWL = t -> {
        double x = t.suggestFloat("x", 0, 1);
        double y = t.suggestFloat("y", 0, 1);
        return (x - 0.3) * (x - 0.3) + (y - 0.6) * (y - 0.6);
    };

    private static long fromPast(Study study) {
        return study.trials().stream().filter(t -> t.systemAttrs().get(Study.WARM_START_FROM_ATTR) != null).count();
    }

    @Test
    void thePastTopIsEnqueuedExactlyOnceAcrossResumes() {
        Path file = dir.resolve("studies.db");
        List<FrozenTrial> past;
        try (Storage storage = SqliteStorage.open(file)) {
            Study march = Study.builder().name("march").storage(storage).sampler(Samplers.random(1)).build();
            march.optimize(BOWL, 25);
            past = march.trials();
        }
        try (Storage storage = SqliteStorage.open(file)) {
            Study april = Study.builder().name("april").storage(storage).sampler(Samplers.tpe(2))
                    .warmStartFrom("march", past).warmStartTop(5).build();
            april.optimize(BOWL, 2);   // stopped with three of the five past configurations still waiting
            assertEquals(5, fromPast(april));
        }
        for (int run = 0; run < 2; run++) {
            try (Storage storage = SqliteStorage.open(file)) {
                List<FrozenTrial> again = Study.builder().name("march").storage(storage).build().trials();
                Study april = Study.builder().name("april").storage(storage).sampler(Samplers.tpe(2))
                        .warmStartFrom("march", again).warmStartTop(5).build();
                april.optimize(BOWL, 4);
                assertEquals(5, fromPast(april));
                assertEquals(Map.of("top", 5, "prime_sampler", true, "sources",
                        List.of(Map.of("study", "march", "trials", 25, "enqueued", 5))),
                        storage.studySystemAttrs(april.id()).get(Study.WARM_START_ATTR));
            }
        }
        try (Storage storage = SqliteStorage.open(file)) {
            Study april = Study.builder().name("april").storage(storage).build();
            assertEquals(10, april.trials().size());
            assertEquals(5, april.trials().stream().filter(t -> t.systemAttrs().get(Study.WARM_START_FROM_ATTR) != null
                    && t.number() < 5).count());
        }
    }
}
