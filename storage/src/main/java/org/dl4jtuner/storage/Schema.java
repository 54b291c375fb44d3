package org.dl4jtuner.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables, one schema for SQLite and PostgreSQL (a reported NaN is NULL in trial_values,
 * since SQLite cannot hold NaN), with a version number and migrations: a
 * database is brought from its version to {@link #VERSION} one step at a time, inside a
 * transaction; a database written by a newer dl4j-tuner is refused, not touched.
 */
final class Schema {
    /** The schema this code writes. */
    static final int VERSION = 1;
    static final String VERSION_TABLE = "dl4j_tuner_schema";

    private Schema() {
    }

    /** The statements that move a database from version {@code from - 1} to {@code from}. */
    private static List<String> migration(int to, Dialect d) {
        return switch (to) {
            case 1 -> List.of(
                    "CREATE TABLE studies (id " + d.idColumn + ", name TEXT NOT NULL UNIQUE, direction TEXT NOT NULL,"
                            + " created_ms BIGINT NOT NULL)",
                    "CREATE TABLE study_attrs (study_id BIGINT NOT NULL REFERENCES studies(id), key TEXT NOT NULL,"
                            + " value_json TEXT NOT NULL, PRIMARY KEY (study_id, key))",
                    "CREATE TABLE trials (id " + d.idColumn + ", study_id BIGINT NOT NULL REFERENCES studies(id),"
                            + " number INTEGER NOT NULL, state TEXT NOT NULL, value " + d.doubleType + ","
                            + " start_ms BIGINT, end_ms BIGINT, version BIGINT NOT NULL DEFAULT 0,"
                            + " UNIQUE (study_id, number))",
                    "CREATE TABLE trial_params (trial_id BIGINT NOT NULL REFERENCES trials(id), seq INTEGER NOT NULL,"
                            + " name TEXT NOT NULL, value_json TEXT NOT NULL, distribution_json TEXT NOT NULL,"
                            + " PRIMARY KEY (trial_id, name))",
                    "CREATE TABLE trial_values (trial_id BIGINT NOT NULL REFERENCES trials(id), step INTEGER NOT NULL,"
                            + " value " + d.doubleType + ", PRIMARY KEY (trial_id, step))",
                    "CREATE TABLE trial_user_attrs (trial_id BIGINT NOT NULL REFERENCES trials(id), key TEXT NOT NULL,"
                            + " value_json TEXT NOT NULL, PRIMARY KEY (trial_id, key))",
                    "CREATE TABLE trial_system_attrs (trial_id BIGINT NOT NULL REFERENCES trials(id),"
                            + " key TEXT NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, key))",
                    "CREATE TABLE claims (study_id BIGINT NOT NULL REFERENCES studies(id), token TEXT NOT NULL,"
                            + " trial_id BIGINT NOT NULL, PRIMARY KEY (study_id, token))",
                    "CREATE INDEX trials_by_study_state ON trials (study_id, state)");
            default -> throw new IllegalArgumentException("no migration to schema version " + to);
        };
    }

    /** The database's schema version, or 0 when it has no dl4j-tuner tables yet. */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT version FROM " + VERSION_TABLE)) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException missing) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return 0;
        }
    }

    /**
     * Brings the database to {@link #VERSION} in one transaction (the caller holds the write lock).
     *
     * @param location where the database is, for messages
     */
    static void migrate(Connection c, Dialect dialect, int current, String location) throws SQLException {
        if (current > VERSION) {
            throw new IllegalStateException(location + " holds dl4j-tuner schema version " + current
                    + ", written by a newer dl4j-tuner; this one reads up to version " + VERSION
                    + ". Upgrade dl4j-tuner; the database was left untouched");
        }
        try (Statement s = c.createStatement()) {
            if (current == 0) {
                s.executeUpdate("CREATE TABLE " + VERSION_TABLE + " (version INTEGER NOT NULL)");
                s.executeUpdate("INSERT INTO " + VERSION_TABLE + " (version) VALUES (0)");
            }
            for (int to = current + 1; to <= VERSION; to++) {
                for (String sql : migration(to, dialect)) {
                    s.executeUpdate(sql);
                }
                s.executeUpdate("UPDATE " + VERSION_TABLE + " SET version = " + to);
            }
        }
    }
}
