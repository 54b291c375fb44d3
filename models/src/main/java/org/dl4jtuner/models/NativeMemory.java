package org.dl4jtuner.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** Destroys this thread's workspaces and lets JavaCPP free unreachable off-heap buffers. */
    public static void releaseAfterTrial() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
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
