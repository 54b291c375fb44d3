package org.dl4jtuner.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class DeviceAssignmentTest {
    private static final long GIB = 1L << 30;

    static List<Device> cards(int n, long freeBytes) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devices.add(new Device(i, "RTX 3090", 8, 6, 24 * GIB, freeBytes));
        }
        return devices;
    }

    @Test
    void everyCountOfDevicesAndTrialsPerDeviceFillsEachDeviceEvenlyUpToItsShare() {
        for (int n = 1; n <= 8; n++) {
            DeviceInventory inventory = DeviceInventory.fixed(Backend.CUDA, cards(n, 20 * GIB));
            for (int perDevice = 1; perDevice <= 4; perDevice++) {
                for (int parallel = 1; parallel <= n * perDevice; parallel++) {
                    List<TrialSlot> slots = DeviceAssignment.assign(inventory, parallel, perDevice, 2 * GIB);
                    assertEquals(parallel, slots.size());
                    Map<Integer, Long> perCard = slots.stream().collect(Collectors.groupingBy(
                            s -> s.deviceIndex().orElseThrow(), Collectors.counting()));
                    long most = perCard.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                    long least = perCard.size() < n ? 0 : perCard.values().stream().mapToLong(Long::longValue).min()
                            .orElseThrow();
                    String where = n + " devices, " + perDevice + " per device, parallel " + parallel;
                    assertTrue(most <= perDevice, where);
                    assertTrue(most - least <= 1, where + ": round-robin spreads trials, got " + perCard);
                    for (int i = 0; i < slots.size(); i++) {
                        assertEquals(i, slots.get(i).slot(), where);
                        int device = slots.get(i).deviceIndex().orElseThrow();
                        assertEquals(Map.of("CUDA_VISIBLE_DEVICES", Integer.toString(device)),
                                slots.get(i).workerEnvironment(), where);
                    }
                }
                int over = n * perDevice + 1;
                int share = perDevice;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> DeviceAssignment.assign(inventory, over, share, 2 * GIB));
                assertTrue(e.getMessage().startsWith("parallel=" + over + " trials need " + over
                        + " places, but the devices hold " + n * perDevice + " (trials_per_device=" + perDevice
                        + ")"), e.getMessage());
                assertTrue(e.getMessage().contains("lower parallel to " + n * perDevice), e.getMessage());
            }
        }
    }

    @Test
    void slotsGoRoundRobinOverTheDevices() {
        DeviceInventory inventory = DeviceInventory.fixed(Backend.CUDA, cards(3, 20 * GIB));
        List<Integer> devices = DeviceAssignment.assign(inventory, 5, 2, 0).stream()
                .map(s -> s.deviceIndex().orElseThrow()).toList();
        assertEquals(List.of(0, 1, 2, 0, 1), devices);
    }

    @Test
    void aDeviceWithLessFreeMemoryThanATrialNeedsGetsNone() {
        List<Device> devices = List.of(new Device(0, "RTX 3090", 8, 6, 24 * GIB, 1 * GIB),
                new Device(1, "RTX 3090", 8, 6, 24 * GIB, 10 * GIB));
        DeviceInventory inventory = DeviceInventory.fixed(Backend.CUDA, devices);
        List<TrialSlot> slots = DeviceAssignment.assign(inventory, 2, 4, 4 * GIB);
        assertEquals(List.of(1, 1), slots.stream().map(s -> s.deviceIndex().orElseThrow()).toList());
        // device 1 holds two 4 GiB trials in its 10 GiB, not the four trials_per_device allows
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceAssignment.assign(inventory, 3, 4, 4 * GIB));
        assertTrue(e.getMessage().contains("device 0 (RTX 3090) has 1024 MiB free of the 4096 MiB a trial needs,"
                + " so it takes 0"), e.getMessage());
        assertTrue(e.getMessage().contains("device 1 (RTX 3090) has 10240 MiB free of the 4096 MiB a trial needs,"
                + " so it takes 2"), e.getMessage());
    }

    @Test
    void tooLittleFreeMemoryEverywhereIsAnErrorNamingEachDeviceItsFreeMemoryAndTheNeed() {
        DeviceInventory inventory = DeviceInventory.fixed(Backend.CUDA, List.of(
                new Device(0, "Tesla T4", 7, 5, 16 * GIB, 512L << 20),
                new Device(1, "Tesla T4", 7, 5, 16 * GIB, 1 * GIB)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceAssignment.assign(inventory, 1, 1, 2 * GIB));
        assertEquals("no CUDA device can take a trial that needs 2048 MiB: device 0 (Tesla T4) has 512 MiB free of"
                + " the 2048 MiB a trial needs, so it takes 0; device 1 (Tesla T4) has 1024 MiB free of the 2048 MiB"
                + " a trial needs, so it takes 0. Fix: make the network or the batch smaller, free the device"
                + " (nvidia-smi shows what holds it), or use the CPU build", e.getMessage());
    }

    @Test
    void aDeviceTheCudaBuildHasNoKernelsForTakesNoTrial() {
        DeviceInventory inventory = DeviceInventory.fixed(Backend.CUDA, List.of(
                new Device(0, "NVIDIA H100", 9, 0, 80 * GIB, 79 * GIB),
                new Device(1, "NVIDIA A100", 8, 0, 40 * GIB, 39 * GIB)));
        assertEquals(List.of(1, 1), DeviceAssignment.assign(inventory, 2, 2, GIB).stream()
                .map(s -> s.deviceIndex().orElseThrow()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceAssignment.assign(inventory, 3, 2, GIB));
        assertTrue(e.getMessage().contains("the CUDA build (nd4j-cuda-11.6) needs compute capability <= 8.6; this"
                + " device, device 0 (NVIDIA H100), is 9.0"), e.getMessage());
    }

    @Test
    void onTheCpuEverySlotIsACpuSlotWithOneOpenMpThread() {
        List<TrialSlot> slots = DeviceAssignment.assign(DeviceInventory.fixed(Backend.CPU, List.of()), 3, 1,
                8 * GIB);
        assertEquals(3, slots.size());
        for (TrialSlot slot : slots) {
            assertTrue(slot.deviceIndex().isEmpty());
            assertEquals(Map.of("OMP_NUM_THREADS", "1"), slot.workerEnvironment());
            slot.attach(DeviceInventory.fixed(Backend.CPU, List.of()));
        }
        assertEquals("slot 2: CPU, 1 OpenMP thread", slots.get(2).toString());
    }

    @Test
    void attachPinsTheThreadThroughTheInventory() {
        List<Integer> pinned = new ArrayList<>();
        DeviceInventory recording = new DeviceInventory() {
            @Override
            public Backend backend() {
                return Backend.CUDA;
            }

            @Override
            public List<Device> devices() {
                return cards(2, 20 * GIB);
            }

            @Override
            public void attachCurrentThread(int deviceIndex) {
                pinned.add(deviceIndex);
            }
        };
        for (TrialSlot slot : DeviceAssignment.assign(recording, 4, 2, GIB)) {
            slot.attach(recording);
        }
        assertEquals(List.of(0, 1, 0, 1), pinned);
    }

    @Test
    void noDeviceOnCudaAndBadArgumentsAreErrorsWithTheRule() {
        DeviceInventory none = DeviceInventory.fixed(Backend.CUDA, List.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceAssignment.assign(none, 1, 1, 0))
                .getMessage().contains("the CUDA backend sees none"));
        DeviceInventory one = DeviceInventory.fixed(Backend.CUDA, cards(1, GIB));
        assertEquals("parallel >= 1, trials_per_device >= 1 and bytes per trial >= 0 must hold, but got parallel=1,"
                + " trials_per_device=0, bytes per trial=0", assertThrows(IllegalArgumentException.class,
                        () -> DeviceAssignment.assign(one, 1, 0, 0)).getMessage());
    }
}
