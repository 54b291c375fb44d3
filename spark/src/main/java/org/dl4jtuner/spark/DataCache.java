package org.dl4jtuner.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.dl4jtuner.tuner.util.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local folder of copies of remote data (a file or a folder on HDFS, S3, ...), one per source and
 * version: an entry is named by a hash of the URL, the size and the modification time, so a changed
 * source is copied again and an unchanged one is copied once per folder and reused by every later task.
 * A copy is made in a {@code .part-} folder and renamed into place atomically: tasks of one JVM wait
 * for each other, and processes sharing the folder (two executors on one host) at worst both copy and
 * keep the first that lands. Every use of an entry marks it used; when a new version of a source lands,
 * the source's other versions not used for {@link #SUPERSEDED_GRACE} are deleted (a task of another study
 * that is still reading an old version marked it when it started, and a file it holds open stays
 * readable). Copies of other sources are left alone.
 *
 * <pre>{@code
 * DataCache cache = new DataCache(java.nio.file.Path.of("/tmp/dl4j-tuner-data"));
 * DataCache.Copy copy = cache.fetch(fs, new Path("hdfs://nn:8020/data/wine.csv"));
 * copy.path();    // /tmp/dl4j-tuner-data/5f0c.../wine.csv
 * }</pre>
 */
final class DataCache {
    private static final Logger LOG = LoggerFactory.getLogger(DataCache.class);
    /** The folder each process uses when none is given: {@code dl4j-tuner-data} in its {@code java.io.tmpdir}. */
    static final String DEFAULT_FOLDER = "dl4j-tuner-data";
    /** How long a superseded version is kept after its last use, for tasks that may still read it. */
    static final Duration SUPERSEDED_GRACE = Duration.ofHours(1);
    private static final String SOURCE_FILE = ".source";
    private static final ConcurrentMap<java.nio.file.Path, Object> LOCKS = new ConcurrentHashMap<>();
    private final java.nio.file.Path folder;

    /** A cache in {@code folder} (created when first needed). */
    DataCache(java.nio.file.Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The cache in {@code folder}, or in this process's default folder when null. */
    static DataCache in(String folder) {
        return new DataCache(folder != null ? java.nio.file.Path.of(folder)
                : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_FOLDER));
    }

    java.nio.file.Path folder() {
        return folder;
    }

    /**
     * The local copy of {@code source} (a file, or a folder copied with everything under it), made now
     * unless this version of it is in the cache already.
     *
     * @throws java.io.FileNotFoundException when the source does not exist
     */
    Copy fetch(FileSystem fs, Path source) throws IOException {
        FileStatus status = fs.getFileStatus(source);
        String version = version(fs, status);
        String url = status.getPath().toString();
        java.nio.file.Path entry = folder.resolve(hash(url + "\n" + version));
        String name = source.getName().isEmpty() ? "data" : source.getName();
        java.nio.file.Path copy = entry.resolve(name);
        synchronized (LOCKS.computeIfAbsent(entry, e -> new Object())) {
            if (Files.exists(copy)) {
                markUsed(entry);
                return new Copy(copy.toString(), false, status.isDirectory() ? -1 : status.getLen());
            }
            Files.createDirectories(folder);
            java.nio.file.Path part = Files.createTempDirectory(folder, entry.getFileName() + ".part-");
            try {
                fs.copyToLocalFile(false, source, new Path(part.resolve(name).toUri()), true);
                Files.writeString(part.resolve(SOURCE_FILE), url + "\n" + version + "\n", StandardCharsets.UTF_8);
                Files.move(part, entry, StandardCopyOption.ATOMIC_MOVE);
                deleteSuperseded(url, entry);
                return new Copy(copy.toString(), true, size(copy, status));
            } catch (IOException e) {
                if (Files.exists(copy)) {
                    return new Copy(copy.toString(), false, status.isDirectory() ? -1 : status.getLen());  // another process won
                }
                throw e;
            } finally {
                Folders.deleteTree(part);
            }
        }
    }

    /** Marks an entry used now: its {@code .source} file's modification time is the last use. */
    private static void markUsed(java.nio.file.Path entry) {
        try {
            Files.setLastModifiedTime(entry.resolve(SOURCE_FILE), FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debug("could not mark {} used: {}", entry, e.toString());
        }
    }

    /**
     * Deletes the entries of {@code url}'s other versions whose last use is older than the grace
     * period. A failure to delete one is logged and left: the cache stays correct, only larger.
     */
    private void deleteSuperseded(String url, java.nio.file.Path current) {
        Instant before = Instant.now().minus(SUPERSEDED_GRACE);
        try (Stream<java.nio.file.Path> entries = Files.list(folder)) {
            for (java.nio.file.Path entry : entries.toList()) {
                java.nio.file.Path source = entry.resolve(SOURCE_FILE);
                if (entry.equals(current) || entry.getFileName().toString().contains(".part-")
                        || !Files.isRegularFile(source)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.get(0).equals(url)
                        && Files.getLastModifiedTime(source).toInstant().isBefore(before)) {
                    Folders.deleteTree(entry);
                    LOG.info("deleted {}: a superseded copy of {}, unused for over {}", entry, url, SUPERSEDED_GRACE);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clear superseded copies of {} from {}: {}", url, folder, e.toString());
        }
    }

    /** A file's size and modification time; for a folder, its files' count, total size and latest time too. */
    private static String version(FileSystem fs, FileStatus status) throws IOException {
        if (!status.isDirectory()) {
            return "file " + status.getLen() + " " + status.getModificationTime();
        }
        long files = 0;
        long bytes = 0;
        long latest = status.getModificationTime();
        RemoteIterator<LocatedFileStatus> all = fs.listFiles(status.getPath(), true);
        while (all.hasNext()) {
            LocatedFileStatus f = all.next();
            files++;
            bytes += f.getLen();
            latest = Math.max(latest, f.getModificationTime());
        }
        return "folder " + files + " " + bytes + " " + latest;
    }

    private static long size(java.nio.file.Path copy, FileStatus status) throws IOException {
        if (!status.isDirectory()) {
            return status.getLen();
        }
        try (var files = Files.walk(copy)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A local copy of remote data.
     *
     * @param path   the local file or folder
     * @param copied true when this call copied it, false when it was in the cache already
     * @param bytes  the data's size in bytes (-1 for a folder found in the cache)
     */
    record Copy(String path, boolean copied, long bytes) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** "copied hdfs://... (10,900 bytes) to /tmp/..." or "reused the copy of hdfs://... in /tmp/...". */
        String describe(String url) {
            return copied ? String.format(java.util.Locale.ROOT, "copied %s (%,d bytes) to %s", url, bytes, path)
                    : "reused the copy of " + url + " in " + path;
        }
    }
}
