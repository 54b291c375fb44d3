package org.dl4jtuner.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.dl4jtuner.gpu.TrialSlot;

/**
 * Where a Spark task runs, as every trial it trains records it: the user attribute {@value #ATTR}
 * (shown by {@code trials --json}), e.g.
 * {@code {app_id=app-2024..., executor_id=1, host=10.0.0.7, stage=0, partition=1, attempt=0, task_attempt_id=3, device=cpu}}.
 *
 * @param appId         the Spark application
 * @param executorId    the executor ({@code driver} in local mode)
 * @param host          the executor's host as Spark names it
 * @param stage         the stage of the job round
 * @param partition     the task's index, 0..workers-1
 * @param attempt       0 for the first attempt, 1 for Spark's first re-launch, ...
 * @param taskAttemptId Spark's id of this attempt, unique within the application
 */
public record TaskPlacement(String appId, String executorId, String host, int stage, int partition, int attempt,
        long taskAttemptId) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The trial user attribute holding where its task ran. */
    public static final String ATTR = "spark";

    /** The task running in the calling thread of an executor. */
    static TaskPlacement current() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            throw new IllegalStateException("not inside a Spark task");
        }
        SparkEnv env = SparkEnv.get();
        return new TaskPlacement(env.conf().getAppId(), env.executorId(), env.blockManager().blockManagerId().host(),
                task.stageId(), task.partitionId(), task.attemptNumber(), task.taskAttemptId());
    }

    /** The attribute's value: these facts and the device the task's trials train on. */
    Map<String, Object> attrs(TrialSlot slot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app_id", appId);
        m.put("executor_id", executorId);
        m.put("host", host);
        m.put("stage", stage);
        m.put("partition", partition);
        m.put("attempt", attempt);
        m.put("task_attempt_id", taskAttemptId);
        m.put("device", slot.device() == null ? "cpu" : "cuda:" + slot.device().index());
        return m;
    }

    /** "executor 1 on 10.0.0.7, task 1 attempt 0". */
    @Override
    public String toString() {
        return "executor " + executorId + " on " + host + ", task " + partition + " attempt " + attempt;
    }
}
