package org.dl4jtuner.gpu;

import java.util.List;

/**
 * The backend and the CUDA devices a process can use. {@link Nd4jInventory} asks ND4J; a test, or a
 * planner on a machine without a GPU, supplies its own with {@link #fixed}.
 *
 * <pre>
 * DeviceInventory twoCards = DeviceInventory.fixed(Backend.CUDA, List.of(
 *         new Device(0, "RTX 3090", 8, 6, 24L &lt;&lt; 30, 20L &lt;&lt; 30),
 *         new Device(1, "RTX 3090", 8, 6, 24L &lt;&lt; 30, 22L &lt;&lt; 30)));
 * List&lt;TrialSlot&gt; slots = DeviceAssignment.assign(twoCards, 4, 2, 2L &lt;&lt; 30);
 * </pre>
 */
public interface DeviceInventory {

    /** CPU or CUDA. */
    Backend backend();

    /** The CUDA devices, by index; empty on the CPU. */
    List<Device> devices();

    /**
     * Makes the calling thread's ND4J work run on {@code deviceIndex} (in-process trials). Does nothing
     * on the CPU. The default does nothing: only a real backend has threads to pin.
     */
    default void attachCurrentThread(int deviceIndex) {
    }

    /** An inventory that is exactly what it is given, for tests and dry runs. */
    static DeviceInventory fixed(Backend backend, List<Device> devices) {
        return new FixedInventory(backend, devices);
    }
}
