package org.dl4jtuner.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page and its scripts and styles, read from this jar: nothing comes from the network. The
 * charts are Apache ECharts, whose minified build the build copies from the
 * {@code org.webjars.npm:echarts} webjar into this jar at the webjar's own path.
 */
final class WebAssets {
    /** The ECharts release bundled; the dashboard pom's {@code echarts.version}. */
    static final String ECHARTS_VERSION = "5.3.1";
    /** The scripts, in the order the page loads them. */
    static final List<String> SCRIPTS = List.of("echarts.min.js", "charts.js", "plots-study.js", "plots-params.js",
            "plots-pareto.js", "dashboard.js");
    /** The files under {@code /assets/} and their content types. */
    static final Map<String, String> ASSETS = assets();

    private WebAssets() {
    }

    private static Map<String, String> assets() {
        Map<String, String> assets = new LinkedHashMap<>();
        SCRIPTS.forEach(s -> assets.put(s, "text/javascript; charset=utf-8"));
        assets.put("dashboard.css", "text/css; charset=utf-8");
        return Map.copyOf(assets);
    }

    static String read(String name) {
        String path = name.equals("echarts.min.js")
                ? "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js"
                : "web/" + name;
        try (InputStream in = WebAssets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " in the dashboard jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
