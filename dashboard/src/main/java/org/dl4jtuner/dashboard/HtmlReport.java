package org.dl4jtuner.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A study as one self-contained HTML file: the dashboard's page with its styles, its scripts
 * (ECharts included) and the study's data inlined, so it opens from disk, offline, and shows the
 * study as it was when written.
 */
public final class HtmlReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HtmlReport() {
    }

    /** The report's HTML. */
    public static String render(StudySnapshot snapshot) {
        return render(snapshot.toJson());
    }

    static String render(Map<String, Object> data) {
        String page = WebAssets.read("index.html");
        page = replaceOnce(page, "<link rel=\"stylesheet\" href=\"assets/dashboard.css\">",
                "<style>\n" + WebAssets.read("dashboard.css") + "</style>");
        StringBuilder scripts = new StringBuilder("<script id=\"study-data\" type=\"application/json\">")
                .append(inlineJson(data)).append("</script>");
        for (String name : WebAssets.SCRIPTS) {
            page = replaceOnce(page, "<script src=\"assets/" + name + "\"></script>", "");
            scripts.append("\n<script>\n").append(inlineScript(WebAssets.read(name))).append("\n</script>");
        }
        return replaceOnce(page, "</body>", scripts + "\n</body>");
    }

    /** Writes the report to {@code file}, replacing it. */
    public static void write(StudySnapshot snapshot, Path file) throws IOException {
        writeCreatingFolders(file, render(snapshot));
    }

    /** Writes {@code text} to {@code file}, creating its folders first. */
    static void writeCreatingFolders(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    private static String inlineJson(Object data) {
        try {
            // Inside a script element, "</script" ends it and "<!--" changes how the parser looks for
            // the end; with <, > and & written as JSON escapes the data holds none of them.
            return JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("study data could not be written as JSON", e);
        }
    }

    private static String inlineScript(String js) {
        String lower = js.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new IllegalStateException("a dashboard script contains '</script' or '<!--' and cannot be inlined");
        }
        return js;
    }

    private static String replaceOnce(String page, String marker, String replacement) {
        int at = page.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("index.html lacks " + marker);
        }
        return page.substring(0, at) + replacement + page.substring(at + marker.length());
    }
}
