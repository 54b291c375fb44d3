/**
 * A study's workers as Spark tasks: {@link org.dl4jtuner.spark.SparkStudy} checks and creates (or
 * resumes) the study on the driver, then runs N tasks that each train trials one at a time against
 * the study's shared storage until the study holds its trials. Spark places and restarts the tasks;
 * the storage numbers the trials, enforces the budget and fails the trials of a dead executor.
 */
package org.dl4jtuner.spark;
