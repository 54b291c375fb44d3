package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Where trials run: the default for stored studies, the memory it needs, and what the first lines say. */
class IsolatedWorkersTest {
    private static final long GIB = 1L << 30;

    @Test
    void aStoredStudyIsolatesByDefaultWhenTheMachineHasTheMemoryForAWorker() {
        IsolatedWorkers.Placement p = IsolatedWorkers.place(RunOptions.Isolation.DEFAULT, true, List.of("-Xmx2g"),
                8 * GIB);
        assertTrue(p.isolate());
        assertEquals("trials run in worker JVMs (--isolate is the default for stored studies; --no-isolate to train"
                + " in this process)", p.line());
    }

    @Test
    void withoutTheMemoryForAWorkerItTrainsInThisProcessAndSaysWhy() {
        IsolatedWorkers.Placement p = IsolatedWorkers.place(RunOptions.Isolation.DEFAULT, true, List.of("-Xmx4g"),
                3 * GIB);
        assertFalse(p.isolate());
        assertEquals("trials run in this process: the machine has 3,072 MiB available, not enough for a worker JVM"
                + " (about 6,144 MiB: its heap and 2 GiB off-heap); --isolate to use workers anyway", p.line());
    }

    @Test
    void anInMemoryStudyStaysInThisProcessUnlessAskedAndTheFlagsWin() {
        assertFalse(IsolatedWorkers.place(RunOptions.Isolation.DEFAULT, false, List.of(), 64 * GIB).isolate());
        assertNull(IsolatedWorkers.place(RunOptions.Isolation.DEFAULT, false, List.of(), 64 * GIB).line());
        assertTrue(IsolatedWorkers.place(RunOptions.Isolation.ALWAYS, false, List.of(), 0).isolate());
        IsolatedWorkers.Placement never = IsolatedWorkers.place(RunOptions.Isolation.NEVER, true, List.of(), 64 * GIB);
        assertFalse(never.isolate());
        assertEquals("trials run in this process (--no-isolate)", never.line());
    }

    @Test
    void theWorkersHeapIsItsLastXmx() {
        assertEquals(4 * GIB, IsolatedWorkers.workerHeapBytes(List.of("-Xmx1g", "-Dx=y", "-Xmx4g")));
        assertEquals(512L << 20, IsolatedWorkers.workerHeapBytes(List.of("-Xmx512m")));
        assertEquals(Runtime.getRuntime().maxMemory(), IsolatedWorkers.workerHeapBytes(List.of("-Xms1g")));
    }
}
