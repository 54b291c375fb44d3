package org.dl4jtuner.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of the data a {@link DataSource} names, for a trial's provenance: a file's bytes; a
 * folder's files, each as its path relative to the folder and its bytes, in path order; the bundled
 * Fashion-MNIST subset's files; Fashion-MNIST without a path, the folder it is read from here.
 *
 * <pre>{@code
 * DataFingerprint.sha256(DataSource.csv(Path.of("wine.csv"), "quality", Task.CLASSIFICATION));  // "9f2c..."
 * }</pre>
 */
public final class DataFingerprint {
    private DataFingerprint() {
    }

    /** The hex SHA-256, or null for Fashion-MNIST that is not on this machine yet (it would be downloaded). */
    public static String sha256(DataSource source) throws IOException {
        MessageDigest digest = newDigest();
        if (source.bundled()) {
            for (InputStream in : FashionMnist.bundledFiles()) {
                add(digest, in);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        Path path = source.path() != null ? source.path() : FashionMnist.installed().orElse(null);
        if (path == null) {
            return null;
        }
        if (Files.isRegularFile(path)) {
            add(digest, Files.newInputStream(path));
            return HexFormat.of().formatHex(digest.digest());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            add(digest, Files.newInputStream(file));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hex SHA-256 of some bytes (a spec file, say), as the data's is written. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static void add(MessageDigest digest, InputStream in) throws IOException {
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
