package org.dl4jtuner.models;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.gpu.Backend;
import org.dl4jtuner.gpu.BackendReport;
import org.dl4jtuner.gpu.BackendReports;
import org.dl4jtuner.tuner.Study;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What trained a trial, recorded as its {@value #ATTR} system attribute: DL4J, ND4J and Java
 * versions read at run time, the backend and its BLAS, OpenMP threads, the CUDA device, the host
 * and the thread. The process's part is read once.
 *
 * <pre>{@code
 * {dl4j_version=1.0.0-M2.1, nd4j_version=1.0.0-M2.1, java_version=17.0.15, backend=CPU, native_build=linux-x86_64,
 *  blas=OPENBLAS, omp_threads=1, host=box, device=cpu, thread=fashion-worker-0}
 * }</pre>
 */
public final class TrainingRuntime {
    /** The trial system attribute. */
    public static final String ATTR = Study.RUNTIME_ATTR;

    private TrainingRuntime() {
    }

    private static final class Process {
        static final BackendReport REPORT = BackendReports.read();
        static final Map<String, Object> FACTS = facts();

        private static Map<String, Object> facts() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dl4j_version", REPORT.dl4jVersion());
            m.put("nd4j_version", REPORT.nd4jVersion());
            m.put("java_version", System.getProperty("java.version"));
            m.put("backend", REPORT.backend().name());
            m.put("native_build", REPORT.nativeBuild());
            m.put("blas", REPORT.blasVendor());
            m.put("omp_threads", REPORT.ompThreads());
            m.put("host", host());
            return m;
        }

        private static String host() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return System.getenv().getOrDefault("HOSTNAME", "unknown");
            }
        }
    }

    /** This process's facts and the calling thread's device and name. */
    public static Map<String, Object> current() {
        Map<String, Object> m = new LinkedHashMap<>(Process.FACTS);
        m.put("device", Process.REPORT.backend() == Backend.CUDA
                ? "cuda:" + Nd4j.getAffinityManager().getDeviceForCurrentThread() : "cpu");
        m.put("thread", Thread.currentThread().getName());
        return m;
    }
}
