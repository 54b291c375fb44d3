package org.dl4jtuner.cli.run;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.dl4jtuner.gpu.DeviceInventory;
import org.dl4jtuner.gpu.TrialSlot;

/**
 * The threads of in-process parallel trials on CUDA devices: thread i attaches itself to slot i's
 * device (through ND4J's affinity manager) before its first trial, so N trials spread over the cards
 * as the plan assigned them instead of all landing on device 0.
 */
final class SlotThreads implements ThreadFactory {
    private final List<TrialSlot> slots;
    private final DeviceInventory inventory;
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    SlotThreads(List<TrialSlot> slots, DeviceInventory inventory, String studyName) {
        this.slots = List.copyOf(slots);
        this.inventory = inventory;
        this.prefix = studyName + "-slot-";
    }

    @Override
    public Thread newThread(Runnable work) {
        TrialSlot slot = slots.get(next.getAndIncrement() % slots.size());
        Thread t = new Thread(() -> {
            slot.attach(inventory);
            work.run();
        }, prefix + slot.slot());
        t.setDaemon(true);
        return t;
    }
}
