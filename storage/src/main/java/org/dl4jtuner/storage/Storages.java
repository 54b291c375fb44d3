package org.dl4jtuner.storage;

import java.nio.file.Path;

import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;

/**
 * Opens a storage from a URL: {@code sqlite:PATH} (a file; created when missing),
 * {@code postgresql://USER:PASSWORD@HOST:PORT/DATABASE}, or {@code memory} (gone when the process
 * ends). A bare path ending in {@code .db}, {@code .sqlite} or {@code .sqlite3} means SQLite.
 */
public final class Storages {
    private Storages() {
    }

    /** The storage the URL names; IllegalArgumentException naming the URL and the forms it may take. */
    public static Storage open(String url) {
        if (url == null || url.isBlank() || url.equals("memory")) {
            return new InMemoryStorage();
        }
        Path sqlite = sqliteFile(url);
        if (sqlite != null) {
            return SqliteStorage.open(sqlite);
        }
        if (url.startsWith("postgresql://") || url.startsWith("jdbc:postgresql://")) {
            return PostgresStorage.open(url);
        }
        throw new IllegalArgumentException("storage URL '" + url + "' is not one of sqlite:PATH,"
                + " postgresql://USER:PASSWORD@HOST:PORT/DATABASE or memory");
    }

    /**
     * An existing stored study database, opened for reading only: nothing is created, migrated or
     * written (see {@link SqliteStorage#openReadOnly} and {@link PostgresStorage#openReadOnly}).
     * IllegalArgumentException for a URL of another form or for {@code memory}, which holds nothing to read.
     */
    public static Storage openReadOnly(String url) {
        Path sqlite = sqliteFile(url);
        if (sqlite != null) {
            return SqliteStorage.openReadOnly(sqlite);
        }
        if (url != null && (url.startsWith("postgresql://") || url.startsWith("jdbc:postgresql://"))) {
            return PostgresStorage.openReadOnly(url);
        }
        throw new IllegalArgumentException("storage URL '" + url + "' is not one of sqlite:PATH or"
                + " postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
    }

    /**
     * The file a SQLite URL names ({@code sqlite:PATH}, or a bare path ending in {@code .db},
     * {@code .sqlite} or {@code .sqlite3}, a Windows one with its drive letter included), or null
     * when the URL is not SQLite's: another scheme, or a mistyped one ({@code sqlit:x.db}).
     * IllegalArgumentException for {@code sqlite:} without a path.
     */
    public static Path sqliteFile(String url) {
        if (url == null) {
            return null;
        }
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException("storage URL 'sqlite:' needs a file path, e.g. sqlite:studies.db");
            }
            return Path.of(path);
        }
        // another scheme, or a mistyped one ("sqlit:x.db"): not a bare path to create; a scheme of one
        // letter is a Windows drive (C:\studies\x.db), a path
        if (url.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return null;
        }
        if (url.endsWith(".db") || url.endsWith(".sqlite") || url.endsWith(".sqlite3")) {
            return Path.of(url);
        }
        return null;
    }

    /** The URL with its password shown as {@code ***}, for messages and headers. */
    public static String redact(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
    }
}
