package org.dl4jtuner.models;

/**
 * A trial's network would not fit in the memory left, by {@link MemoryGuard}'s estimate from its
 * configuration: the trial fails with both numbers before anything is allocated, and the study
 * goes on.
 */
public final class NetworkTooLargeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient MemoryEstimate estimate;
    private final long availableBytes;

    NetworkTooLargeException(String message, MemoryEstimate estimate, long availableBytes) {
        super(message);
        this.estimate = estimate;
        this.availableBytes = availableBytes;
    }

    /** What the network was estimated to need. */
    public MemoryEstimate estimate() {
        return estimate;
    }

    /** The bytes that were free when it was checked. */
    public long availableBytes() {
        return availableBytes;
    }
}
