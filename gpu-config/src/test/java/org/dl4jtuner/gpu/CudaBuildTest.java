package org.dl4jtuner.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CudaBuildTest {
    private static Device card(int major, int minor) {
        return new Device(0, "card " + major + "." + minor, major, minor, 1L << 34, 1L << 33);
    }

    @Test
    void ampereAndOlderDownToKeplerRun() {
        for (int[] cc : new int[][] {{3, 5}, {3, 7}, {5, 2}, {6, 1}, {7, 0}, {7, 5}, {8, 0}, {8, 6}}) {
            assertTrue(CudaBuild.supports(card(cc[0], cc[1])), cc[0] + "." + cc[1]);
        }
    }

    @Test
    void hopperIsRefusedWithTheRuleTheDeviceAndTheFix() {
        Problem problem = CudaBuild.check(new Device(0, "NVIDIA H100 PCIe", 9, 0, 80L << 30, 79L << 30))
                .orElseThrow();
        assertEquals("the CUDA build (nd4j-cuda-11.6) needs compute capability <= 8.6; this device, device 0"
                + " (NVIDIA H100 PCIe), is 9.0", problem.message());
        assertTrue(problem.fix().startsWith("use the CPU build"), problem.fix());
        assertTrue(CudaBuild.check(card(8, 9)).isPresent(), "Ada 8.9 has no kernels in the 11.6 build either");
    }

    @Test
    void fermiIsRefused() {
        assertTrue(CudaBuild.check(card(3, 0)).orElseThrow().message().contains("needs compute capability >= 3.5"));
    }
}
