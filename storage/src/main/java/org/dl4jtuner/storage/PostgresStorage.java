package org.dl4jtuner.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;

/**
 * Storage in a PostgreSQL database, for several workers (processes or machines) on one study.
 * Trial numbers come from a unique key, so two workers never get the same number; a lost race is
 * retried. The schema is created or migrated under an advisory lock, so workers may start at the
 * same moment.
 *
 * <p>URL: {@code postgresql://USER:PASSWORD@HOST:PORT/DATABASE} (or the {@code jdbc:} form).
 */
public final class PostgresStorage extends JdbcStorage {
    private static final long SCHEMA_LOCK = 0x646c346a74756e65L;

    private PostgresStorage(Connection connection, Clock clock, String location) {
        super(connection, Dialect.POSTGRESQL, clock, location);
    }

    /** Connects to the database at {@code url} and brings its schema up to date. */
    public static PostgresStorage open(String url) {
        return open(url, Clock.systemUTC());
    }

    /** As {@link #open(String)}, with the clock that stamps trials. */
    public static PostgresStorage open(String url, Clock clock) {
        Target target = parse(url);
        Connection connection = connect(target);
        PostgresStorage storage = new PostgresStorage(connection, clock, target.location);
        storage.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            }
            Schema.migrate(c, Dialect.POSTGRESQL, Schema.version(c), target.location);
            return null;
        });
        return storage;
    }

    /**
     * Connects to the database at {@code url} for reading only: no schema is created or migrated
     * and the connection is read-only. A database without dl4j-tuner's tables is refused.
     */
    public static PostgresStorage openReadOnly(String url) {
        Target target = parse(url);
        Connection connection = connect(target);
        try {
            connection.setReadOnly(true);
            int version = Schema.version(connection);
            if (version == 0) {
                throw new IllegalArgumentException(target.location + " holds no dl4j-tuner studies (it has none of"
                        + " dl4j-tuner's tables); nothing was written");
            }
            if (version > Schema.VERSION) {
                throw new IllegalArgumentException(target.location + " holds dl4j-tuner schema version " + version
                        + ", written by a newer dl4j-tuner; this one reads up to version " + Schema.VERSION);
            }
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection was only read from
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot read PostgreSQL at " + target.location + ": " + e.getMessage(), e);
        }
        return new PostgresStorage(connection, Clock.systemUTC(), target.location);
    }

    private static Connection connect(Target target) {
        try {
            return DriverManager.getConnection(target.jdbcUrl, target.properties);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL at " + target.location + " ("
                    + e.getMessage() + "); start the server, or check the host, port, database, user and password"
                    + " in the storage URL. Nothing was written", e);
        }
    }

    private record Target(String jdbcUrl, Properties properties, String location) {
    }

    private static Target parse(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("storage URL '" + Storages.redact(url) + "' is not a valid URL: " + e.getMessage()
                    + "; expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
                || uri.getPath().length() <= 1) {
            throw new IllegalArgumentException("storage URL '" + Storages.redact(url)
                    + "' must look like postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        Properties properties = new Properties();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            properties.setProperty("user", URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length > 1) {
                properties.setProperty("password", URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        properties.setProperty("connectTimeout", "10");
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
        String location = "postgresql://" + uri.getHost() + ":" + port + uri.getPath();
        return new Target("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, properties,
                location);
    }

    @Override
    boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        // 23505 unique_violation (two workers took the same trial number), 40001 serialization, 40P01 deadlock
        return "23505".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }
}
