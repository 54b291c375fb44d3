package org.dl4jtuner.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's memory from {@code /proc/meminfo} ({@code MemTotal}, {@code MemAvailable}); zeros
 * where it cannot be read.
 *
 * @param totalBytes     physical memory
 * @param availableBytes memory a new process can have without swapping
 */
public record HostMemory(long totalBytes, long availableBytes) {

    /** This machine's. */
    public static HostMemory read() {
        try {
            return parse(Files.readString(Path.of("/proc/meminfo")));
        } catch (IOException | RuntimeException e) {
            return new HostMemory(0, 0);
        }
    }

    /** From a {@code /proc/meminfo} text (values in kB). */
    public static HostMemory parse(String meminfo) {
        long total = 0;
        long available = 0;
        for (String line : meminfo.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2 && parts[0].equals("MemTotal:")) {
                total = Long.parseLong(parts[1]) * 1024;
            } else if (parts.length >= 2 && parts[0].equals("MemAvailable:")) {
                available = Long.parseLong(parts[1]) * 1024;
            }
        }
        return new HostMemory(total, available);
    }
}
