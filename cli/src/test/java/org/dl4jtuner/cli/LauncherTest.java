package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./dl4j-tuner} launcher, run in a copy of the repository's layout with stand-ins for
 * {@code mvn} (which records its arguments) and {@code java}: it rebuilds when a source file deep
 * under {@code src/main/java} is newer than its last build, not otherwise, and it packages in place
 * instead of installing into the user's Maven repository.
 */
class LauncherTest {
    @TempDir
    Path root;

    private Path mavenArgs;

    private int launch() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        mavenArgs = root.resolve("mvn-args.txt");
        executable(bin.resolve("mvn"), "#!/bin/sh\necho \"$@\" > '" + mavenArgs + "'\n");
        executable(bin.resolve("java"), "#!/bin/sh\nexit 0\n");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("dl4j-tuner").toString(), "--version")
                .redirectErrorStream(true).redirectOutput(root.resolve("launcher.log").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("DL4J_TUNER_SKIP_BUILD");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher returns");
        return p.exitValue();
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path builtAt(Instant built) throws IOException {
        Files.copy(Path.of("../dl4j-tuner").toAbsolutePath().normalize(), root.resolve("dl4j-tuner"));
        Path target = Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(target.resolve("dl4j-tuner-cli.jar"), "");
        Path stamp = Files.writeString(target.resolve(".built"), "");
        Files.setLastModifiedTime(stamp, FileTime.from(built));
        Path source = root.resolve("cli/src/main/java/org/dl4jtuner/cli/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}\n");
        try (var tree = Files.walk(root.resolve("cli/src"))) {
            for (Path p : tree.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(built.minusSeconds(60)));   // files and folders
            }
        }
        return source;
    }

    @Test
    void aSourceEditedDeepInTheTreeAfterTheLastBuildIsBuiltByPackagingNotInstalling() throws Exception {
        Instant built = Instant.now().minusSeconds(3600);
        Path source = builtAt(built);
        Files.setLastModifiedTime(source, FileTime.from(built.plusSeconds(60)));

        assertEquals(0, launch(), Files.readString(root.resolve("launcher.log")));

        assertTrue(Files.exists(mavenArgs), "mvn ran: " + Files.readString(root.resolve("launcher.log")));
        String args = Files.readString(mavenArgs);
        assertTrue(args.contains("-pl cli -am package"), args);
        assertFalse(args.contains("install"), "nothing is installed into ~/.m2: " + args);
    }

    @Test
    void nothingNewerThanTheLastBuildRunsWithoutBuilding() throws Exception {
        builtAt(Instant.now().minusSeconds(3600));

        assertEquals(0, launch(), Files.readString(root.resolve("launcher.log")));

        assertFalse(Files.exists(mavenArgs), "mvn did not run");
    }
}
