package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

/** One storage, several studies: the page lists them, and each request names the one it wants. */
class ManyStudiesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void eachStudyIsServedByNameAndNoneIsGuessed() throws Exception {
        Storage storage = new InMemoryStorage();
        Study.builder().name("small").storage(storage).build().optimize(t -> t.suggestFloat("x", 0, 1), 2);
        Study.builder().name("large").direction(Direction.MAXIMIZE).storage(storage).build()
                .optimize(t -> t.suggestInt("n", 1, 9), 5);

        try (DashboardServer server = DashboardServer.start(storage, null, new InetSocketAddress("127.0.0.1", 0))) {
            JsonNode studies = JSON.readTree(get(server, "api/studies").body());
            assertEquals(2, studies.size());
            assertEquals("small", studies.get(0).get("name").asText());
            assertEquals("MAXIMIZE", studies.get(1).get("direction").asText());
            assertTrue(!studies.get(0).get("default").asBoolean() && !studies.get(1).get("default").asBoolean());

            assertEquals(2, JSON.readTree(get(server, "api/trials?study=small").body()).size());
            assertEquals(5, JSON.readTree(get(server, "api/trials?study=large").body()).size());
            HttpResponse<String> unnamed = get(server, "api/trials");
            assertEquals(404, unnamed.statusCode());
            assertTrue(unnamed.body().contains("2 studies (small, large); add ?study=NAME"), unnamed.body());
        }
        try (DashboardServer server = DashboardServer.start(storage, "large", new InetSocketAddress("127.0.0.1", 0))) {
            assertEquals(5, JSON.readTree(get(server, "api/trials").body()).size());
            assertTrue(JSON.readTree(get(server, "api/studies").body()).get(1).get("default").asBoolean());
        }
    }

    private static HttpResponse<String> get(DashboardServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
