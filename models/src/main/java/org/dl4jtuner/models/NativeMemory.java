package org.dl4jtuner.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Releases what a finished trial leaves behind (ND4J workspaces of the thread, off-heap buffers
 * whose Java owners are unreachable) and reads the process's memory, for the many-trial test
 * and for logs.
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    private static final long GC_INTERVAL_NANOS = 30_000_000_000L;
    private static final AtomicLong LAST_GC = new AtomicLong(System.nanoTime());

    /**
     * Destroys this thread's workspaces (what keeps resident memory flat over many trials: without
     * it, 100 tiny trials grew it by over 400 MiB) and, at most every 30 seconds, asks for a
     * garbage collection so that off-heap buffers of unreachable arrays are freed promptly.
     */
    public static void releaseAfterTrial() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        long now = System.nanoTime();
        long last = LAST_GC.get();
        if (now - last > GC_INTERVAL_NANOS && LAST_GC.compareAndSet(last, now)) {
            System.gc();
        }
    }

    /** Resident set size of this process in bytes, from /proc (or JavaCPP's estimate elsewhere). */
    public static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        String kb = line.substring(6).trim().split("\\s+")[0];
                        return Long.parseLong(kb) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return Pointer.physicalBytes();
            }
        }
        return Pointer.physicalBytes();
    }
}
