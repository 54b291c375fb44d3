package org.dl4jtuner.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Pointer;

/**
 * Refuses to build a network that cannot fit: compares a {@link MemoryEstimate} with the memory
 * still free for ND4J's off-heap buffers (JavaCPP's {@code maxbytes} and {@code maxphysicalbytes}
 * limits less what is in use) and on the machine ({@code MemAvailable}), whichever is smallest.
 *
 * <pre>{@code
 * MemoryGuard.check(trial.number(), MemoryEstimate.of(conf, new long[] {64, 784}, 1));   // or NetworkTooLargeException
 * }</pre>
 */
public final class MemoryGuard {
    private MemoryGuard() {
    }

    /** The tightest memory limit now: bytes free and what limits them. */
    public record Available(long bytes, String where, String advice) {
        /** {@code "3,900 MiB are free off-heap"}. */
        public String describe() {
            return bytes == Long.MAX_VALUE ? "no memory limit is known" : MemoryEstimate.mib(bytes) + " MiB are free " + where;
        }
    }

    /**
     * Throws a {@link NetworkTooLargeException} naming both numbers when trial {@code trial}'s
     * network needs more than is free.
     */
    public static void check(int trial, MemoryEstimate need) {
        Available free = available();
        if (need.bytes() <= free.bytes()) {
            return;
        }
        throw new NetworkTooLargeException("trial " + trial + "'s network needs " + need.describe() + " but "
                + free.describe() + "; " + free.advice(), need,
                free.bytes());
    }

    /** The memory free now under the tightest of the JVM's off-heap limits and the machine's available memory. */
    public static Available available() {
        String giveMore = "make the network smaller, or give the JVM more with -Dorg.bytedeco.javacpp.maxbytes=SIZE"
                + " (and -Dorg.bytedeco.javacpp.maxphysicalbytes=SIZE)";
        Available tightest = new Available(Long.MAX_VALUE, "", giveMore);
        long max = Pointer.maxBytes();
        if (max > 0) {
            tightest = new Available(Math.max(0, max - Pointer.totalBytes()), "off-heap", giveMore);
        }
        long maxPhysical = Pointer.maxPhysicalBytes();
        if (maxPhysical > 0) {
            long free = Math.max(0, maxPhysical - Pointer.physicalBytes());
            if (free < tightest.bytes()) {
                tightest = new Available(free, "under the JVM's physical memory limit", giveMore);
            }
        }
        long machine = machineAvailableBytes();
        if (machine >= 0 && machine < tightest.bytes()) {
            tightest = new Available(machine, "on this machine",
                    "make the network smaller (or its batch), or free memory on the machine");
        }
        return tightest;
    }

    /** The machine's available memory (Linux {@code MemAvailable}), or -1 when it cannot be read. */
    public static long machineAvailableBytes() {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            try {
                for (String line : Files.readAllLines(meminfo)) {
                    if (line.startsWith("MemAvailable:")) {
                        return Long.parseLong(line.substring(13).trim().split("\\s+")[0]) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return -1;
    }
}
