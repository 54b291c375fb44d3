package org.dl4jtuner.cli.run;

import org.dl4jtuner.gpu.BackendReport;
import org.dl4jtuner.gpu.BackendReports;
import org.dl4jtuner.models.MemoryGuard;

/**
 * What a run plan needs to know of the machine: the memory a worker JVM would take from, and the
 * backend with its cores and devices (for {@code parallel: auto} and device slots). Tests give their own.
 *
 * @param availableBytes the machine's available memory, -1 when unknown
 * @param backend        the ND4J backend, its cores and CUDA devices
 */
public record Machine(long availableBytes, BackendReport backend) {
    /** This machine, as this process sees it (loads ND4J's backend). */
    public static Machine here() {
        return new Machine(MemoryGuard.machineAvailableBytes(), BackendReports.read());
    }
}
