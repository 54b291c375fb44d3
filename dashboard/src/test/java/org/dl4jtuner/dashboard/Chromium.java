package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, driven from the command line: the DOM after the page's scripts ran,
 * or a screenshot. Tests that need it are skipped when it is not installed, unless
 * {@code DL4J_TUNER_REQUIRE_BROWSER=1} (as in CI), which makes its absence a failure. The command
 * line's browser tests use it too, from this module's test jar.
 */
public final class Chromium {
    private final Path binary;
    private final Path profile;

    private Chromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** The installed browser, with a throwaway profile in {@code dir}. */
    public static Chromium find(Path dir) throws IOException {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return new Chromium(candidate, Files.createDirectories(dir.resolve("chromium-profile")));
                }
            }
        }
        boolean required = "1".equals(System.getenv("DL4J_TUNER_REQUIRE_BROWSER"));
        assertTrue(!required, "DL4J_TUNER_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)");
        Assumptions.abort("no chromium on PATH; apt-get install chromium to run the browser tests");
        return null;
    }

    /** The serialized DOM of {@code url} after its scripts had {@code millis} of (virtual) time. */
    public String dumpDom(String url, int millis) throws IOException, InterruptedException {
        List<String> command = command(millis);
        command.add("--dump-dom");
        command.add(url);
        return run(command);
    }

    /** Saves a screenshot of {@code url}, in a window {@code width} pixels wide, to {@code png}. */
    public void screenshot(String url, int millis, int width, Path png) throws IOException, InterruptedException {
        List<String> command = command(millis);
        command.add("--window-size=" + width + ",3200");
        command.add("--screenshot=" + png.toAbsolutePath());
        command.add(url);
        run(command);
        assertTrue(Files.isRegularFile(png), "chromium wrote no screenshot to " + png);
    }

    private List<String> command(int millis) {
        return new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-extensions",
                "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + millis));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 90 s: " + command);
            }
            assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(err));
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
