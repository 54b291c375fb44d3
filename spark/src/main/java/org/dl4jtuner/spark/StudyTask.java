package org.dl4jtuner.spark;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.resource.ResourceInformation;
import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.run.StudyRunner;
import org.dl4jtuner.gpu.TrialSlot;
import org.dl4jtuner.tuner.TooManyFailuresException;

/**
 * One Spark task: the worker loop of {@code dl4j-tuner run}'s worker JVMs
 * ({@link StudyRunner#worker(String, PrintWriter)}: ask, train, tell, one trial at a time) on the plan
 * the driver wrote, until the study holds its trials. Every trial it trains records where it ran
 * ({@link TaskPlacement#ATTR}). An {@link Error} (out of memory, ...) fails the trial in storage and
 * then the task, which Spark re-launches; a refused plan or too many failures in a row end the task
 * normally and tell the driver. A data URL ({@link RemoteData}) is copied to the executor's cache, or
 * found there, before the loop starts, and the plan's data path is the copy.
 */
final class StudyTask implements FlatMapFunction<Iterator<Integer>, TaskOutcome> {
    private static final long serialVersionUID = 1L;
    private final String workerPlan;
    private final ExecutorDevices devices;
    private final RemoteData remoteData;

    /** @param remoteData the spec's data URL, or null when its data path is local to every executor */
    StudyTask(String workerPlan, ExecutorDevices devices, RemoteData remoteData) {
        this.workerPlan = workerPlan;
        this.devices = devices;
        this.remoteData = remoteData;
    }

    @Override
    public Iterator<TaskOutcome> call(Iterator<Integer> partition) throws Exception {
        TaskPlacement where = TaskPlacement.current();
        // an executor's trial lines go to its log; in local mode the driver prints them already
        PrintWriter out = "driver".equals(where.executorId()) ? new PrintWriter(Writer.nullWriter())
                : new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        TrialSlot slot = devices.acquire(sparkGpus());
        DataCache.Copy data = null;
        try {
            String plan = workerPlan;
            if (remoteData != null) {
                data = remoteData.localCopy();
                out.println(RemoteData.KEY + ": " + data.describe(remoteData.url()));
                plan = RemoteData.withLocalPath(workerPlan, data.path());
            }
            slot.attach(devices.inventory());
            StudyRunner.worker(plan, out).trialUserAttrs(Map.of(TaskPlacement.ATTR, where.attrs(slot))).run();
            return List.of(new TaskOutcome(where, TaskOutcome.End.DONE, null, data)).iterator();
        } catch (UserError | IllegalArgumentException e) {
            return List.of(new TaskOutcome(where, TaskOutcome.End.REFUSED, e.getMessage(), data)).iterator();
        } catch (TooManyFailuresException e) {
            return List.of(new TaskOutcome(where, TaskOutcome.End.TOO_MANY_FAILURES, e.getMessage(), data)).iterator();
        } finally {
            out.flush();
            devices.release(slot);
        }
    }

    /** The GPU addresses Spark's resource scheduling gave this task; empty without it. */
    private static List<String> sparkGpus() {
        ResourceInformation gpu = TaskContext.get().resourcesJMap().get("gpu");
        return gpu == null ? List.of() : List.of(gpu.addresses());
    }
}
