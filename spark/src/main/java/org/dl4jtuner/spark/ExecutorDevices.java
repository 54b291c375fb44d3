package org.dl4jtuner.spark;

import java.io.Serializable;
import java.util.BitSet;
import java.util.List;

import org.dl4jtuner.gpu.Backend;
import org.dl4jtuner.gpu.Device;
import org.dl4jtuner.gpu.DeviceAssignment;
import org.dl4jtuner.gpu.DeviceInventory;
import org.dl4jtuner.gpu.Nd4jInventory;
import org.dl4jtuner.gpu.TrialSlot;

/**
 * Which device the trials of a Spark task train on. Each task trains one trial at a time, so an
 * executor trains as many at once as it runs tasks (its cores over {@code spark.task.cpus}). A task
 * holds the lowest slot number free on its executor for as long as it runs:
 * <ul>
 *   <li>when Spark assigned the task a GPU ({@code spark.task.resource.gpu.amount=1} with a discovery
 *       script), that device;</li>
 *   <li>else slot k of the gpu-config module's {@link DeviceAssignment} over the executor's devices
 *       (round-robin, at most {@code trialsPerDevice} per device; too many tasks for the devices is an
 *       error naming each device);</li>
 *   <li>on the CPU, a CPU slot: nothing to pin.</li>
 * </ul>
 *
 * <pre>{@code
 * ExecutorDevices devices = ExecutorDevices.nd4j(1);
 * TrialSlot slot = devices.acquire(List.of());   // in a task
 * try { slot.attach(devices.inventory()); ... } finally { devices.release(slot); }
 * }</pre>
 */
public final class ExecutorDevices implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The slots of the tasks running in this JVM (one executor; in local mode, the driver). */
    private static final BitSet TAKEN = new BitSet();
    private final int trialsPerDevice;
    private final Inventory inventory;
    private transient DeviceInventory resolved;

    /** Where an executor's inventory comes from: ND4J's backend, or a fixed one in tests. */
    @FunctionalInterface
    public interface Inventory extends Serializable {
        /** The executor's backend and devices. */
        DeviceInventory read();
    }

    /**
     * @param trialsPerDevice trials (tasks) sharing one GPU, at least 1
     * @param inventory       the executor's devices, read on the executor
     */
    public ExecutorDevices(int trialsPerDevice, Inventory inventory) {
        if (trialsPerDevice < 1) {
            throw new IllegalArgumentException("trials per device >= 1 must hold, but got " + trialsPerDevice);
        }
        this.trialsPerDevice = trialsPerDevice;
        this.inventory = inventory;
    }

    /** The devices of the ND4J backend each executor has on its class path. */
    public static ExecutorDevices nd4j(int trialsPerDevice) {
        return new ExecutorDevices(trialsPerDevice, Nd4jInventory::new);
    }

    /** The executor's inventory (read once per deserialised copy). */
    public synchronized DeviceInventory inventory() {
        if (resolved == null) {
            resolved = inventory.read();
        }
        return resolved;
    }

    /**
     * Takes the lowest free slot of this executor for a task.
     *
     * @param sparkGpus the GPU addresses Spark assigned the task ({@code TaskContext.resources()}), usually empty
     * @throws IllegalStateException when the executor's devices cannot take another task, saying why
     */
    public TrialSlot acquire(List<String> sparkGpus) {
        int k;
        synchronized (TAKEN) {
            k = TAKEN.nextClearBit(0);
            TAKEN.set(k);
        }
        try {
            return slot(k, sparkGpus);
        } catch (RuntimeException e) {
            free(k);
            throw e;
        }
    }

    /** Gives a task's slot back when the task ends. */
    public void release(TrialSlot slot) {
        free(slot.slot());
    }

    private static void free(int k) {
        synchronized (TAKEN) {
            TAKEN.clear(k);
        }
    }

    private TrialSlot slot(int k, List<String> sparkGpus) {
        DeviceInventory devices = inventory();
        if (!sparkGpus.isEmpty()) {
            String address = sparkGpus.get(0);
            for (Device d : devices.backend() == Backend.CUDA ? devices.devices() : List.<Device>of()) {
                if (Integer.toString(d.index()).equals(address.trim())) {
                    return new TrialSlot(k, Backend.CUDA, d);
                }
            }
            throw new IllegalStateException("Spark assigned the task GPU " + address + ", but the ND4J backend on this"
                    + " executor (" + devices.backend() + ") sees " + (devices.backend() == Backend.CUDA
                    ? "the devices " + devices.devices().stream().map(Device::label).toList()
                    : "no CUDA device: build dl4j-tuner-spark.jar with -Pcuda"));
        }
        try {
            return DeviceAssignment.assign(devices, k + 1, trialsPerDevice, 0).get(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("task slot " + k + " of this executor: " + e.getMessage(), e);
        }
    }
}
