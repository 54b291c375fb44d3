package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataCache} over Hadoop's LocalFileSystem (file: URLs): one copy per version, reused, never torn. */
class DataCacheTest {
    static final java.nio.file.Path WINE = java.nio.file.Path.of("../examples/data/wine.csv");

    @TempDir
    java.nio.file.Path dir;

    private static Path url(java.nio.file.Path p) {
        return new Path(p.toAbsolutePath().toUri());
    }

    private FileSystem fs(Path p) throws IOException {
        FileSystem fs = p.getFileSystem(new Configuration());
        assertTrue(fs instanceof LocalFileSystem, "file: URLs go through Hadoop's LocalFileSystem: " + fs.getClass());
        return fs;
    }

    private static List<java.nio.file.Path> entries(java.nio.file.Path cache) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(cache)) {
            return s.toList();
        }
    }

    @Test
    void aFileIsCopiedOnceAndThenReused() throws IOException {
        java.nio.file.Path source = Files.copy(WINE, dir.resolve("wine.csv"));
        DataCache cache = new DataCache(dir.resolve("cache"));
        Path url = url(source);

        DataCache.Copy first = cache.fetch(fs(url), url);
        assertTrue(first.copied());
        assertEquals(Files.size(source), first.bytes());
        java.nio.file.Path copy = java.nio.file.Path.of(first.path());
        assertTrue(copy.startsWith(dir.resolve("cache")) && copy.getFileName().toString().equals("wine.csv"), first.path());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy));

        DataCache.Copy second = cache.fetch(fs(url), url);
        assertFalse(second.copied(), "the second fetch reuses the copy");
        assertEquals(first.path(), second.path());
        assertEquals(1, entries(dir.resolve("cache")).size(), "one entry: " + entries(dir.resolve("cache")));
        assertTrue(first.describe("file:/w.csv").startsWith("copied file:/w.csv ("), first.describe("file:/w.csv"));
        assertTrue(second.describe("file:/w.csv").startsWith("reused the copy of file:/w.csv in "));
    }

    @Test
    void tasksOfOneExecutorFetchingAtOnceMakeOneCopy() throws Exception {
        java.nio.file.Path source = Files.copy(WINE, dir.resolve("wine.csv"));
        Path url = url(source);
        FileSystem fs = fs(url);
        DataCache cache = new DataCache(dir.resolve("cache"));
        ExecutorService tasks = Executors.newFixedThreadPool(4);
        try {
            List<Callable<DataCache.Copy>> fetches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fetches.add(() -> cache.fetch(fs, url));
            }
            List<DataCache.Copy> copies = new ArrayList<>();
            for (Future<DataCache.Copy> f : tasks.invokeAll(fetches)) {
                copies.add(f.get());
            }
            assertEquals(1, copies.stream().filter(DataCache.Copy::copied).count(), "exactly one copy: " + copies);
            assertEquals(1, copies.stream().map(DataCache.Copy::path).distinct().count(), copies.toString());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(java.nio.file.Path.of(copies.get(0).path())));
            assertEquals(1, entries(dir.resolve("cache")).size(), "no .part- folder is left: " + entries(dir.resolve("cache")));
        } finally {
            tasks.shutdownNow();
        }
    }

    @Test
    void aChangedSourceIsCopiedAgain() throws IOException {
        java.nio.file.Path source = Files.copy(WINE, dir.resolve("wine.csv"));
        Path url = url(source);
        DataCache cache = new DataCache(dir.resolve("cache"));
        DataCache.Copy before = cache.fetch(fs(url), url);
        Files.writeString(source, "alcohol,cultivar\n13.2,1\n");
        DataCache.Copy after = cache.fetch(fs(url), url);
        assertTrue(after.copied(), "a new size and time is a new version");
        assertNotEquals(before.path(), after.path());
        assertEquals("alcohol,cultivar\n13.2,1\n", Files.readString(java.nio.file.Path.of(after.path())));
        assertArrayEquals(Files.readAllBytes(WINE), Files.readAllBytes(java.nio.file.Path.of(before.path())),
                "the old version stays for a task still reading it");
    }

    @Test
    void aNewVersionDeletesTheOldOnesOnlyAfterTheirGracePeriod() throws IOException {
        java.nio.file.Path source = Files.copy(WINE, dir.resolve("wine.csv"));
        java.nio.file.Path other = Files.copy(WINE, dir.resolve("other.csv"));
        Path url = url(source);
        DataCache cache = new DataCache(dir.resolve("cache"));
        java.nio.file.Path first = entryOf(cache.fetch(fs(url), url));
        java.nio.file.Path otherSource = entryOf(cache.fetch(fs(url(other)), url(other)));
        ageLastUse(otherSource, DataCache.SUPERSEDED_GRACE.plusHours(1));

        Files.writeString(source, "alcohol,cultivar\n13.2,1\n");
        java.nio.file.Path second = entryOf(cache.fetch(fs(url), url));
        assertTrue(Files.isDirectory(first), "a version used within the grace period stays: " + entries(dir.resolve("cache")));

        ageLastUse(first, DataCache.SUPERSEDED_GRACE.plusMinutes(1));
        ageLastUse(second, DataCache.SUPERSEDED_GRACE.plusMinutes(1));
        assertFalse(cache.fetch(fs(url), url).copied(), "the current version is reused");
        Files.writeString(source, "alcohol,cultivar\n13.2,1\n12.9,2\n");
        java.nio.file.Path third = entryOf(cache.fetch(fs(url), url));
        assertFalse(Files.exists(first), "the first version, unused past the grace period, is deleted");
        assertTrue(Files.isDirectory(second), "the second was marked used by its reuse just now");
        assertTrue(Files.isDirectory(third));
        assertTrue(Files.isDirectory(otherSource), "another source's copy is never deleted, however old");
        assertEquals(3, entries(dir.resolve("cache")).size(), entries(dir.resolve("cache")).toString());
    }

    private static java.nio.file.Path entryOf(DataCache.Copy copy) {
        return java.nio.file.Path.of(copy.path()).getParent();
    }

    private static void ageLastUse(java.nio.file.Path entry, java.time.Duration age) throws IOException {
        Files.setLastModifiedTime(entry.resolve(".source"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(age)));
    }

    @Test
    void aFolderIsCopiedWithEverythingUnderIt() throws IOException {
        java.nio.file.Path photos = dir.resolve("photos");
        Files.createDirectories(photos.resolve("cat"));
        Files.createDirectories(photos.resolve("dog"));
        Files.write(photos.resolve("cat/1.png"), new byte[] {1, 2, 3});
        Files.write(photos.resolve("dog/2.png"), new byte[] {4, 5});
        Path url = url(photos);
        DataCache cache = new DataCache(dir.resolve("cache"));

        DataCache.Copy copy = cache.fetch(fs(url), url);
        assertTrue(copy.copied());
        assertEquals(5, copy.bytes());
        java.nio.file.Path local = java.nio.file.Path.of(copy.path());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(local.resolve("cat/1.png")));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(local.resolve("dog/2.png")));
        try (Stream<java.nio.file.Path> all = Files.walk(local)) {
            assertEquals(List.of(), all.filter(p -> p.toString().endsWith(".crc")).toList(), "no Hadoop checksum files");
        }
        assertFalse(cache.fetch(fs(url), url).copied());

        Files.write(photos.resolve("dog/3.png"), new byte[] {6});
        assertTrue(cache.fetch(fs(url), url).copied(), "a file added to the folder is a new version");
    }

    @Test
    void aMissingSourceIsNotFound() throws IOException {
        Path url = url(dir.resolve("nope.csv"));
        DataCache cache = new DataCache(dir.resolve("cache"));
        assertThrows(FileNotFoundException.class, () -> cache.fetch(fs(url), url));
        assertFalse(Files.exists(dir.resolve("cache")) && !entries(dir.resolve("cache")).isEmpty());
    }
}
