package org.dl4jtuner.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The page and its scripts and styles, read from this jar: nothing comes from the network. */
final class WebAssets {
    /** The files under {@code /assets/} and their content types. */
    static final Map<String, String> ASSETS = Map.of(
            "charts.js", "text/javascript; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private WebAssets() {
    }

    static String read(String name) {
        String path = "web/" + name;
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
