package org.dl4jtuner.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts N parallel trials on the devices. Each CUDA device takes up to {@code trialsPerDevice} trials,
 * but no more than its free memory holds at {@code bytesPerTrial} each: a device with less free memory
 * than one trial needs takes none, and so does a device the CUDA build has no kernels for. Trials go
 * round-robin (slot 0 on device 0, slot 1 on device 1, ...) so fewer trials than places spread over
 * the cards. When the places are fewer than the trials, the error names each device, its free memory
 * and the need. On the CPU every slot is a CPU slot.
 *
 * <pre>
 * List&lt;TrialSlot&gt; slots = DeviceAssignment.assign(new Nd4jInventory(), 4, 2, 3L &lt;&lt; 30);
 * </pre>
 */
public final class DeviceAssignment {
    private DeviceAssignment() {
    }

    /**
     * The slots of {@code parallel} trials.
     *
     * @param parallel        trials at a time, at least 1
     * @param trialsPerDevice trials sharing one GPU, at least 1
     * @param bytesPerTrial   device memory a trial needs (e.g. from the models module's memory estimate); 0 skips the guard
     * @throws IllegalArgumentException when the devices hold fewer than {@code parallel} trials, saying why
     */
    public static List<TrialSlot> assign(DeviceInventory inventory, int parallel, int trialsPerDevice,
            long bytesPerTrial) {
        if (parallel < 1 || trialsPerDevice < 1 || bytesPerTrial < 0) {
            throw new IllegalArgumentException("parallel >= 1, trials_per_device >= 1 and bytes per trial >= 0 must"
                    + " hold, but got parallel=" + parallel + ", trials_per_device=" + trialsPerDevice
                    + ", bytes per trial=" + bytesPerTrial);
        }
        List<TrialSlot> slots = new ArrayList<>();
        if (inventory.backend() == Backend.CPU) {
            for (int i = 0; i < parallel; i++) {
                slots.add(new TrialSlot(i, Backend.CPU, null));
            }
            return List.copyOf(slots);
        }
        List<Device> devices = inventory.devices();
        int[] capacity = new int[devices.size()];
        int total = 0;
        for (int d = 0; d < devices.size(); d++) {
            capacity[d] = capacity(devices.get(d), trialsPerDevice, bytesPerTrial);
            total += capacity[d];
        }
        if (total < parallel) {
            throw new IllegalArgumentException(shortage(devices, capacity, total, parallel, trialsPerDevice,
                    bytesPerTrial));
        }
        for (int round = 0; slots.size() < parallel; round++) {
            for (int d = 0; d < devices.size() && slots.size() < parallel; d++) {
                if (capacity[d] > round) {
                    slots.add(new TrialSlot(slots.size(), Backend.CUDA, devices.get(d)));
                }
            }
        }
        return List.copyOf(slots);
    }

    /** Trials the device takes: none when the CUDA build cannot run on it or a trial does not fit. */
    static int capacity(Device device, int trialsPerDevice, long bytesPerTrial) {
        if (!CudaBuild.supports(device)) {
            return 0;
        }
        if (bytesPerTrial == 0) {
            return trialsPerDevice;
        }
        return (int) Math.min(trialsPerDevice, device.freeBytes() / bytesPerTrial);
    }

    private static String shortage(List<Device> devices, int[] capacity, int total, int parallel,
            int trialsPerDevice, long bytesPerTrial) {
        if (devices.isEmpty()) {
            return "parallel=" + parallel + " trials need a CUDA device, but the CUDA backend sees none: check"
                    + " nvidia-smi and CUDA_VISIBLE_DEVICES, or use the CPU build";
        }
        List<String> each = new ArrayList<>();
        for (int d = 0; d < devices.size(); d++) {
            Device device = devices.get(d);
            Optional<Problem> unsupported = CudaBuild.check(device);
            if (unsupported.isPresent()) {
                each.add(unsupported.get().message());
            } else if (capacity[d] < trialsPerDevice) {
                each.add(device.label() + " has " + Device.mib(device.freeBytes()) + " MiB free of the "
                        + Device.mib(bytesPerTrial) + " MiB a trial needs, so it takes " + capacity[d]);
            } else {
                each.add(device.label() + " takes " + capacity[d]);
            }
        }
        String head = total == 0
                ? "no CUDA device can take a trial that needs " + Device.mib(bytesPerTrial) + " MiB"
                : "parallel=" + parallel + " trials need " + parallel + " places, but the devices hold " + total
                        + " (trials_per_device=" + trialsPerDevice + ")";
        String fix = total == 0
                ? "make the network or the batch smaller, free the device (nvidia-smi shows what holds it), or use"
                        + " the CPU build"
                : "lower parallel to " + total + ", make the network or the batch smaller, or free device memory";
        return head + ": " + String.join("; ", each) + ". Fix: " + fix;
    }
}
