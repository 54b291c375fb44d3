package org.dl4jtuner.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: a web page over a study's storage, read afresh on every request, so it
 * follows a study that other processes are writing. The page long-polls {@code /api/snapshot}:
 * it passes the version it shows, and the server answers as soon as storage holds something
 * newer (or after {@code wait} seconds), so a finished epoch appears within half a second.
 *
 * <p>Routes (all GET; {@code ?study=NAME} picks a study, else the server's default study, else
 * the only one in storage):
 * <ul>
 *   <li>{@code /} the page; {@code /assets/*} its scripts and styles, from this jar</li>
 *   <li>{@code /api/studies} the studies in storage</li>
 *   <li>{@code /api/trials} the trials, the array {@code trials --json} prints</li>
 *   <li>{@code /api/study} the summary: direction, sampler (name and settings), pruner (settings), counts, best trial, ranges</li>
 *   <li>{@code /api/importance} fANOVA importance, most important first</li>
 *   <li>{@code /api/rungs} where the pruner cut: brackets and rungs, or epochs reached</li>
 *   <li>{@code /api/snapshot} all of it in one object, with a {@code version};
 *       {@code ?after=VERSION&wait=SECONDS} holds the answer until the version differs (at most
 *       {@value #MAX_WAIT_SECONDS} seconds)</li>
 * </ul>
 *
 * <pre>{@code
 * try (DashboardServer server = DashboardServer.start(storage, "fashion-cnn", new InetSocketAddress("127.0.0.1", 8080))) {
 *     System.out.println(server.uri());
 *     ...
 * }
 * }</pre>
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The longest a snapshot request waits for a change. */
    static final int MAX_WAIT_SECONDS = 25;
    private static final long RECHECK_MILLIS = 400;
    /** Threads answering requests; each open page holds one while it waits for a change. */
    static final int THREADS = 32;

    private final Storage storage;
    private final String defaultStudy;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, List<Map<String, Object>>> importanceCache = new LinkedHashMap<>();

    private final Clock clock;

    private DashboardServer(Storage storage, String defaultStudy, HttpServer server, ExecutorService executor,
            Clock clock) {
        this.storage = storage;
        this.clock = clock;
        this.defaultStudy = defaultStudy;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving. Up to {@value #THREADS} threads answer requests (an open page's long poll
     * holds one); they read storage one at a time.
     *
     * @param storage      the storage to read; the caller closes it after closing the server
     * @param defaultStudy the study shown when a request names none; null for the only one
     * @param address      where to listen; port 0 picks a free port
     */
    public static DashboardServer start(Storage storage, String defaultStudy, InetSocketAddress address)
            throws IOException {
        return start(storage, defaultStudy, address, Clock.systemUTC());
    }

    /** As {@link #start(Storage, String, InetSocketAddress)}, timing a request's wait for a change by {@code clock}. */
    static DashboardServer start(Storage storage, String defaultStudy, InetSocketAddress address, Clock clock)
            throws IOException {
        HttpServer http = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "dl4j-tuner-dashboard");
            t.setDaemon(true);
            return t;
        });
        DashboardServer dashboard = new DashboardServer(storage, defaultStudy, http, executor, clock);
        http.createContext("/", dashboard::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("Dashboard listening on {}", dashboard.uri());
        return dashboard;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** Stops serving; open requests get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendJson(exchange, 405, Map.of("error", "only GET is served, not " + exchange.getRequestMethod()));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
                sendJson(exchange, 403, Map.of("error", "Host must name this machine (localhost or 127.0.0.1) when the"
                        + " dashboard listens on loopback only"));
                return;
            }
            try {
                route(exchange, path, query(exchange.getRequestURI().getRawQuery()));
            } catch (NotFound e) {
                sendJson(exchange, 404, Map.of("error", e.getMessage()));
            } catch (BadRequest e) {
                sendJson(exchange, 400, Map.of("error", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("Dashboard request {} failed", path, e);
                sendJson(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void route(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        if (path.equals("/") || path.equals("/index.html")) {
            send(exchange, 200, "text/html; charset=utf-8", WebAssets.read("index.html"));
        } else if (path.startsWith("/assets/") && WebAssets.ASSETS.containsKey(path.substring(8))) {
            String name = path.substring(8);
            send(exchange, 200, WebAssets.ASSETS.get(name), WebAssets.read(name));
        } else if (path.equals("/api/studies")) {
            sendJson(exchange, 200, studies());
        } else if (path.equals("/api/snapshot")) {
            sendJson(exchange, 200, snapshot(query));
        } else if (path.startsWith("/api/")) {
            StudySnapshot snapshot = read(query.get("study"));
            Object body = switch (path) {
                case "/api/trials" -> snapshot.trialsJson();
                case "/api/study" -> snapshot.summaryJson();
                case "/api/importance" -> importance(snapshot);
                case "/api/rungs" -> snapshot.rungsJson();
                default -> throw new NotFound("no API route " + path
                        + "; there are /api/studies, /api/trials, /api/study, /api/importance, /api/rungs, /api/snapshot");
            };
            sendJson(exchange, 200, body);
        } else {
            throw new NotFound("nothing at " + path);
        }
    }

    /** The whole snapshot with its version, once the version differs from {@code after} or the wait is over. */
    private Map<String, Object> snapshot(Map<String, String> query) {
        String after = query.get("after");
        int wait = Math.max(0, Math.min(MAX_WAIT_SECONDS, parseInt(query.get("wait"))));
        Instant deadline = clock.instant().plusSeconds(wait);
        while (true) {
            StudySnapshot snapshot = read(query.get("study"));
            List<Map<String, Object>> trials = snapshot.trialsJson();
            Map<String, Object> summary = snapshot.summaryJson();
            String version = version(summary, trials);
            if (after == null || !after.equals(version) || !clock.instant().isBefore(deadline)) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("version", version);
                all.putAll(snapshot.toJson(summary, trials, importance(snapshot)));
                return all;
            }
            try {
                Thread.sleep(RECHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the dashboard is stopping", e);
            }
        }
    }

    /** Changes whenever a trial, a state, a value, an epoch or an attribute of the study changes. */
    private static String version(Map<String, Object> summary, List<Map<String, Object>> trials) {
        Map<String, Object> withoutTime = new LinkedHashMap<>(summary);
        withoutTime.remove("taken");
        try {
            byte[] json = JSON.writeValueAsBytes(List.of(withoutTime, trials));
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json), 0, 8);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the study", e);
        }
    }

    private static int parseInt(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadRequest("wait: must be a whole number of seconds, but got '" + text + "'");
        }
    }

    private StudySnapshot read(String requested) {
        synchronized (storage) {
            return StudySnapshot.read(storage, study(requested));
        }
    }

    private List<Map<String, Object>> studies() {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<StudyRecord> all;
        synchronized (storage) {
            all = storage.studies();
        }
        for (StudyRecord s : all) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("direction", s.direction().name());
            row.put("default", s.name().equals(defaultStudy));
            rows.add(row);
        }
        return rows;
    }

    private StudyRecord study(String requested) {
        String name = requested != null && !requested.isEmpty() ? requested : defaultStudy;
        List<StudyRecord> all = storage.studies();
        if (name == null) {
            if (all.size() == 1) {
                return all.get(0);
            }
            throw new NotFound(all.isEmpty() ? "the storage holds no studies yet"
                    : "the storage holds " + all.size() + " studies (" + names(all) + "); add ?study=NAME");
        }
        return storage.findStudy(name).orElseThrow(() -> new NotFound("no study named '" + name + "'"
                + (all.isEmpty() ? "; the storage holds none" : "; the storage holds " + names(all))));
    }

    /** Importance is refitted only when the set of complete trials changed, outside any lock. */
    private List<Map<String, Object>> importance(StudySnapshot snapshot) {
        String study = snapshot.study().name() + "/";
        String key = study + snapshot.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE).map(FrozenTrial::number).map(String::valueOf)
                .collect(Collectors.joining(","));
        synchronized (importanceCache) {
            List<Map<String, Object>> cached = importanceCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<Map<String, Object>> fitted = snapshot.importanceJson();
        synchronized (importanceCache) {
            importanceCache.keySet().removeIf(k -> k.startsWith(study));
            importanceCache.put(key, fitted);
        }
        return fitted;
    }

    private static String names(List<StudyRecord> studies) {
        return studies.stream().map(StudyRecord::name).collect(Collectors.joining(", "));
    }

    /**
     * On a loopback address, only requests addressed to this machine's names are answered, so a
     * web page elsewhere cannot read the study through DNS rebinding.
     */
    private boolean hostAllowed(String host) {
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("the query '" + raw + "' is not URL-encoded: " + e.getMessage());
            }
        }
        return query;
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
