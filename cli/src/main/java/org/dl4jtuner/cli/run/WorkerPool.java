package org.dl4jtuner.cli.run;

import java.io.IOException;

import org.dl4jtuner.tuner.Study;

/**
 * Workers that this run does not start as its own processes (Spark tasks, ...) and that train the
 * study's trials instead of this process. Each worker runs {@link StudyRunner#worker(String, java.io.PrintWriter)}
 * on the plan it is given, against the study's storage; the run around them still checks the data and
 * the network, resumes or creates the study, trains the baseline and prints the summary.
 *
 * <pre>{@code
 * new StudyRunner(spec, out, options).workers(new WorkerPool() {
 *     public String placement() { return "trials run in 4 Spark tasks"; }
 *     public void run(String workerPlan, Study study) { ... each task: StudyRunner.worker(workerPlan, out).run(); }
 * }).run();
 * }</pre>
 */
public interface WorkerPool {
    /** The line the run prints to say where its trials train. */
    String placement();

    /**
     * Runs the workers until the study holds its trials (or its time is up) and returns when they are done.
     *
     * @param workerPlan the plan every worker runs, as JSON ({@link RunPlan#forWorker()})
     * @param study      the study, as this process sees it (read its trials; fail those whose worker died)
     */
    void run(String workerPlan, Study study) throws IOException, InterruptedException;
}
