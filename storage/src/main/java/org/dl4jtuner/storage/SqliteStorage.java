package org.dl4jtuner.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Storage in one SQLite file: the default for a study on disk. Write-ahead logging lets readers
 * (a dashboard, {@code trials}) work while a study writes; a 30-second busy timeout and immediate
 * transactions let several processes on one machine share the file without "database is locked";
 * every commit is synced to disk ({@code synchronous=FULL}), so it survives a power cut.
 *
 * <p>Opening never harms a file that is not ours: a file that is not SQLite, is damaged, or is
 * another program's database is refused with a message, before anything is written to it.
 */
public final class SqliteStorage extends JdbcStorage {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteStorage(Connection connection, Clock clock, String location) {
        super(connection, Dialect.SQLITE, clock, location);
    }

    /** Opens (creating if needed) the study database at {@code file}. */
    public static SqliteStorage open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that stamps trials. */
    public static SqliteStorage open(Path file, Clock clock) {
        Path path = file.toAbsolutePath().normalize();
        String location = path.toString();
        inspect(path);
        requireWritable(path);
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: each commit is on disk when it returns, so a power cut loses no finished trial or
            // epoch (with NORMAL, write-ahead logging keeps the file whole but may roll back the commits
            // since its last checkpoint, many trials' worth)
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(30_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.enforceForeignKeys(true);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
            SqliteStorage storage = new SqliteStorage(connection, clock, location);
            storage.write(c -> {
                Schema.migrate(c, Dialect.SQLITE, Schema.version(c), location);
                return null;
            });
            return storage;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the study database " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing study database for reading only: nothing is created, migrated or written,
     * and a file or folder that is read-only is fine. A missing or empty file, a file that is not
     * SQLite, another program's database and a damaged one are refused with an
     * IllegalArgumentException naming the file.
     */
    public static SqliteStorage openReadOnly(Path file) {
        Path path = file.toAbsolutePath().normalize();
        String location = path.toString();
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(location + " does not exist");
        }
        inspect(path);
        try {
            if (Files.size(path) == 0) {
                throw new IllegalArgumentException(location + " is not a dl4j-tuner database (empty file)."
                        + " The file was left untouched");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + location + ": " + e.getMessage(), e);
        }
        Connection connection = null;
        try {
            connection = readOnlyConnection(path);
            int version = Schema.version(connection);
            if (version == 0) {
                throw new IllegalArgumentException(location + " is not a dl4j-tuner database (an SQLite file without"
                        + " its tables). The file was left untouched");
            }
            if (version > Schema.VERSION) {
                throw new IllegalArgumentException(location + " holds dl4j-tuner schema version " + version
                        + ", written by a newer dl4j-tuner; this one reads up to version " + Schema.VERSION);
            }
            return new SqliteStorage(connection, Clock.systemUTC(), location);
        } catch (SQLException e) {
            throw new IllegalArgumentException(location + " cannot be read (" + e.getMessage() + ")"
                    + (Files.isWritable(path) ? "" : "; it is read-only") + ". The file was left untouched", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * A read-only connection. A write-ahead-log database in a folder this process cannot write is
     * read as immutable: SQLite cannot create the shared-memory file it reads such a database
     * through, and nobody who can write the file can be expected to either.
     */
    private static Connection readOnlyConnection(Path path) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(30_000);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + path, readOnly.toProperties());
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            r.next();
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            Path folder = path.getParent();
            if (folder == null || Files.isWritable(folder)) {
                throw e;
            }
        }
        return DriverManager.getConnection("jdbc:sqlite:file:" + path + "?immutable=1", readOnly.toProperties());
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a read-only connection loses nothing
            }
        }
    }

    /** Refuses, before anything is written, a database file or folder this process may not write. */
    private static void requireWritable(Path path) {
        Path folder = path.getParent();
        if (Files.exists(path) && !Files.isWritable(path)) {
            throw new IllegalArgumentException(path + " is read-only; a study cannot be written there. Make it"
                    + " writable (chmod u+w), or copy it to a writable place. The file was left untouched");
        }
        if (folder != null && Files.isDirectory(folder) && !Files.isWritable(folder)) {
            throw new IllegalArgumentException(folder + " is a read-only folder; a study cannot be written to "
                    + path.getFileName() + " there (SQLite writes its log beside the database). Use a writable"
                    + " folder." + (Files.exists(path) ? " The file was left untouched" : ""));
        }
    }

    /** Refuses, without writing, a file that is not a dl4j-tuner SQLite database (an empty or new file is fine). */
    private static void inspect(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        String location = path.toString();
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(location + " is a directory; give the path of a database file,"
                    + " e.g. sqlite:" + path.resolve("study.db"));
        }
        byte[] head = new byte[MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + location + ": " + e.getMessage(), e);
        }
        if (read == 0) {
            return;
        }
        if (read < MAGIC.length || !Arrays.equals(head, MAGIC)) {
            throw new IllegalArgumentException(location + " is not an SQLite database (its first bytes are not"
                    + " \"SQLite format 3\"); give a new file name, or the path of a dl4j-tuner study database."
                    + " The file was left untouched");
        }
        // read-only, and through the write-ahead log, so that a study being written by another process reads whole
        try (Connection c = readOnlyConnection(path); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                String verdict = r.next() ? r.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new IllegalArgumentException(location + " is a damaged SQLite database (" + verdict
                            + "); restore it from a copy or start a new study file. The file was left untouched");
                }
            }
            if (!tables.isEmpty() && !tables.contains(Schema.VERSION_TABLE)) {
                throw new IllegalArgumentException(location + " is an SQLite database of another program (tables: "
                        + String.join(", ", tables) + "), not a dl4j-tuner study database; give another file name."
                        + " The file was left untouched");
            }
        } catch (SQLException e) {
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException(location + " cannot be read (" + e.getMessage() + "): this process"
                        + " has no permission to read it. The file was left untouched", e);
            }
            throw new IllegalArgumentException(location + " is a damaged SQLite database (" + e.getMessage()
                    + "); restore it from a copy or start a new study file. The file was left untouched", e);
        }
    }

    @Override
    boolean isConflict(SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                    || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return false;
    }
}
