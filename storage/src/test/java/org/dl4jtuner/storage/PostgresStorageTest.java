package org.dl4jtuner.storage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;

import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StorageContractTest;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on a real PostgreSQL server: the URL comes from the environment variable
 * {@value PostgresStorageTest#URL_VARIABLE} (set by {@code .ci/run}, which installs and starts
 * Debian's PostgreSQL); each test gets an emptied schema of its own ({@value #SCHEMA}), so studies
 * that other tests keep in the database are never touched.
 */
@RequiresPostgres
class PostgresStorageTest extends StorageContractTest {
    static final String URL_VARIABLE = "DL4J_TUNER_TEST_POSTGRES";
    static final String SCHEMA = "dl4j_tuner_contract";

    @Override
    protected Storage createStorage() throws Exception {
        String url = System.getenv(URL_VARIABLE);
        emptySchema(url);
        return PostgresStorage.open(url + "?currentSchema=" + SCHEMA);
    }

    /** Drops and recreates the test schema, so each test starts from an empty one. */
    static void emptySchema(String url) throws Exception {
        java.net.URI uri = new java.net.URI(url);
        Properties p = new Properties();
        String[] user = uri.getUserInfo().split(":", 2);
        p.setProperty("user", user[0]);
        if (user.length > 1) {
            p.setProperty("password", user[1]);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + port
                + uri.getPath(), p); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
    }

    @Test
    void aMissingServerGetsAMessageThatSaysWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PostgresStorage.open("postgresql://tuner:secret@127.0.0.1:1/nowhere"));
        assertTrue(e.getMessage().contains("cannot connect to PostgreSQL at postgresql://127.0.0.1:1/nowhere")
                && e.getMessage().contains("start the server") && !e.getMessage().contains("secret"), e.getMessage());
    }
}
