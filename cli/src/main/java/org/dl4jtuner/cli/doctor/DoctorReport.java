package org.dl4jtuner.cli.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.gpu.BackendReport;
import org.dl4jtuner.gpu.CudaBuild;
import org.dl4jtuner.gpu.Device;
import org.dl4jtuner.gpu.Problem;

/**
 * Everything {@code doctor} found, as the JSON object of {@code --json} and as lines for a person.
 *
 * @param backend  the gpu-config module's report
 * @param parallel {"trials", "reason"} of {@code parallel: auto}
 * @param datasets each dataset's status by name
 * @param storage  the storage URL's status ({"checked": false} without {@code --storage})
 * @param chromium Chromium's path, or null
 * @param probe    the training probe, or null when skipped
 * @param problems the backend's problems and those found here, each with its fix
 * @param notes    advice that is not a problem
 */
record DoctorReport(BackendReport backend, Map<String, Object> parallel, Map<String, Object> datasets,
        Map<String, Object> storage, String chromium, TrainingProbe probe, List<Problem> problems, List<String> notes) {

    /** The JSON object's fields, in print order. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("backend", backend.backend().name());
        map.put("backend_artifact", backend.backendArtifact());
        map.put("native_build", backend.nativeBuild());
        map.put("nd4j_version", backend.nd4jVersion());
        map.put("dl4j_version", backend.dl4jVersion());
        map.put("cores", backend.cores());
        map.put("memory_mb", mib(backend.memoryBytes()));
        map.put("memory_available_mb", mib(backend.availableBytes()));
        map.put("max_heap_mb", mib(backend.maxHeapBytes()));
        List<Map<String, Object>> devices = new ArrayList<>();
        for (Device d : backend.devices()) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("index", d.index());
            device.put("name", d.name());
            device.put("compute_capability", d.computeCapability());
            device.put("total_mb", mib(d.totalBytes()));
            device.put("free_mb", mib(d.freeBytes()));
            device.put("supported", CudaBuild.supports(d));
            devices.add(device);
        }
        map.put("devices", devices);
        map.put("blas", backend.blasVendor());
        map.put("omp_threads", backend.ompThreads());
        map.put("instruction_sets", backend.instructionSets());
        map.put("parallel_auto", parallel);
        map.put("datasets", datasets);
        map.put("storage", storage);
        map.put("chromium", chromium);
        Map<String, Object> probeMap = probe == null ? Map.of("skipped", true) : probe.toMap();
        map.put("probe", probeMap);
        List<Map<String, String>> problemList = new ArrayList<>();
        for (Problem p : problems) {
            problemList.add(Map.of("problem", p.message(), "fix", p.fix()));
        }
        map.put("problems", problemList);
        map.put("notes", notes);
        return map;
    }

    /** The report for a person, one fact a line, each problem followed by its fix. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        BackendReport b = backend;
        lines.add("backend: " + b.backend() + ", " + b.backendArtifact() + (b.nativeBuild() == null ? ""
                : " " + b.nativeBuild()) + " (ND4J " + b.nd4jVersion() + ", DL4J " + b.dl4jVersion() + ")");
        lines.add("cpu: " + b.cores() + (b.cores() == 1 ? " core" : " cores") + ", instruction sets "
                + (b.instructionSets().isEmpty() ? "unknown" : String.join(" ", b.instructionSets())) + "; BLAS "
                + b.blasVendor() + ", " + b.ompThreads() + " OpenMP " + (b.ompThreads() == 1 ? "thread" : "threads"));
        lines.add("memory: " + mib(b.memoryBytes()) + " MiB, " + mib(b.availableBytes()) + " MiB available; JVM heap"
                + " up to " + mib(b.maxHeapBytes()) + " MiB");
        for (Device d : b.devices()) {
            lines.add(d.label() + ": compute capability " + d.computeCapability() + ", " + mib(d.totalBytes())
                    + " MiB, " + mib(d.freeBytes()) + " MiB free" + (CudaBuild.supports(d) ? "" : " (not usable)"));
        }
        lines.add(String.valueOf(parallel.get("reason")));
        @SuppressWarnings("unchecked")
        Map<String, Object> fashion = (Map<String, Object>) datasets.get(DatasetCheck.FASHION);
        lines.add("dataset fashion-mnist: " + (Boolean.TRUE.equals(fashion.get("installed"))
                ? "installed in " + fashion.get("path") : "not installed") + "; the bundled subset ships in the jar");
        datasets.forEach((name, status) -> {
            if (!name.equals(DatasetCheck.FASHION)) {
                lines.add("dataset " + name + ": " + (Boolean.TRUE.equals(((Map<?, ?>) status).get("installed"))
                        ? "found" : "missing"));
            }
        });
        lines.add(Boolean.TRUE.equals(storage.get("checked"))
                ? "storage " + storage.get("url") + ": " + (Boolean.TRUE.equals(storage.get("reachable"))
                        ? "reachable, " + storage.get("studies") + " studies" : "unreachable")
                : "storage: not checked (--storage URL checks one)");
        lines.add("chromium: " + (chromium == null ? "not on PATH (only the dashboard's browser tests need it)"
                : chromium));
        lines.add(probe == null ? "probe: skipped"
                : String.format(java.util.Locale.ROOT, "probe: %.1f examples/s training %s, batch %d, for %.1f s",
                        probe.examplesPerSecond(), probe.network(), probe.batchSize(), probe.seconds()));
        notes.forEach(n -> lines.add("note: " + n));
        for (Problem p : problems) {
            lines.add("problem: " + p.message());
            lines.add("  fix: " + p.fix());
        }
        lines.add(problems.isEmpty() ? "ok: no problems" : problems.size() + (problems.size() == 1 ? " problem"
                : " problems"));
        return lines;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
