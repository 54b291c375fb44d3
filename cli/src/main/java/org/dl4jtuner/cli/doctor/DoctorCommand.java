package org.dl4jtuner.cli.doctor;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.gpu.BackendReport;
import org.dl4jtuner.gpu.BackendReports;
import org.dl4jtuner.gpu.ParallelDefault;
import org.dl4jtuner.gpu.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl4j-tuner doctor}: whether this machine is ready for a study. Exit 0 when all is well,
 * 1 when something is wrong (each problem printed with its fix), 2 for a command-line mistake.
 *
 * <pre>
 * ./dl4j-tuner doctor --storage postgresql://tuner:secret@db:5432/studies --dataset fashion-mnist
 * ./dl4j-tuner doctor --json --no-probe
 * </pre>
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this machine for a study: ND4J backend (CPU or CUDA), versions, BLAS, OpenMP threads,"
                + " instruction sets, cores, memory, CUDA devices, what 'parallel: auto' means here, datasets,"
                + " a storage URL, Chromium, and a short training probe. Each problem comes with its fix.",
                "Exit status: 0 all well, 1 a problem was found, 2 a command-line mistake."})
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of lines.")
    boolean json;

    @Option(names = "--storage", paramLabel = "URL",
            description = "Check that this storage opens (read-only): sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/DB.")
    String storage;

    @Option(names = "--dataset", paramLabel = "NAME|PATH",
            description = "A dataset the study needs; missing, it is a problem: fashion-mnist, or a file or folder."
                    + " Repeatable. Without it fashion-mnist is reported but not required.")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--no-probe", description = "Skip the training probe.")
    boolean noProbe;

    @Option(names = "--probe-seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long the training probe trains, 1 to 600 (default: ${DEFAULT-VALUE}).")
    int probeSeconds;

    @Option(names = "--trials-per-device", paramLabel = "N", defaultValue = "1",
            description = "Trials sharing one GPU, for what 'parallel: auto' means on CUDA (default: ${DEFAULT-VALUE}).")
    int trialsPerDevice;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        if (probeSeconds < 1 || probeSeconds > 600) {
            throw new IllegalArgumentException("--probe-seconds: 1 <= seconds <= 600 must hold, but got "
                    + probeSeconds);
        }
        if (trialsPerDevice < 1) {
            throw new IllegalArgumentException("--trials-per-device: N >= 1 must hold, but got " + trialsPerDevice);
        }
        BackendReport backend = BackendReports.read();
        List<Problem> problems = new ArrayList<>(backend.problems());
        List<String> notes = new ArrayList<>(backend.notes());
        Map<String, Object> parallel = new LinkedHashMap<>();
        try {
            ParallelDefault.Choice choice = ParallelDefault.choose(backend, trialsPerDevice);
            parallel.put("trials", choice.trials());
            parallel.put("reason", choice.reason());
        } catch (IllegalArgumentException e) {
            parallel.put("trials", null);
            parallel.put("reason", e.getMessage());
        }
        Map<String, Object> data = DatasetCheck.check(datasets, problems, notes);
        Map<String, Object> store = StorageCheck.check(storage, problems);
        String chromium = Chromium.find(System.getenv("PATH")).map(Object::toString).orElse(null);
        TrainingProbe probe = noProbe || !backend.problems().isEmpty() ? null
                : TrainingProbe.run(Duration.ofSeconds(probeSeconds));
        DoctorReport report = new DoctorReport(backend, parallel, data, store, chromium, probe, problems, notes);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(report.toMap()));
        } else {
            report.lines().forEach(out::println);
        }
        out.flush();
        if (problems.isEmpty()) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("doctor: " + String.join("; ", problems.stream().map(Problem::message).toList()));
        err.flush();
        return 1;
    }
}
