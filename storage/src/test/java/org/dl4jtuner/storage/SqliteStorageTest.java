package org.dl4jtuner.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StorageContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageTest extends StorageContractTest {
    @TempDir
    Path dir;

    @Override
    protected Storage createStorage() {
        return SqliteStorage.open(dir.resolve("contract.db"));
    }

    @Test
    void everythingSurvivesClosingAndReopening() {
        Path file = dir.resolve("reopen.db");
        long trialId;
        try (Storage first = SqliteStorage.open(file)) {
            long study = first.createStudy("s", Direction.MAXIMIZE).id();
            first.setStudySystemAttr(study, "space", Map.of("lr", List.of(1e-4, 1e-1)));
            FrozenTrial t = first.createTrial(study, TrialState.RUNNING, Map.of("seed", 7));
            trialId = t.id();
            first.setTrialParam(trialId, "lr", 0.01, new FloatDistribution(1e-4, 0.1, true, null));
            first.setTrialIntermediateValue(trialId, 1, 0.5);
            first.setTrialIntermediateValue(trialId, 2, Double.NaN);
            first.setTrialUserAttr(trialId, "note", Map.of("k", List.of(1, "two", true)));
        }
        try (Storage second = SqliteStorage.open(file)) {
            long study = second.findStudy("s").orElseThrow().id();
            assertEquals(Map.of("lr", List.of(1e-4, 1e-1)), second.studySystemAttrs(study).get("space"));
            FrozenTrial t = second.getTrial(trialId);
            assertEquals(TrialState.RUNNING, t.state(), "a trial left running stays running until someone decides");
            assertEquals(0.01, t.param("lr"));
            assertEquals(0.5, t.intermediateValues().get(1));
            assertTrue(Double.isNaN(t.intermediateValues().get(2)), "NaN is stored as NaN");
            assertEquals(Map.of("k", List.of(1, "two", true)), t.userAttrs().get("note"));
            assertEquals(7, t.systemAttrs().get("seed"));
            second.finishTrial(trialId, TrialState.COMPLETE, 0.5);
            assertEquals(TrialState.COMPLETE, second.trials(study, Set.of(TrialState.COMPLETE)).get(0).state());
        }
    }

    @Test
    void aStudyContinuesInANewProcessFromTheSameFile() {
        Path file = dir.resolve("resume.db");
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("q").sampler(Samplers.tpe(3)).storage(storage).seed(3).build();
            study.optimize(t -> Math.pow(t.suggestFloat("x", -5, 5) - 1, 2), 12);
        }
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("q").sampler(Samplers.tpe(3)).storage(storage).seed(3).build();
            assertEquals(12, study.trials().size());
            study.optimize(t -> Math.pow(t.suggestFloat("x", -5, 5) - 1, 2), 8);
            assertEquals(20, study.trials().size());
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19),
                    study.trials().stream().map(FrozenTrial::number).toList());
        }
    }

    @Test
    void twoConnectionsToOneFileShareTheStudy() {
        Path file = dir.resolve("shared.db");
        try (Storage a = SqliteStorage.open(file); Storage b = SqliteStorage.open(file)) {
            long study = a.createStudy("s", Direction.MINIMIZE).id();
            FrozenTrial t = a.createTrial(study, TrialState.RUNNING, Map.of());
            assertEquals(1, b.trials(study, Set.of()).size());
            b.setTrialSystemAttr(t.id(), "heartbeat", 1);
            assertEquals(1, a.getTrial(t.id()).systemAttrs().get("heartbeat"), "a sees b's write (cache by version)");
            a.finishTrial(t.id(), TrialState.COMPLETE, 2.0);
            b.setTrialUserAttr(t.id(), "later", "x");
            assertEquals("x", a.trials(study, Set.of()).get(0).userAttrs().get("later"),
                    "a finished trial changed by another process is read again");
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftUntouched() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.db"), "my notes, not a database\n");
        byte[] before = Files.readAllBytes(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteStorage.open(file));
        assertTrue(e.getMessage().contains("is not an SQLite database") && e.getMessage().contains("left untouched"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("shop.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            s.executeUpdate("INSERT INTO customers (name) VALUES ('Ada')");
        }
        byte[] before = Files.readAllBytes(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteStorage.open(file));
        assertTrue(e.getMessage().contains("another program (tables: customers)"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(Files.notExists(dir.resolve("shop.db-wal")), "no write-ahead log was started");
    }

    @Test
    void aDamagedDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("damaged.db");
        try (Storage s = SqliteStorage.open(file)) {
            long study = s.createStudy("s", Direction.MINIMIZE).id();
            for (int i = 0; i < 50; i++) {
                s.setStudySystemAttr(study, "k" + i, "x".repeat(200));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 4096; i < Math.min(bytes.length, 4096 * 3); i++) {
            bytes[i] = (byte) 0xA5;
        }
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteStorage.open(file));
        assertTrue(e.getMessage().contains("damaged SQLite database") && e.getMessage().contains("left untouched"),
                e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused() throws Exception {
        Path file = dir.resolve("newer.db");
        SqliteStorage.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + Schema.VERSION_TABLE + " SET version = 99");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteStorage.open(file));
        assertTrue(e.getMessage().contains("schema version 99") && e.getMessage().contains("newer dl4j-tuner"),
                e.getMessage());
    }

    @Test
    void storageUrlsNameTheFormsTheyMayTake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Storages.open("mysql://x/y"));
        assertTrue(e.getMessage().contains("'mysql://x/y'") && e.getMessage().contains("sqlite:PATH"), e.getMessage());
        try (Storage s = Storages.open("sqlite:" + dir.resolve("url.db"))) {
            assertTrue(s instanceof SqliteStorage);
        }
    }

    @Test
    void aWindowsDrivePathIsAFileAndAnyOtherSchemeIsNot() {
        // a one-letter "scheme" is a drive letter: C:\studies\tuning.db named a SQLite file before
        // unknown schemes were refused, and still does
        assertEquals(Path.of("C:\\studies\\tuning.db"), Storages.sqliteFile("C:\\studies\\tuning.db"));
        assertEquals(Path.of("d:/studies/tuning.sqlite"), Storages.sqliteFile("d:/studies/tuning.sqlite"));
        assertEquals(Path.of("studies/tuning.db"), Storages.sqliteFile("sqlite:studies/tuning.db"));
        assertNull(Storages.sqliteFile("sqlit:typo.db"));
        assertNull(Storages.sqliteFile("jdbc:postgresql://127.0.0.1/tuner.db"));
        assertNull(Storages.sqliteFile("postgresql://127.0.0.1/tuner.db"));
    }

    @Test
    void everyCommitIsSyncedToDiskSoAPowerCutLosesNothingFinished() {
        // synchronous=NORMAL with write-ahead logging may roll back the commits since the last
        // checkpoint after a power cut; FULL (2) syncs the log at every commit
        try (SqliteStorage s = SqliteStorage.open(dir.resolve("durable.db"))) {
            int synchronous = s.read(c -> {
                try (Statement st = c.createStatement(); java.sql.ResultSet r = st.executeQuery("PRAGMA synchronous")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertEquals(2, synchronous, "PRAGMA synchronous of a study database (2 is FULL)");
            String journal = s.read(c -> {
                try (Statement st = c.createStatement(); java.sql.ResultSet r = st.executeQuery("PRAGMA journal_mode")) {
                    r.next();
                    return r.getString(1);
                }
            });
            assertEquals("wal", journal);
        }
    }
}
