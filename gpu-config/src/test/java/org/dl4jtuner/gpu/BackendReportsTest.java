package org.dl4jtuner.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class BackendReportsTest {
    private static final CpuFeatures AVX2_CPU = CpuFeatures.parse(
            "processor : 0\nflags\t\t: fpu sse2 sse4_2 avx avx2 fma\n\nprocessor : 1\nflags : fpu\n");
    private static final CpuFeatures OLD_CPU = CpuFeatures.parse("flags : fpu sse2 sse4_2\n");

    private static BackendReport report(Backend backend, int cores, List<Device> devices) {
        return new BackendReport(backend, "x", null, "1.0.0-M2.1", "1.0.0-M2.1", cores, 1L << 34, 1L << 33, 1L << 31,
                "OPENBLAS", 1, List.of(), devices, BackendReports.problems(backend, Optional.empty(), AVX2_CPU,
                        devices), List.of());
    }

    @Test
    void cpuInfoFlagsAreReadFromTheFirstProcessor() {
        assertEquals(List.of("sse4_2", "avx", "avx2", "fma"), AVX2_CPU.relevant());
        assertEquals(NativeBuild.AVX2, NativeBuild.best(AVX2_CPU));
        assertEquals(NativeBuild.GENERIC, NativeBuild.best(OLD_CPU));
        assertTrue(CpuFeatures.parse("no flags here").flags().isEmpty());
    }

    @Test
    void theGenericBuildRunsAnywhereAndAnAvxBuildOnACpuWithoutAvxIsAProblemWithItsFix() {
        assertEquals(List.of(), BackendReports.problems(Backend.CPU, Optional.of(NativeBuild.GENERIC), OLD_CPU,
                List.of()));
        List<Problem> problems = BackendReports.problems(Backend.CPU, Optional.of(NativeBuild.AVX2), OLD_CPU,
                List.of());
        assertEquals(1, problems.size());
        assertEquals("nd4j-native's linux-x86_64-avx2 build needs avx, avx2, which this CPU lacks",
                problems.get(0).message());
        assertTrue(problems.get(0).fix().contains("plain linux-x86_64 classifier"));
    }

    @Test
    void aFasterBuildForThisCpuIsANoteNotAProblem() {
        assertEquals(List.of("this CPU has avx, avx2: nd4j-native's linux-x86_64-avx2 build is made for them and may"
                + " run faster than linux-x86_64 (set nd4j.classifier=linux-x86_64-avx2)"),
                BackendReports.notes(Backend.CPU, Optional.of(NativeBuild.GENERIC), AVX2_CPU));
        assertEquals(List.of(), BackendReports.notes(Backend.CPU, Optional.of(NativeBuild.GENERIC), OLD_CPU));
    }

    @Test
    void cudaWithoutDevicesOrWithAHopperCardIsAProblem() {
        assertTrue(BackendReports.problems(Backend.CUDA, Optional.empty(), AVX2_CPU, List.of()).get(0).message()
                .equals("the CUDA backend sees no device"));
        List<Problem> problems = BackendReports.problems(Backend.CUDA, Optional.empty(), AVX2_CPU, List.of(
                new Device(0, "NVIDIA A100", 8, 0, 40L << 30, 30L << 30),
                new Device(1, "NVIDIA H100", 9, 0, 80L << 30, 70L << 30)));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("device 1 (NVIDIA H100), is 9.0"));
    }

    @Test
    void nd4jEnvironmentInformationBecomesDevices() {
        Properties environment = new Properties();
        environment.put("backend", "CUDA");
        environment.put("cuda.devicesInformation", List.of(
                Map.of("cuda.deviceName", "NVIDIA GeForce RTX 3090", "cuda.deviceMajor", 8, "cuda.deviceMinor", 6,
                        "cuda.totalMemory", 25_447_170_048L, "cuda.freeMemory", 24_000_000_000L),
                Map.of("cuda.deviceName", "Tesla T4", "cuda.deviceMajor", 7, "cuda.deviceMinor", 5,
                        "cuda.totalMemory", "15843721216", "cuda.freeMemory", "15000000000")));
        assertEquals(List.of(new Device(0, "NVIDIA GeForce RTX 3090", 8, 6, 25_447_170_048L, 24_000_000_000L),
                new Device(1, "Tesla T4", 7, 5, 15_843_721_216L, 15_000_000_000L)), Nd4jInventory.parse(environment));
        assertEquals(Backend.CUDA, Backend.fromNd4jName("CUDA"));
        Properties cpu = new Properties();
        cpu.put("backend", "CPU");
        assertEquals(List.of(), Nd4jInventory.parse(cpu));
    }

    @Test
    void parallelAutoIsOneTrialPerCoreOnTheCpuAndPerDeviceShareOnCuda() {
        ParallelDefault.Choice cpu = ParallelDefault.choose(report(Backend.CPU, 2, List.of()), 1);
        assertEquals(2, cpu.trials());
        assertEquals("parallel auto: 2 trials, one per core, 1 OpenMP thread each", cpu.reason());
        assertEquals("parallel auto: 1 trial, one per core, 1 OpenMP thread each",
                ParallelDefault.choose(report(Backend.CPU, 1, List.of()), 3).reason());

        List<Device> cards = List.of(new Device(0, "A100", 8, 0, 40L << 30, 39L << 30),
                new Device(1, "A100", 8, 0, 40L << 30, 39L << 30), new Device(2, "H100", 9, 0, 80L << 30, 79L << 30));
        ParallelDefault.Choice cuda = ParallelDefault.choose(report(Backend.CUDA, 32, cards), 3);
        assertEquals(6, cuda.trials());
        assertEquals("parallel auto: 6 trials, 3 per device on 2 CUDA devices", cuda.reason());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParallelDefault.choose(
                report(Backend.CUDA, 8, List.of(new Device(0, "H100", 9, 0, 80L << 30, 79L << 30))), 1));
        assertTrue(e.getMessage().contains("needs compute capability <= 8.6"), e.getMessage());
    }

    @Test
    void memInfoIsReadInBytes() {
        HostMemory memory = HostMemory.parse("MemTotal:       24683520 kB\nMemFree:  1 kB\nMemAvailable:   "
                + "24250000 kB\n");
        assertEquals(24683520L * 1024, memory.totalBytes());
        assertEquals(24250000L * 1024, memory.availableBytes());
    }

    @Test
    void versionsComeFromTheJarsOnTheClassPath() {
        assertEquals(Optional.of("1.0.0-M2.1"), Versions.of("org.nd4j", "nd4j-api"));
        assertEquals(Optional.empty(), Versions.of("org.example", "not-there"));
    }

    @Test
    void devicesAreValidatedWithTheRule() {
        assertEquals("0 <= freeBytes <= totalBytes must hold, but got freeBytes=2, totalBytes=1 for device 0",
                assertThrows(IllegalArgumentException.class, () -> new Device(0, "x", 8, 6, 1, 2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceInventory.fixed(Backend.CUDA,
                List.of(new Device(1, "x", 8, 6, 2, 1)))).getMessage().contains("device 0 has index 1"));
    }
}
