package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.dl4jtuner.cli.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RemoteData}: finding the URL in a spec, the errors that name it, and the executor's plan. */
class RemoteDataTest {
    @TempDir
    Path dir;

    private RemoteData remote(String url, String type) {
        return RemoteData.of(url, type, new Configuration(), dir.resolve("cache"));
    }

    @Test
    void onlyAUrlInDataPathIsRemote() {
        assertEquals("hdfs://nn:8020/d/wine.csv", RemoteData.urlIn(Map.of("data", Map.of("path", "hdfs://nn:8020/d/wine.csv"))));
        assertEquals("file:///srv/wine.csv", RemoteData.urlIn(Map.of("data", Map.of("path", "file:///srv/wine.csv"))));
        assertNull(RemoteData.urlIn(Map.of("data", Map.of("path", "../data/wine.csv"))));
        assertNull(RemoteData.urlIn(Map.of("data", Map.of("path", "bundled"))));
        assertNull(RemoteData.urlIn(Map.of("data", "not a map")), "the parser reports a malformed section");
        assertNull(RemoteData.urlIn(Map.of()));

        Map<String, Object> document = Map.of("data", Map.of("type", "csv", "path", "hdfs://nn/wine.csv"), "model", Map.of());
        Map<String, Object> local = RemoteData.withLocalPath(document, "/cache/x/wine.csv");
        assertEquals(Map.of("type", "csv", "path", "/cache/x/wine.csv"), local.get("data"));
        assertEquals("hdfs://nn/wine.csv", ((Map<?, ?>) document.get("data")).get("path"), "the document is unchanged");
    }

    @Test
    void theDriversHadoopSettingsTravelWithIt() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
        RemoteData data = RemoteData.of("s3a://b/wine.csv", "csv", conf, null);
        assertEquals("http://127.0.0.1:9000", data.hadoopConf().get("fs.s3a.endpoint"));
        assertNull(data.cacheFolder(), "each process's own default");

        conf.set("fs.tape.impl", "com.example.TapeFileSystem");
        UserError e = assertThrows(UserError.class, () -> RemoteData.of("tape://host/wine.csv", "csv", conf, null)
                .localCopy());
        assertTrue(e.getMessage().startsWith("data.path: \"tape://host/wine.csv\" cannot be opened through Hadoop's file"
                + " system: ") && e.getMessage().contains("com.example.TapeFileSystem"),
                "the executor opens the URL with the driver's settings: " + e.getMessage());
    }

    @Test
    void errorsNameTheKeyAndTheUrl() throws Exception {
        String missing = dir.resolve("nope.csv").toUri().toString();
        UserError e = assertThrows(UserError.class, () -> remote(missing, "csv").localCopy());
        assertEquals("data.path: \"" + missing + "\" does not exist (read through LocalFileSystem); it must be an existing"
                + " file", e.getMessage());

        UserError scheme = assertThrows(UserError.class, () -> remote("nosuchfs://host/wine.csv", "csv").localCopy());
        assertTrue(scheme.getMessage().startsWith("data.path: \"nosuchfs://host/wine.csv\" has the scheme nosuchfs, but no"
                + " Hadoop FileSystem for it is on the class path"), scheme.getMessage());

        Files.createDirectories(dir.resolve("photos"));
        String folder = dir.resolve("photos").toUri().toString();
        UserError kind = assertThrows(UserError.class, () -> remote(folder, "csv").localCopy());
        assertEquals("data.path: \"" + folder + "\" must be an existing file for type: csv, but it is a folder",
                kind.getMessage());
        Files.writeString(dir.resolve("w.csv"), "a,b\n1,2\n");
        String file = dir.resolve("w.csv").toUri().toString();
        assertTrue(assertThrows(UserError.class, () -> remote(file, "images").localCopy()).getMessage()
                .endsWith("must be an existing folder for type: images, but it is a file"));
        assertFalse(Files.exists(dir.resolve("cache")), "nothing was copied");
    }

    @Test
    void theExecutorsPlanReadsItsOwnCopy() throws Exception {
        String plan = "{\"spec\":{\"data\":{\"type\":\"csv\",\"path\":\"/driver/cache/wine.csv\",\"label\":\"cultivar\"},"
                + "\"model\":{\"type\":\"mlp\"}},\"storage\":\"sqlite:/s.db\"}";
        JsonNode rewritten = new ObjectMapper().readTree(RemoteData.withLocalPath(plan, "/executor/cache/wine.csv"));
        assertEquals("/executor/cache/wine.csv", rewritten.path("spec").path("data").path("path").asText());
        assertEquals("cultivar", rewritten.path("spec").path("data").path("label").asText());
        assertEquals("sqlite:/s.db", rewritten.path("storage").asText());
        assertThrows(IllegalStateException.class, () -> RemoteData.withLocalPath("{\"spec\":{}}", "/x"));
    }
}
