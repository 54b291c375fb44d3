package org.dl4jtuner.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.dl4jtuner.tuner.util.Folders;

/**
 * Where one trial's {@link TrainingState} is checkpointed, written so that a process killed at any
 * moment leaves a whole state behind: each save goes to a new {@code state-UUID} folder, and only
 * once every file is written does the pointer file {@code current} (written to a temporary file and
 * renamed over the old one, which is atomic) name it; then older folders are deleted. A reader
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

    /** Saves the state as the new current one and deletes the older saves. */
    void save(TrainingState state) throws IOException {
        Files.createDirectories(dir);
        String name = "state-" + UUID.randomUUID();
        state.save(dir.resolve(name));
        Path pointer = dir.resolve(POINTER + ".tmp-" + UUID.randomUUID());
        Files.writeString(pointer, name, StandardCharsets.UTF_8);
        Files.move(pointer, dir.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "state-*")) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(name)) {
                    Folders.deleteTree(p);
                }
            }
        }
    }

    /** The state the pointer names. */
    TrainingState load() throws IOException {
        String name = Files.readString(dir.resolve(POINTER), StandardCharsets.UTF_8).trim();
        return TrainingState.load(dir.resolve(name));
    }
}
