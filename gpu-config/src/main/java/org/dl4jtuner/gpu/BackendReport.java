package org.dl4jtuner.gpu;

import java.util.List;
import java.util.Objects;

/**
 * What this process trains on, read by {@link BackendReports#read()}: the facts a user needs before a
 * long study, each problem with its fix, and advice that is not a problem ({@code notes}).
 *
 * <pre>
 * BackendReport report = BackendReports.read();
 * report.problems().forEach(p -&gt; System.err.println(p.message() + ": " + p.fix()));
 * ParallelDefault.choose(report, 1).reason(); // "parallel auto: 2 trials, one per core, 1 OpenMP thread each"
 * </pre>
 *
 * @param backend          CPU or CUDA
 * @param backendArtifact  the ND4J backend's artifact, {@code nd4j-native} or {@code nd4j-cuda-11.6}
 * @param nativeBuild      nd4j-native's classifier on the class path ({@code linux-x86_64}), null on CUDA
 * @param nd4jVersion      nd4j-api's version on the class path, null when unknown
 * @param dl4jVersion      deeplearning4j-nn's version on the class path, null when it is not there
 * @param cores            processors the JVM may use
 * @param memoryBytes      the machine's physical memory (0 when unknown)
 * @param availableBytes   memory available to new processes (0 when unknown)
 * @param maxHeapBytes     this JVM's largest heap
 * @param blasVendor       the BLAS ND4J uses (OPENBLAS, MKL, CUBLAS, ...), null when unknown
 * @param ompThreads       OpenMP threads ND4J's native code uses per operation
 * @param instructionSets  the CPU's instruction sets that matter to ND4J ({@link CpuFeatures#RELEVANT})
 * @param devices          CUDA devices; empty on the CPU
 * @param problems         what keeps it from working, with fixes
 * @param notes            advice (a faster build exists, ...)
 */
public record BackendReport(Backend backend, String backendArtifact, String nativeBuild, String nd4jVersion,
        String dl4jVersion, int cores, long memoryBytes, long availableBytes, long maxHeapBytes, String blasVendor,
        int ompThreads, List<String> instructionSets, List<Device> devices, List<Problem> problems,
        List<String> notes) {

    public BackendReport {
        Objects.requireNonNull(backend, "backend");
        instructionSets = List.copyOf(instructionSets);
        devices = List.copyOf(devices);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        if (cores < 1) {
            throw new IllegalArgumentException("cores >= 1 must hold, but got cores=" + cores);
        }
    }

    /** The devices the CUDA build has kernels for (see {@link CudaBuild#check}). */
    public List<Device> usableDevices() {
        return devices.stream().filter(CudaBuild::supports).toList();
    }

    /** The inventory this report describes, for {@link DeviceAssignment} (no thread pinning). */
    public DeviceInventory inventory() {
        return DeviceInventory.fixed(backend, backend == Backend.CUDA ? devices : List.of());
    }
}
