package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;

/** The per-trial line's "best #N" is the study's best in storage, and artifact folders are per study. */
class TrialLinesTest {

    @Test
    void theBestCountsTrialsOfAnEarlierRunFromStorage() {
        InMemoryStorage storage = new InMemoryStorage();
        // a first run (another process): trial 0 scores 0.9
        Study.builder().name("s").direction(Direction.MAXIMIZE).seed(1).storage(storage).build()
                .optimize(trial -> 0.9 + 0 * trial.suggestFloat("x", 0, 1), 1);
        // a second run of the same study prints its lines; its own trials score less
        StringWriter text = new StringWriter();
        TrialLines lines = new TrialLines(new PrintWriter(text), "accuracy", storage, "s");
        Study second = Study.builder().name("s").direction(Direction.MAXIMIZE).seed(1).storage(storage)
                .callback(lines).build();
        List<Double> values = List.of(0.5, 0.95);
        int[] i = {0};
        second.optimize(trial -> values.get(i[0]++) + 0 * trial.suggestFloat("x", 0, 1), 2);
        List<String> printed = text.toString().lines().toList();
        assertEquals(2, printed.size(), text.toString());
        assertTrue(printed.get(0).startsWith("trial   1") && printed.get(0).endsWith("| best #0 0.9000"),
                "trial 1 (0.5) shows the first run's trial 0 as the best: " + printed.get(0));
        assertTrue(printed.get(1).startsWith("trial   2") && printed.get(1).endsWith("| best #2 0.9500"), printed.get(1));
    }

    @Test
    void studiesWhoseNamesSanitiseAlikeGetTheirOwnArtifactFolders() {
        InMemoryStorage storage = new InMemoryStorage();
        StudyRecord spaced = storage.createStudy("run a", Direction.MAXIMIZE);
        StudyRecord underscored = storage.createStudy("run_a", Direction.MAXIMIZE);
        assertNotEquals(ArtifactFolders.name(spaced), ArtifactFolders.name(underscored));
        assertTrue(ArtifactFolders.name(spaced).startsWith("run_a-"), ArtifactFolders.name(spaced));
        String own = "/x/studies-artifacts/" + ArtifactFolders.name(spaced) + "/trial-3.zip";
        String other = "/x/studies-artifacts/" + ArtifactFolders.name(underscored) + "/trial-3.zip";
        String legacy = "/x/studies-artifacts/run_a/trial-3.zip";
        assertNull(ArtifactFolders.check(spaced, 3, own));
        assertTrue(ArtifactFolders.check(spaced, 3, other).contains("run a"), ArtifactFolders.check(spaced, 3, other));
        assertTrue(ArtifactFolders.check(spaced, 3, legacy) != null, "an unkeyed folder may hold either study's network");
        assertTrue(ArtifactFolders.check(spaced, 4, own) != null, "another trial's file");
    }
}
