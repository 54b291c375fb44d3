package org.dl4jtuner.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on loopback from the Spark jars on the test class path: a master and
 * workers of one core each, every one a child JVM of the test, with its log and work folder under
 * {@code folder}. {@link #close()} stops them and whatever they started (executors).
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path folder;
    private final String classPath;
    private final List<String> javaOptions;
    private final Map<String, String> environment;
    private final List<Process> started = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int port;

    private StandaloneCluster(Path folder) throws IOException {
        this.folder = folder;
        this.classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        this.javaOptions = List.of(System.getProperty("spark.test.java17.options", "").trim().split("\\s+"));
        Path home = Files.createDirectories(folder.resolve("spark-home").resolve("jars"));
        // no Spark distribution: an empty SPARK_HOME, the classes come from spark.executor.extraClassPath
        this.environment = Map.of("SPARK_HOME", home.getParent().toString(), "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", "127.0.0.1", "OMP_NUM_THREADS", "1");
        this.port = freePort();
    }

    /** Starts a master and {@code workers} one-core workers and waits until every worker has registered. */
    static StandaloneCluster start(Path folder, int workers) throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(folder);
        try {
            Path masterLog = cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(cluster.port), "--webui-port", "0");
            awaitLine(masterLog, "I have been elected leader");
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(folder.resolve("work-" + i));
                Path log = cluster.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker", cluster.masterUrl(),
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "2g", "--work-dir", work.toString(),
                        "--webui-port", "0");
                cluster.workers.add(cluster.started.get(cluster.started.size() - 1));
                awaitLine(log, "Successfully registered with master");
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** spark://127.0.0.1:PORT. */
    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The class path the executors need (the test's). */
    String classPath() {
        return classPath;
    }

    /** The worker JVMs, in the order they started. */
    List<Process> workers() {
        return List.copyOf(workers);
    }

    private Path launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        Path log = folder.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        started.add(builder.start());
        return log;
    }

    private static void awaitLine(Path log, String line) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + line + "' in " + log + " after 2 minutes:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the executors first (children of the workers), then the workers and the master. */
    @Override
    public void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
