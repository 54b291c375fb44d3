package org.dl4jtuner.gpu;

/** The ND4J backend a process runs on: {@code nd4j-native} (CPU) or {@code nd4j-cuda-11.6} (CUDA). */
public enum Backend {
    /** ND4J's CPU backend, nd4j-native. */
    CPU,
    /** ND4J's CUDA backend, nd4j-cuda-11.6. */
    CUDA;

    /** The backend ND4J names in its environment information ("CPU", "CUDA"); CPU for anything else. */
    public static Backend fromNd4jName(String name) {
        return name != null && name.trim().equalsIgnoreCase("CUDA") ? CUDA : CPU;
    }
}
