package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The default number of tasks: one per executor core over spark.task.cpus. */
class WorkerCountTest {
    @Test
    void localModeCountsItsThreads() {
        assertEquals(3, WorkerCount.of(new SparkConf(false).setMaster("local[3]"), 99).workers());
        assertEquals(4, WorkerCount.of(new SparkConf(false).setMaster("local[4, 2]"), 99).workers());
        assertEquals(1, WorkerCount.of(new SparkConf(false).setMaster("local"), 99).workers());
    }

    @Test
    void clusterCoresOverTaskCpus() {
        SparkConf yarn = new SparkConf(false).setMaster("yarn").set("spark.executor.instances", "8")
                .set("spark.executor.cores", "4").set("spark.task.cpus", "2");
        WorkerCount count = WorkerCount.of(yarn, 99);
        assertEquals(16, count.workers());
        assertTrue(count.reason().contains("one per 2 cores (spark.task.cpus) of the 32 cores"), count.reason());
        SparkConf standalone = new SparkConf(false).setMaster("spark://h:7077").set("spark.cores.max", "6");
        assertEquals(6, WorkerCount.of(standalone, 99).workers());
        assertEquals(5, WorkerCount.of(new SparkConf(false).setMaster("spark://h:7077"), 5).workers());
    }
}
