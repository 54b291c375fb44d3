package org.dl4jtuner.gpu;

/**
 * What {@code parallel: auto} means on this machine: on the CPU one trial per core with one OpenMP
 * thread each; on CUDA one trial per usable device times {@code trials_per_device}.
 *
 * <pre>
 * ParallelDefault.Choice c = ParallelDefault.choose(BackendReports.read(), 1);
 * log.info(c.reason()); // "parallel auto: 2 trials, one per core, 1 OpenMP thread each"
 * </pre>
 */
public final class ParallelDefault {
    private ParallelDefault() {
    }

    /**
     * The number of parallel trials and a printable reason.
     *
     * @param trials how many trials run at a time, at least 1
     * @param reason "parallel auto: ..." for a log line
     */
    public record Choice(int trials, String reason) {
        public Choice {
            if (trials < 1) {
                throw new IllegalArgumentException("trials >= 1 must hold, but got trials=" + trials);
            }
        }
    }

    /** The choice for this report; IllegalArgumentException on CUDA without a usable device. */
    public static Choice choose(BackendReport report, int trialsPerDevice) {
        if (trialsPerDevice < 1) {
            throw new IllegalArgumentException("trials_per_device >= 1 must hold, but got trials_per_device="
                    + trialsPerDevice);
        }
        if (report.backend() == Backend.CPU) {
            int cores = report.cores();
            return new Choice(cores, "parallel auto: " + cores + (cores == 1 ? " trial" : " trials")
                    + ", one per core, 1 OpenMP thread each");
        }
        int usable = report.usableDevices().size();
        if (usable == 0) {
            throw new IllegalArgumentException("parallel auto: no CUDA device the CUDA build runs on ("
                    + report.devices().size() + " seen); " + (report.problems().isEmpty() ? "use the CPU build"
                    : report.problems().get(0).toString()));
        }
        int trials = usable * trialsPerDevice;
        return new Choice(trials, "parallel auto: " + trials + (trials == 1 ? " trial, " : " trials, ")
                + trialsPerDevice + " per device on " + usable + (usable == 1 ? " CUDA device" : " CUDA devices"));
    }
}
