package org.dl4jtuner.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Releases what a finished trial leaves behind (ND4J workspaces of the thread, off-heap buffers
 * whose Java owners are unreachable) and reads the process's memory, for the many-trial test
 * and for logs.
 */
public final class NativeMemory {
    private NativeMemory() {
    }


    /**
     * Destroys this thread's workspaces and runs a garbage collection, so that off-heap buffers of
     * unreachable arrays (validation batches, outputs) are freed: what keeps resident memory flat
     * over many trials (without it, 100 tiny trials grew it by over 400 MiB). It costs about 0.1 s
     * per trial, a fixed cost that does not grow with the epochs. The networks and the training
     * batches are freed before, explicitly, so the collection has less to find.
     */
    public static void releaseAfterTrial() {
        MemoryWorkspaceManager workspaces = Nd4j.getWorkspaceManager();
        for (MemoryWorkspace workspace : new java.util.ArrayList<>(workspaces.getAllWorkspacesForCurrentThread())) {
            workspaces.destroyWorkspace(workspace);
        }
        System.gc();
    }

    /**
     * Frees a finished network's native memory now (parameters, gradients, updater state) instead
     * of when the garbage collector finds it: what DL4J's {@code close()} does, without the full
     * garbage collection it also runs. The network must not be used afterwards.
     */
    public static void free(Model model) {
        close(model.params());
        close(model.getGradientsViewArray());
        org.deeplearning4j.nn.api.Updater updater = model instanceof MultiLayerNetwork net ? net.getUpdater(false)
                : null;
        if (updater != null) {
            close(updater.getStateViewArray());
        } else if (model instanceof ComputationGraph graph && graph.getUpdater(false) != null) {
            close(graph.getUpdater(false).getStateViewArray());
        }
        model.clear();
    }

    /** Frees an array's native memory now, when it owns it. */
    public static void close(INDArray array) {
        if (array != null && !array.wasClosed() && array.closeable()) {
            array.close();
        }
    }

    /** Resident set size of this process in bytes, from /proc (or JavaCPP's estimate elsewhere). */
    public static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        String kb = line.substring(6).trim().split("\\s+")[0];
                        return Long.parseLong(kb) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return Pointer.physicalBytes();
            }
        }
        return Pointer.physicalBytes();
    }
}
