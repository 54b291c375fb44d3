package org.dl4jtuner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dl4jtuner.cli.run.StudyRunner;

/** Finds the worker JVMs a run started: processes running {@code Main worker PLAN.json}. */
final class WorkerProcesses {
    private WorkerProcesses() {
    }

    /** A worker JVM under {@code parent} (ProcessHandle does not show long command lines: /proc does). */
    static Optional<ProcessHandle> of(ProcessHandle parent) {
        return parent.descendants().filter(WorkerProcesses::isWorker).findFirst();
    }

    private static boolean isWorker(ProcessHandle p) {
        try {
            List<String> args = List.of(Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).split("\0"));
            int main = args.indexOf(Main.class.getName());
            return main >= 0 && main + 1 < args.size() && args.get(main + 1).equals(StudyRunner.WORKER_COMMAND);
        } catch (IOException gone) {
            return false;
        }
    }
}
