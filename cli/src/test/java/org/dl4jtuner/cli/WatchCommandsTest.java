package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code dashboard} and {@code report}: a clear error, exit code 2, nothing written. */
class WatchCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aStorageFileThatDoesNotExistIsNamedAndNotCreated() {
        Path missing = dir.resolve("nope.db");
        for (String command : new String[] {"report", "dashboard", "trials", "best"}) {
            PersistentStudyTest.Result r = command.equals("report")
                    ? PersistentStudyTest.run(command, "--storage", "sqlite:" + missing, "--html", dir.resolve("r.html").toString())
                    : PersistentStudyTest.run(command, "--storage", "sqlite:" + missing);
            assertEquals(2, r.code(), command);
            assertTrue(r.err().contains("--storage: sqlite:" + missing + " names no file"), command + ": " + r.err());
        }
        assertFalse(Files.exists(missing));
        assertFalse(Files.exists(dir.resolve("r.html")));
    }

    @Test
    void reportNeedsAnOutputAndAStudyThatExists() {
        Path db = dir.resolve("one.db");
        try (SqliteStorage storage = SqliteStorage.open(db)) {
            Study study = Study.builder().name("one").storage(storage).sampler(Samplers.random(1)).build();
            study.optimize(t -> t.suggestFloat("x", 0, 1), 3);
        }
        PersistentStudyTest.Result none = PersistentStudyTest.run("report", "--storage", "sqlite:" + db);
        assertEquals(2, none.code());
        assertTrue(none.err().contains("give --html FILE, --csv FILE or both"), none.err());

        PersistentStudyTest.Result wrong = PersistentStudyTest.run("report", "two", "--storage", "sqlite:" + db,
                "--csv", dir.resolve("t.csv").toString());
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("STUDY: no study named 'two'") && wrong.err().contains("one"), wrong.err());
        assertFalse(Files.exists(dir.resolve("t.csv")));

        PersistentStudyTest.Result csv = PersistentStudyTest.run("report", "--storage", "sqlite:" + db,
                "--csv", dir.resolve("t.csv").toString());
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().contains("trial table of study 'one' written to"), csv.out());
    }

    @Test
    void dashboardRefusesABadOrBusyPort() throws Exception {
        Path db = dir.resolve("one.db");
        try (SqliteStorage storage = SqliteStorage.open(db)) {
            Study.builder().name("one").storage(storage).build();
        }
        PersistentStudyTest.Result bad = PersistentStudyTest.run("dashboard", "--storage", "sqlite:" + db, "--port", "70000");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--port: must be in 0..65535, but got 70000"), bad.err());

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // were the port not refused, the dashboard would serve until stopped: fail after 30 s instead
            PersistentStudyTest.Result busy = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> PersistentStudyTest.run(
                    "dashboard", "--storage", "sqlite:" + db, "--port", Integer.toString(taken.getLocalPort())));
            assertEquals(2, busy.code());
            assertTrue(busy.err().contains("--port: cannot listen on 127.0.0.1:" + taken.getLocalPort()), busy.err());
        }

        PersistentStudyTest.Result unknown = PersistentStudyTest.run("dashboard", "--storage", "sqlite:" + db,
                "--study", "other");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no study named 'other'"), unknown.err());
    }
}
