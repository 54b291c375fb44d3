package org.dl4jtuner.storage;

/** The SQL that differs between SQLite and PostgreSQL; everything else is shared. */
enum Dialect {
    /** SQLite's immediate transactions already hold the write lock: reading the study row is enough. */
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL", "SELECT id FROM studies WHERE id = ?"),
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION", "SELECT id FROM studies WHERE id = ? FOR UPDATE");

    final String idColumn;
    final String doubleType;
    /** Locks a study's row until the transaction ends, serialising trial creation within a study. */
    final String lockStudy;

    Dialect(String idColumn, String doubleType, String lockStudy) {
        this.idColumn = idColumn;
        this.doubleType = doubleType;
        this.lockStudy = lockStudy;
    }
}
