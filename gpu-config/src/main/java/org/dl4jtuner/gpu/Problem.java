package org.dl4jtuner.gpu;

import java.util.Objects;

/**
 * Something that keeps a study from running well here, and what to do about it.
 *
 * <pre>
 * new Problem("the CUDA build needs compute capability &lt;= 8.6; device 0 (H100) is 9.0", "use the CPU build")
 * </pre>
 *
 * @param message what is wrong, naming the thing and its value
 * @param fix     what the user does about it
 */
public record Problem(String message, String fix) {
    public Problem {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** "message: fix". */
    @Override
    public String toString() {
        return message + ": " + fix;
    }
}
