package org.dl4jtuner.gpu;

import java.util.List;
import java.util.Objects;

/**
 * A device inventory given in full, for tests and dry runs: made with {@link DeviceInventory#fixed}.
 * A CPU inventory has no devices; device indexes must be 0, 1, 2, ... in order.
 */
record FixedInventory(Backend backend, List<Device> devices) implements DeviceInventory {
    FixedInventory {
        Objects.requireNonNull(backend, "backend");
        devices = List.copyOf(devices);
        if (backend == Backend.CPU && !devices.isEmpty()) {
            throw new IllegalArgumentException("a CPU inventory has no devices, but got " + devices.size());
        }
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).index() != i) {
                throw new IllegalArgumentException("device indexes must be 0.." + (devices.size() - 1)
                        + " in order, but device " + i + " has index " + devices.get(i).index());
            }
        }
    }

    @Override
    public void attachCurrentThread(int deviceIndex) {
        if (backend == Backend.CUDA && (deviceIndex < 0 || deviceIndex >= devices.size())) {
            throw new IllegalArgumentException("0 <= device < " + devices.size() + " must hold, but got device="
                    + deviceIndex);
        }
    }
}
