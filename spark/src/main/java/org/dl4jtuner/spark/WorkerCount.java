package org.dl4jtuner.spark;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkConf;

/**
 * How many Spark tasks train trials when {@code --workers} is not given: one per executor core, over
 * {@code spark.task.cpus}. The cores come from the configuration (local[N], executor instances times
 * executor cores, {@code spark.cores.max}), else from Spark's default parallelism, which counts the
 * cores of the executors registered so far.
 *
 * @param workers the number of tasks, at least 1
 * @param reason  where the number came from, printed by the driver
 */
record WorkerCount(int workers, String reason) {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    /**
     * @param conf               the application's configuration
     * @param defaultParallelism {@code SparkContext.defaultParallelism()}, used when the configuration says nothing
     */
    static WorkerCount of(SparkConf conf, int defaultParallelism) {
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        String master = conf.get("spark.master", "");
        Matcher local = LOCAL.matcher(master);
        int cores;
        String from;
        if (local.matches()) {
            String n = local.group(1);
            cores = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
            from = master;
        } else if (conf.contains("spark.executor.instances") && conf.contains("spark.executor.cores")) {
            cores = conf.getInt("spark.executor.instances", 1) * conf.getInt("spark.executor.cores", 1);
            from = "spark.executor.instances x spark.executor.cores";
        } else if (conf.contains("spark.cores.max")) {
            cores = conf.getInt("spark.cores.max", 1);
            from = "spark.cores.max";
        } else {
            cores = defaultParallelism;
            from = "Spark's default parallelism (the cores of the executors registered so far)";
        }
        int workers = Math.max(1, cores / Math.max(1, taskCpus));
        return new WorkerCount(workers, String.format(Locale.ROOT, "--workers not given: %d task%s, one per %s of the"
                + " %d cores of %s", workers, workers == 1 ? "" : "s", taskCpus == 1 ? "core" : taskCpus + " cores (spark.task.cpus)",
                cores, from));
    }
}
