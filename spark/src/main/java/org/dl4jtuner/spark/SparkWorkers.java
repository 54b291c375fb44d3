package org.dl4jtuner.spark;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.run.WorkerPool;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;

/**
 * A study's workers as the tasks of one Spark job: {@code workers} partitions, each a {@link StudyTask}.
 * Spark places the tasks and re-launches one whose executor died; the storage keeps the count exact
 * (a dead trial does not count, and a new trial is created only while the study holds fewer than its
 * trials). When every task has ended, a trial still RUNNING under this application lost its executor:
 * the driver fails it (at once on this host, after the heartbeat grace elsewhere) and, if the study
 * then needs trials, runs another round of tasks. With a data URL, each round's line says how many
 * tasks copied it into their executor's cache and how many reused a copy.
 */
final class SparkWorkers implements WorkerPool {
    private static final Duration POLL = Duration.ofSeconds(2);
    private final JavaSparkContext spark;
    private final int workers;
    private final ExecutorDevices devices;
    private final PrintWriter out;
    private final int totalTrials;
    private final Duration timeLimit;
    private final RemoteData remoteData;

    /**
     * @param totalTrials the study's trials in all
     * @param timeLimit   the study's time limit, or null
     * @param remoteData  the spec's data URL each executor copies, or null when the data path is local
     */
    SparkWorkers(JavaSparkContext spark, int workers, ExecutorDevices devices, PrintWriter out, int totalTrials,
            Duration timeLimit, RemoteData remoteData) {
        this.spark = spark;
        this.workers = workers;
        this.devices = devices;
        this.out = out;
        this.totalTrials = totalTrials;
        this.timeLimit = timeLimit;
        this.remoteData = remoteData;
    }

    @Override
    public String placement() {
        return "trials run in " + workers + " Spark task" + (workers == 1 ? "" : "s") + " on " + spark.master()
                + " (application " + spark.sc().applicationId() + "), one trial at a time each";
    }

    @Override
    public void run(String workerPlan, Study study) throws InterruptedException {
        Instant start = Instant.now();
        TrialFeed feed = new TrialFeed(study, out);
        for (int round = 1; ; round++) {
            spark.setJobDescription("dl4j-tuner study '" + study.name() + "', round " + round);
            JavaFutureAction<List<TaskOutcome>> job = spark.parallelize(IntStream.range(0, workers).boxed().toList(), workers)
                    .mapPartitions(new StudyTask(workerPlan, devices, remoteData)).collectAsync();
            List<TaskOutcome> outcomes = await(job, feed);
            feed.print();
            printData(outcomes);
            stopIfAsked(outcomes);
            int lost = failLostTrials(study, feed);
            boolean timeUp = timeLimit != null && !Duration.between(start, Instant.now()).minus(timeLimit).isNegative();
            if (lost == 0 || timeUp || !needsTrials(study)) {
                return;
            }
            out.printf("round %d of Spark tasks ended with %d trial%s lost with %s executor; another round%n", round,
                    lost, lost == 1 ? "" : "s", lost == 1 ? "its" : "their");
            out.flush();
        }
    }

    private List<TaskOutcome> await(JavaFutureAction<List<TaskOutcome>> job, TrialFeed feed) throws InterruptedException {
        while (true) {
            try {
                return job.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                feed.print();
            } catch (ExecutionException e) {
                feed.print();
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException("the Spark job of the study's tasks failed (a task failed more often than"
                        + " spark.task.maxFailures allows): " + cause.getMessage(), cause);
            } catch (InterruptedException e) {
                job.cancel(true);
                throw e;
            }
        }
    }

    /** "data.path URL in the tasks: 1 copied it, 1 reused its executor's copy (executors 1, 2)". */
    private void printData(List<TaskOutcome> outcomes) {
        List<TaskOutcome> read = outcomes.stream().filter(o -> o.data() != null).toList();
        if (remoteData == null || read.isEmpty()) {
            return;
        }
        long copied = read.stream().filter(o -> o.data().copied()).count();
        Set<String> executors = new TreeSet<>(read.stream().map(o -> o.where().executorId()).toList());
        out.printf("%s %s in the tasks: %d copied it, %d reused its executor's copy (executor%s %s)%n", RemoteData.KEY,
                remoteData.url(), copied, read.size() - copied, executors.size() == 1 ? "" : "s",
                String.join(", ", executors));
        out.flush();
    }

    /** A refused plan is the user's to fix (exit 2); too many failures in a row stop the study. */
    private static void stopIfAsked(List<TaskOutcome> outcomes) {
        for (TaskOutcome o : outcomes) {
            if (o.end() == TaskOutcome.End.REFUSED) {
                throw new UserError(o.message() + " (on " + o.where() + ")");
            }
        }
        for (TaskOutcome o : outcomes) {
            if (o.end() == TaskOutcome.End.TOO_MANY_FAILURES) {
                throw new IllegalStateException(o.message() + " (on " + o.where() + "); every failed trial's message"
                        + " and stack trace are in storage (dl4j-tuner trials --json)");
            }
        }
    }

    /**
     * Every task has ended, so a trial of this application still RUNNING lost its executor: waits until
     * the study's dead-trial check fails it (and enqueues it again when retries are asked), and returns
     * how many it failed.
     */
    private int failLostTrials(Study study, TrialFeed feed) throws InterruptedException {
        String app = spark.sc().applicationId();
        int lost = 0;
        while (true) {
            List<FrozenTrial> dead = study.failDeadTrials();
            lost += (int) dead.stream().filter(t -> ranIn(t, app)).count();
            feed.print();
            if (study.trials(TrialState.RUNNING).stream().noneMatch(t -> ranIn(t, app))) {
                return lost;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static boolean ranIn(FrozenTrial t, String app) {
        return t.userAttrs().get(TaskPlacement.ATTR) instanceof Map<?, ?> m && app.equals(m.get("app_id"));
    }

    /** Whether the study holds fewer trials that count than its budget, or has trials waiting for a worker. */
    private boolean needsTrials(Study study) {
        long counted = study.trials().stream().filter(t -> !t.systemAttrs().containsKey(Storage.DIED_ATTR)).count();
        return counted < totalTrials || !study.trials(TrialState.WAITING).isEmpty();
    }
}
