package org.dl4jtuner.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices of the ND4J backend on the class path, from
 * {@code Nd4j.getExecutioner().getEnvironmentInformation()}: its {@code backend} key ("CPU" or
 * "CUDA") and, on CUDA, {@code cuda.devicesInformation}, a list of maps with {@code cuda.deviceName},
 * {@code cuda.deviceMajor}, {@code cuda.deviceMinor}, {@code cuda.totalMemory} and {@code cuda.freeMemory}.
 * Free memory is read when {@link #devices()} is called.
 */
public final class Nd4jInventory implements DeviceInventory {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jInventory.class);

    @Override
    public Backend backend() {
        return Backend.fromNd4jName(String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().get("backend")));
    }

    @Override
    public List<Device> devices() {
        return parse(Nd4j.getExecutioner().getEnvironmentInformation());
    }

    /** Pins the calling thread to the device through ND4J's affinity manager; nothing on the CPU. */
    @Override
    public void attachCurrentThread(int deviceIndex) {
        if (backend() == Backend.CUDA) {
            Nd4j.getAffinityManager().unsafeSetDevice(deviceIndex);
            LOG.debug("thread {} attached to CUDA device {}", Thread.currentThread().getName(), deviceIndex);
        }
    }

    /** The devices in ND4J's environment information; empty when it has none (the CPU backend). */
    public static List<Device> parse(Properties environment) {
        Object list = environment.get("cuda.devicesInformation");
        if (!(list instanceof List<?> entries)) {
            return List.of();
        }
        List<Device> devices = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> info) {
                devices.add(new Device(devices.size(), String.valueOf(info.get("cuda.deviceName")),
                        (int) number(info, "cuda.deviceMajor"), (int) number(info, "cuda.deviceMinor"),
                        number(info, "cuda.totalMemory"), Math.min(number(info, "cuda.freeMemory"),
                        number(info, "cuda.totalMemory"))));
            }
        }
        return List.copyOf(devices);
    }

    private static long number(Map<?, ?> info, String key) {
        Object value = info.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                LOG.warn("ND4J's {} is '{}', not a number; read as 0", key, value);
            }
        }
        return 0;
    }
}
