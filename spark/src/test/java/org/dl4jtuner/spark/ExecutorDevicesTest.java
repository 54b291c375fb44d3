package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.gpu.Backend;
import org.dl4jtuner.gpu.Device;
import org.dl4jtuner.gpu.DeviceInventory;
import org.dl4jtuner.gpu.TrialSlot;
import org.junit.jupiter.api.Test;

/** Which device an executor's tasks train on, with made-up inventories (no GPU needed). */
class ExecutorDevicesTest {
    private static final List<Device> TWO_CARDS = List.of(
            new Device(0, "RTX 3090", 8, 6, 24L << 30, 20L << 30),
            new Device(1, "RTX 3090", 8, 6, 24L << 30, 22L << 30));

    @Test
    void tasksSpreadOverTheExecutorsCardsAndGiveTheirSlotBack() {
        ExecutorDevices devices = new ExecutorDevices(2, () -> DeviceInventory.fixed(Backend.CUDA, TWO_CARDS));
        List<TrialSlot> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(devices.acquire(List.of()));
        }
        assertEquals(List.of(0, 1, 0, 1), held.stream().map(s -> s.device().index()).toList());
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> devices.acquire(List.of()));
        assertTrue(full.getMessage().contains("parallel=5 trials need 5 places, but the devices hold 4"), full.getMessage());
        devices.release(held.get(1));
        TrialSlot again = devices.acquire(List.of());
        assertEquals(1, again.slot(), "the lowest free slot is taken again");
        assertEquals(1, again.device().index());
        held.set(1, again);
        held.forEach(devices::release);
    }

    @Test
    void theGpuSparkAssignedWins() {
        ExecutorDevices devices = new ExecutorDevices(1, () -> DeviceInventory.fixed(Backend.CUDA, TWO_CARDS));
        TrialSlot slot = devices.acquire(List.of("1"));
        try {
            assertEquals(1, slot.device().index());
        } finally {
            devices.release(slot);
        }
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> devices.acquire(List.of("3")));
        assertTrue(unknown.getMessage().contains("GPU 3"), unknown.getMessage());
    }

    @Test
    void onTheCpuEveryTaskGetsACpuSlot() {
        ExecutorDevices devices = new ExecutorDevices(1, () -> DeviceInventory.fixed(Backend.CPU, List.of()));
        TrialSlot a = devices.acquire(List.of());
        TrialSlot b = devices.acquire(List.of());
        try {
            assertNull(a.device());
            assertNull(b.device());
            assertEquals(List.of(0, 1), List.of(a.slot(), b.slot()));
        } finally {
            devices.release(a);
            devices.release(b);
        }
        IllegalStateException noCuda = assertThrows(IllegalStateException.class, () -> devices.acquire(List.of("0")));
        assertTrue(noCuda.getMessage().contains("-Pcuda"), noCuda.getMessage());
    }
}
