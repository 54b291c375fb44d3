package org.dl4jtuner.gpu;

import java.util.Optional;

/**
 * What DL4J 1.0.0-M2.1's CUDA build ({@code nd4j-cuda-11.6}) runs on: CUDA 11.6, kernels compiled up to
 * compute capability 8.6 (Ampere). A Hopper card (9.0) or anything newer has no kernels in it, and a
 * CUDA 12-only setup cannot load it; such machines run the CPU build.
 */
public final class CudaBuild {
    /** The ND4J artifact of the CUDA build. */
    public static final String ARTIFACT = "nd4j-cuda-11.6";
    /** The CUDA version it is built against. */
    public static final String CUDA_VERSION = "11.6";
    /** Highest compute capability it has kernels for: 8.6. */
    public static final int MAX_MAJOR = 8;
    /** See {@link #MAX_MAJOR}. */
    public static final int MAX_MINOR = 6;
    /** Lowest compute capability CUDA 11 supports: 3.5. */
    public static final int MIN_MAJOR = 3;
    /** See {@link #MIN_MAJOR}. */
    public static final int MIN_MINOR = 5;

    private CudaBuild() {
    }

    /** Whether the CUDA build has kernels for this device. */
    public static boolean supports(Device device) {
        return check(device).isEmpty();
    }

    /** The problem, when the CUDA build cannot run on this device; empty when it can. */
    public static Optional<Problem> check(Device device) {
        int capability = device.major() * 10 + device.minor();
        if (capability > MAX_MAJOR * 10 + MAX_MINOR) {
            return Optional.of(new Problem("the CUDA build (" + ARTIFACT + ") needs compute capability <= " + MAX_MAJOR
                    + "." + MAX_MINOR + "; this device, " + device.label() + ", is " + device.computeCapability(),
                    "use the CPU build (the default Maven profile, no -Pcuda): DL4J 1.0.0-M2.1 has no CUDA 12 build"));
        }
        if (capability < MIN_MAJOR * 10 + MIN_MINOR) {
            return Optional.of(new Problem("the CUDA build (" + ARTIFACT + ") needs compute capability >= " + MIN_MAJOR
                    + "." + MIN_MINOR + "; this device, " + device.label() + ", is " + device.computeCapability(),
                    "use the CPU build (the default Maven profile, no -Pcuda)"));
        }
        return Optional.empty();
    }
}
