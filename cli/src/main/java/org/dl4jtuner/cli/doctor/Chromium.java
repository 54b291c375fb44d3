package org.dl4jtuner.cli.doctor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where Chromium is on the PATH, the browser the dashboard's tests load the page in. */
final class Chromium {
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private Chromium() {
    }

    /** The first executable of {@link #NAMES} on {@code path} (a PATH value). */
    static Optional<Path> find(String path) {
        for (String name : NAMES) {
            for (String folder : (path == null ? "" : path).split(File.pathSeparator)) {
                if (folder.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
