package org.dl4jtuner.gpu;

import java.util.List;
import java.util.Optional;

/**
 * ND4J's CPU builds for Linux x86-64, by Maven classifier, and the instruction sets each needs
 * (libnd4j checks the same at start-up and exits when they are missing). The plain
 * {@code linux-x86_64} build this project uses needs nothing beyond x86-64; the {@code -avx2} and
 * {@code -avx512} builds are faster where the CPU has those instructions.
 */
public enum NativeBuild {
    /** {@code linux-x86_64}: any x86-64 CPU. */
    GENERIC("linux-x86_64", List.of()),
    /** {@code linux-x86_64-avx2}: AVX and AVX2. */
    AVX2("linux-x86_64-avx2", List.of("avx", "avx2")),
    /** {@code linux-x86_64-avx512}: AVX, AVX2 and Skylake's AVX-512 subsets. */
    AVX512("linux-x86_64-avx512", List.of("avx", "avx2", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512cd"));

    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    private final String classifier;
    private final List<String> needs;

    NativeBuild(String classifier, List<String> needs) {
        this.classifier = classifier;
        this.needs = needs;
    }

    /** The Maven classifier of nd4j-native. */
    public String classifier() {
        return classifier;
    }

    /** The {@code /proc/cpuinfo} flags it needs. */
    public List<String> needs() {
        return needs;
    }

    /** The flags it needs that this CPU lacks; empty when it runs here. */
    public List<String> missing(CpuFeatures cpu) {
        return needs.stream().filter(flag -> !cpu.has(flag)).toList();
    }

    /** The fastest build this CPU runs. */
    public static NativeBuild best(CpuFeatures cpu) {
        for (NativeBuild build : List.of(AVX512, AVX2)) {
            if (build.missing(cpu).isEmpty()) {
                return build;
            }
        }
        return GENERIC;
    }

    /** The nd4j-native build on the class path, found by its bindings folder; empty when none (CUDA). */
    public static Optional<NativeBuild> onClassPath(ClassLoader loader) {
        for (NativeBuild build : List.of(AVX512, AVX2, GENERIC)) {
            if (loader.getResource(BINDINGS + build.classifier + "/") != null) {
                return Optional.of(build);
            }
        }
        return Optional.empty();
    }
}
