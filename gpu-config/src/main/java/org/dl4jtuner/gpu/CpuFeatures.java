package org.dl4jtuner.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU's instruction sets, from the {@code flags} line of {@code /proc/cpuinfo}.
 *
 * <pre>
 * CpuFeatures.parse("flags : fpu sse2 avx avx2\n").has("avx2"); // true
 * </pre>
 *
 * @param flags every flag the kernel lists, lower case
 */
public record CpuFeatures(Set<String> flags) {
    /** The flags that matter to ND4J's native builds, in the order a report lists them. */
    public static final List<String> RELEVANT = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512vl",
            "avx512bw", "avx512dq", "avx512cd");

    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    /** The flags of the first processor in a {@code /proc/cpuinfo} text; none when it has no flags line. */
    public static CpuFeatures parse(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return new CpuFeatures(new TreeSet<>(Arrays.asList(line.substring(colon + 1).trim().toLowerCase()
                        .split("\\s+"))));
            }
        }
        return new CpuFeatures(Set.of());
    }

    /** This machine's, or none when {@code /proc/cpuinfo} cannot be read (not Linux). */
    public static CpuFeatures read() {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures(Set.of());
        }
    }

    /** Whether the CPU lists this flag. */
    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The {@link #RELEVANT} flags this CPU has. */
    public List<String> relevant() {
        return RELEVANT.stream().filter(flags::contains).toList();
    }
}
