package org.dl4jtuner.tuner.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folder chores shared by every module, so that each is written once.
 * <pre>{@code
 * Path work = Files.createTempDirectory("trials");
 * ...
 * Folders.deleteTree(work);   // true: nothing of it is left
 * }</pre>
 */
public final class Folders {
    private static final Logger LOG = LoggerFactory.getLogger(Folders.class);

    private Folders() {
    }

    /**
     * Deletes a folder and everything in it, as far as it can: a file that cannot be deleted is
     * skipped and the rest still goes; the first such file is logged as a warning. A missing
     * folder is nothing to do. Symbolic links are deleted, not followed.
     *
     * @return whether nothing of {@code dir} is left
     */
    public static boolean deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
            return false;
        }
        IOException first = null;
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            LOG.warn("Could not delete all of {}: {} ({})", dir, first.getMessage(), first.getClass().getSimpleName());
            return false;
        }
        return true;
    }
}
