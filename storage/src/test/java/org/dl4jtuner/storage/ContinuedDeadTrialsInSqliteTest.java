package org.dl4jtuner.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.ContinuedDeadTrialsTest;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-trial takeover of {@code Study.optimize} on a real SQLite file, each study object with
 * its own connection as separate processes have: trials continue from the epoch after their stored
 * ones, and two runs at once never take the same dead trial (the claim is atomic in the file).
 */
class ContinuedDeadTrialsInSqliteTest {
    @TempDir
    Path dir;
    private final List<Storage> opened = new ArrayList<>();

    private Storage open(String name) {
        Storage storage = SqliteStorage.open(dir.resolve(name));
        opened.add(storage);
        return storage;
    }

    @AfterEach
    void close() {
        opened.forEach(Storage::close);
    }

    @Test
    void deadTrialsContinueFromTheEpochAfterTheStoredOnes() throws Exception {
        ContinuedDeadTrialsTest.continuesFromTheEpochAfterTheStoredOnes(open("killed.db"), open("killed.db"));
    }

    @Test
    void twoRunsNeverTakeTheSameDeadTrial() throws Exception {
        ContinuedDeadTrialsTest.twoRunsNeverTakeTheSameDeadTrial(() -> open("shared.db"));
    }
}
