package org.dl4jtuner.gpu;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where one of N parallel trials runs: slot {@code slot} on {@code device}, or on the CPU
 * ({@code device} null). A runner keeps a slot for the lifetime of its worker thread or process and
 * runs its trials one after the other there.
 *
 * <pre>
 * // in-process: the worker thread pins itself before its first trial
 * slot.attach(inventory);
 * // isolated: the child JVM gets the slot's environment (inside it, its one visible device is device 0)
 * processBuilder.environment().putAll(slot.workerEnvironment());
 * </pre>
 *
 * @param slot    0..N-1
 * @param backend CPU or CUDA
 * @param device  the CUDA device, or null on the CPU
 */
public record TrialSlot(int slot, Backend backend, Device device) {
    public TrialSlot {
        Objects.requireNonNull(backend, "backend");
        if (slot < 0) {
            throw new IllegalArgumentException("slot >= 0 must hold, but got slot=" + slot);
        }
        if ((backend == Backend.CUDA) != (device != null)) {
            throw new IllegalArgumentException("a CUDA slot has a device and a CPU slot none, but got backend="
                    + backend + ", device=" + device);
        }
    }

    /** The CUDA device's index, empty on the CPU. */
    public OptionalInt deviceIndex() {
        return device == null ? OptionalInt.empty() : OptionalInt.of(device.index());
    }

    /**
     * The environment of an isolated worker process running this slot's trials: on CUDA
     * {@code CUDA_VISIBLE_DEVICES} naming the one device it sees, on the CPU {@code OMP_NUM_THREADS=1},
     * so that N trials share the cores instead of each starting a thread per core.
     */
    public Map<String, String> workerEnvironment() {
        return device != null ? Map.of("CUDA_VISIBLE_DEVICES", Integer.toString(device.index()))
                : Map.of("OMP_NUM_THREADS", "1");
    }

    /**
     * Pins the calling thread to this slot's device (in-process trials); nothing on the CPU, where one
     * OpenMP thread per trial comes from {@code OMP_NUM_THREADS=1} in the JVM's environment.
     */
    public void attach(DeviceInventory inventory) {
        if (device != null) {
            inventory.attachCurrentThread(device.index());
        }
    }

    /** "slot 2: device 1 (NVIDIA A100)" or "slot 0: CPU, 1 OpenMP thread". */
    @Override
    public String toString() {
        return "slot " + slot + ": " + (device != null ? device.label() : "CPU, 1 OpenMP thread");
    }
}
