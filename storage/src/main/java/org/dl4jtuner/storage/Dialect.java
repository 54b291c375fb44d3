package org.dl4jtuner.storage;

/** The SQL that differs between SQLite and PostgreSQL; everything else is shared. */
enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL"),
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION");

    final String idColumn;
    final String doubleType;

    Dialect(String idColumn, String doubleType) {
        this.idColumn = idColumn;
        this.doubleType = doubleType;
    }
}
