package org.dl4jtuner.gpu;

import java.util.Objects;

/**
 * One CUDA device as ND4J sees it.
 *
 * <pre>
 * Device card = new Device(0, "NVIDIA GeForce RTX 3090", 8, 6, 24L &lt;&lt; 30, 23L &lt;&lt; 30);
 * card.computeCapability(); // "8.6"
 * </pre>
 *
 * @param index      ND4J's device number (what {@code CUDA_VISIBLE_DEVICES} names), from 0
 * @param name       the card's name
 * @param major      compute capability, major part
 * @param minor      compute capability, minor part
 * @param totalBytes the device's memory
 * @param freeBytes  its memory free when it was read
 */
public record Device(int index, String name, int major, int minor, long totalBytes, long freeBytes) {
    public Device {
        Objects.requireNonNull(name, "name");
        if (index < 0 || major < 0 || minor < 0) {
            throw new IllegalArgumentException("index >= 0, major >= 0 and minor >= 0 must hold, but got index="
                    + index + ", major=" + major + ", minor=" + minor);
        }
        if (freeBytes < 0 || freeBytes > totalBytes) {
            throw new IllegalArgumentException("0 <= freeBytes <= totalBytes must hold, but got freeBytes=" + freeBytes
                    + ", totalBytes=" + totalBytes + " for device " + index);
        }
    }

    /** Compute capability as "major.minor", e.g. "8.6". */
    public String computeCapability() {
        return major + "." + minor;
    }

    /** "device 1 (NVIDIA A100)". */
    public String label() {
        return "device " + index + " (" + name + ")";
    }

    /** Bytes as whole MiB, for messages. */
    static long mib(long bytes) {
        return bytes >> 20;
    }
}
