package org.dl4jtuner.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link BackendReport} from ND4J, the class path and {@code /proc}, and finds the problems
 * in it ({@link #problems}, a pure function tested without ND4J).
 */
public final class BackendReports {
    private static final Logger LOG = LoggerFactory.getLogger(BackendReports.class);

    private BackendReports() {
    }

    /**
     * This process's report. It loads the ND4J backend; when none loads, the report says so as a
     * problem (CPU, no devices) instead of throwing.
     */
    public static BackendReport read() {
        CpuFeatures cpu = CpuFeatures.read();
        HostMemory memory = HostMemory.read();
        int cores = Runtime.getRuntime().availableProcessors();
        long heap = Runtime.getRuntime().maxMemory();
        String nd4j = Versions.of("org.nd4j", "nd4j-api").orElse(null);
        String dl4j = Versions.of("org.deeplearning4j", "deeplearning4j-nn").orElse(null);
        Optional<NativeBuild> build = NativeBuild.onClassPath(BackendReports.class.getClassLoader());
        Properties environment;
        try {
            environment = Nd4j.getExecutioner().getEnvironmentInformation();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("ND4J's backend did not load", e);
            Problem none = new Problem("no ND4J backend loads (" + e + ")", "put nd4j-native with classifier"
                    + " linux-x86_64 (or " + CudaBuild.ARTIFACT + " with -Pcuda) on the class path");
            return new BackendReport(Backend.CPU, null, build.map(NativeBuild::classifier).orElse(null), nd4j, dl4j,
                    cores, memory.totalBytes(), memory.availableBytes(), heap, null, 0, cpu.relevant(), List.of(),
                    List.of(none), List.of());
        }
        Backend backend = Backend.fromNd4jName(String.valueOf(environment.get("backend")));
        List<Device> devices = backend == Backend.CUDA ? Nd4jInventory.parse(environment) : List.of();
        String artifact = backend == Backend.CUDA ? CudaBuild.ARTIFACT : "nd4j-native";
        Optional<NativeBuild> cpuBuild = backend == Backend.CPU ? build : Optional.empty();
        return new BackendReport(backend, artifact, cpuBuild.map(NativeBuild::classifier).orElse(null), nd4j, dl4j,
                cores, memory.totalBytes(), memory.availableBytes(), heap, blasVendor(environment),
                ompThreads(environment), cpu.relevant(), devices, problems(backend, cpuBuild, cpu, devices),
                notes(backend, cpuBuild, cpu));
    }

    /** What keeps the backend from running here, each with its fix. */
    public static List<Problem> problems(Backend backend, Optional<NativeBuild> build, CpuFeatures cpu,
            List<Device> devices) {
        List<Problem> problems = new ArrayList<>();
        if (backend == Backend.CPU) {
            build.ifPresent(b -> {
                List<String> missing = b.missing(cpu);
                if (!missing.isEmpty()) {
                    problems.add(new Problem("nd4j-native's " + b.classifier() + " build needs " + String.join(", ",
                            missing) + ", which this CPU lacks", "use the plain linux-x86_64 classifier (the"
                            + " default cpu profile), which needs nothing beyond x86-64"));
                }
            });
            return problems;
        }
        if (devices.isEmpty()) {
            problems.add(new Problem("the CUDA backend sees no device", "check that nvidia-smi lists the card,"
                    + " that the driver supports CUDA " + CudaBuild.CUDA_VERSION + " and that CUDA_VISIBLE_DEVICES"
                    + " does not hide it; or use the CPU build"));
        }
        for (Device device : devices) {
            CudaBuild.check(device).ifPresent(problems::add);
        }
        return problems;
    }

    /** Advice that is not a problem: a faster CPU build for this CPU. */
    public static List<String> notes(Backend backend, Optional<NativeBuild> build, CpuFeatures cpu) {
        List<String> notes = new ArrayList<>();
        if (backend == Backend.CPU && build.isPresent()) {
            NativeBuild best = NativeBuild.best(cpu);
            if (best.ordinal() > build.get().ordinal()) {
                notes.add("this CPU has " + String.join(", ", best.needs()) + ": nd4j-native's " + best.classifier()
                        + " build is made for them and may run faster than " + build.get().classifier()
                        + " (set nd4j.classifier=" + best.classifier() + ")");
            }
        }
        return notes;
    }

    private static String blasVendor(Properties environment) {
        Object vendor = environment.get("blas.vendor");
        if (vendor != null) {
            return vendor.toString();
        }
        try {
            return String.valueOf(Nd4j.factory().blas().getBlasVendor());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int ompThreads(Properties environment) {
        Object threads = environment.get("omp.threads");
        if (threads != null) {
            try {
                return Integer.parseInt(threads.toString().trim());
            } catch (NumberFormatException e) {
                LOG.debug("omp.threads is '{}'", threads);
            }
        }
        return Nd4j.getEnvironment().maxThreads();
    }
}
