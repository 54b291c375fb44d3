package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.WatchedClock;
import org.dl4jtuner.tuner.pruner.HyperbandPruner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's HTTP API over a real server, on a Hyperband study held in memory. */
class DashboardServerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Study study;
    private static DashboardServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        study = Studies.hyperband(40);
        server = DashboardServer.start(study.storage(), null, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    @Test
    void apiTrialsIsTheArrayOfTrialJsonForEveryTrial() throws Exception {
        JsonNode trials = json("api/trials");
        List<FrozenTrial> stored = study.trials();

        assertEquals(stored.size(), trials.size());
        List<Map<String, Object>> expected = new ArrayList<>();
        stored.forEach(t -> expected.add(TrialJson.of(t)));
        assertEquals(JSON.readTree(JSON.writeValueAsString(expected)), trials);
        assertTrue(trials.get(0).get("intermediate_values").size() > 0);
    }

    @Test
    void apiStudyCountsTheStatesAndNamesTheBestTrial() throws Exception {
        JsonNode summary = json("api/study");

        assertEquals("curves", summary.get("name").asText());
        assertEquals("MAXIMIZE", summary.get("direction").asText());
        assertEquals("hyperband", summary.get("pruner").get("type").asText());
        assertEquals(JSON.readTree(JSON.writeValueAsString(study.storage().studySystemAttrs(study.id())
                .get(Study.SAMPLER_SETTINGS_ATTR))), summary.get("sampler_settings"));
        assertEquals("random", summary.get("sampler_settings").get("type").asText());
        long complete = study.trials(TrialState.COMPLETE).size();
        long pruned = study.trials(TrialState.PRUNED).size();
        assertTrue(pruned > 0, "Hyperband pruned nothing in 40 trials");
        assertEquals(complete, summary.get("counts").get("COMPLETE").asLong());
        assertEquals(pruned, summary.get("counts").get("PRUNED").asLong());
        assertEquals(study.bestTrial().number(), summary.get("best").get("number").asInt());
        assertTrue(summary.get("params").get("learning_rate").get("log").asBoolean());
        assertEquals(List.of("adam", "sgd"), JSON.convertValue(summary.get("params").get("optimizer").get("choices"), List.class));
    }

    @Test
    void apiImportanceRanksEveryVaryingParameter() throws Exception {
        JsonNode importance = json("api/importance");

        assertEquals(3, importance.size());
        double sum = 0;
        for (int i = 0; i < importance.size(); i++) {
            sum += importance.get(i).get("importance").asDouble();
            if (i > 0) {
                assertTrue(importance.get(i - 1).get("importance").asDouble() >= importance.get(i).get("importance").asDouble());
            }
        }
        assertEquals(1.0, sum, 1e-9);
    }

    @Test
    void apiRungsCountsEachBracketsTrialsAtEachRung() throws Exception {
        JsonNode rungs = json("api/rungs");

        assertEquals("hyperband", rungs.get("kind").asText());
        for (JsonNode group : rungs.get("groups")) {
            int bracket = Integer.parseInt(group.get("name").asText().replace("bracket ", ""));
            List<FrozenTrial> members = study.trials().stream()
                    .filter(t -> t.systemAttrs().get(HyperbandPruner.BRACKET_ATTR) instanceof Number n && n.intValue() == bracket)
                    .toList();
            assertEquals(members.size(), group.get("trials").asInt());
            JsonNode first = group.get("rows").get(0);
            long step = first.get("step").asLong();
            assertEquals(bracket == 0 ? 1 : bracket == 1 ? 3 : 9, step, "bracket " + bracket + " starts at min * eta^b");
            if (step < 9) {
                assertEquals(members.stream().filter(t -> t.lastStep() >= step).count(), first.get("reached").asLong());
                assertEquals(members.stream().filter(t -> t.lastStep() > step).count(), first.get("continued").asLong());
            }
            JsonNode full = group.get("rows").get(group.get("rows").size() - 1);
            assertEquals(9, full.get("step").asInt());
            assertEquals(members.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), full.get("reached").asLong());
        }
    }

    @Test
    void snapshotHoldsAllPartsAndThePageAndAssetsComeFromTheJar() throws Exception {
        JsonNode snapshot = json("api/snapshot?study=curves");
        assertEquals(json("api/trials"), snapshot.get("trials"));
        assertEquals(16, snapshot.get("version").asText().length());
        assertEquals(json("api/importance"), snapshot.get("importance"));

        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"assets/dashboard.js\"></script>"));
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page must not load anything from the network");
        for (String asset : WebAssets.ASSETS.keySet()) {
            HttpResponse<String> response = get("assets/" + asset);
            assertEquals(200, response.statusCode(), asset);
            assertEquals(WebAssets.read(asset), response.body());
        }
    }

    @Test
    void badRequestsGetAnErrorThatSaysWhatIsWrong() throws Exception {
        HttpResponse<String> unknown = get("api/trials?study=nope");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("no study named 'nope'") && unknown.body().contains("curves"), unknown.body());

        assertEquals(404, get("api/nothing").statusCode());
        assertEquals(404, get("assets/../pom.xml").statusCode());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("api/trials"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        assertTrue(rawStatusLine("localhost", "/api/trials?study=%zz").contains(" 400 "), "a malformed query");
        assertTrue(rawStatusLine("localhost", "/api/studies").contains(" 200 "));
        assertTrue(rawStatusLine("evil.example", "/api/studies").contains(" 403 "),
                "a page of another site (DNS rebinding) is refused");
        assertEquals(study.trials().size(), json("api/trials").size(), "nothing changed the study");
    }

    @Test
    void aSnapshotRequestWaitsForTheStudyToChangeAndAnswersWhenItDoes() throws Exception {
        Study live = Study.builder().name("live").sampler(org.dl4jtuner.tuner.sampler.Samplers.random(1)).build();
        live.optimize(t -> t.suggestFloat("x", 0, 1), 2);
        WatchedClock clock = new WatchedClock();
        try (DashboardServer own = DashboardServer.start(live.storage(), "live", new InetSocketAddress("127.0.0.1", 0),
                clock)) {
            JsonNode first = JSON.readTree(HTTP.send(HttpRequest.newBuilder(own.uri().resolve("api/snapshot")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String version = first.get("version").asText();

            // unchanged: the answer is held until the server's clock passes the wait
            clock.forgetReads();
            CompletableFuture<HttpResponse<String>> held = HTTP.sendAsync(HttpRequest.newBuilder(own.uri().resolve(
                    "api/snapshot?after=" + version + "&wait=1")).build(), HttpResponse.BodyHandlers.ofString());
            clock.awaitReads(2);   // the deadline, then the first check
            assertFalse(held.isDone(), "an unchanged study holds the answer while the wait lasts");
            clock.advance(Duration.ofSeconds(1));
            JsonNode unchanged = JSON.readTree(held.get(10, TimeUnit.SECONDS).body());
            assertEquals(version, unchanged.get("version").asText());

            // changed: the answer comes with the change, though the server's clock never reaches the end of the wait
            clock.forgetReads();
            CompletableFuture<HttpResponse<String>> waiting = HTTP.sendAsync(HttpRequest.newBuilder(own.uri().resolve(
                    "api/snapshot?after=" + version + "&wait=20")).build(), HttpResponse.BodyHandlers.ofString());
            clock.awaitReads(2);
            assertFalse(waiting.isDone(), "nothing changed yet");
            live.optimize(t -> t.suggestFloat("x", 0, 1), 1);
            JsonNode changed = JSON.readTree(waiting.get(10, TimeUnit.SECONDS).body());
            assertFalse(version.equals(changed.get("version").asText()));
            assertEquals(3, changed.get("trials").size());

            HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(own.uri().resolve("api/snapshot?after=x&wait=soon"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("wait: must be a whole number of seconds, but got 'soon'"), bad.body());
        }
    }

    /** The status line of a GET of {@code path}, sent as it is with the given Host header. */
    private static String rawStatusLine(String host, String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri().getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + server.uri().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aServerOnPortZeroReportsTheAddressItGot() {
        URI uri = server.uri();
        assertEquals("127.0.0.1", uri.getHost());
        assertTrue(uri.getPort() > 0);
    }
}
