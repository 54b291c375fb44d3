package org.dl4jtuner.models;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dl4jtuner.tuner.util.Folders;

/**
 * Where one trial's {@link TrainingState} is checkpointed, written so that a process killed, or a
 * machine that loses power, at any moment leaves a whole state behind: each save goes to a new
 * {@code state-UUID} folder, and only once every file is written and synced to disk does the pointer
 * file {@code current} (written to a temporary file and renamed over the old one, which is atomic)
 * name it; then older folders are deleted. A reader
 * follows the pointer, so it sees the last complete save and never a half-written one.
 */
final class CheckpointFolder {
    private static final String POINTER = "current";

    private final Path dir;

    CheckpointFolder(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    Path dir() {
        return dir;
    }

    /** Whether a complete state has been saved here. */
    boolean exists() {
        return Files.isRegularFile(dir.resolve(POINTER));
    }

    /**
     * Saves the state as the new current one and deletes the older saves. The state's files, then
     * the pointer, are synced to disk before the pointer is renamed into place (and the folder after),
     * so that after a power cut the pointer never names a state whose files were still in the page cache.
     */
    void save(TrainingState state) throws IOException {
        Files.createDirectories(dir);
        String name = "state-" + UUID.randomUUID();
        state.save(dir.resolve(name));
        syncTree(dir.resolve(name));
        Path pointer = dir.resolve(POINTER + ".tmp-" + UUID.randomUUID());
        Files.writeString(pointer, name, StandardCharsets.UTF_8);
        sync(pointer);
        Files.move(pointer, dir.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync(dir);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "state-*")) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(name)) {
                    Folders.deleteTree(p);
                }
            }
        }
    }

    /** Syncs every file under {@code folder}, then the folders themselves, deepest first. */
    private static void syncTree(Path folder) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            sync(p);
        }
    }

    /**
     * Forces a file's content, or a folder's entries, to disk. Some platforms cannot open a folder
     * for syncing (Windows); there only files are synced.
     */
    private static void sync(Path path) throws IOException {
        boolean folder = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, folder ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!folder) {
                throw e;
            }
        }
    }

    /** The state the pointer names. */
    TrainingState load() throws IOException {
        String name = Files.readString(dir.resolve(POINTER), StandardCharsets.UTF_8).trim();
        return TrainingState.load(dir.resolve(name));
    }
}
