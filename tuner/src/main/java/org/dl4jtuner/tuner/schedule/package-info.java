/**
 * Schedulers: strategies that decide which trial trains next and to how many epochs, pausing
 * trials at rungs ({@link org.dl4jtuner.tuner.TrialState#PAUSED}) and resuming them from their
 * checkpoints instead of stopping them for good. They run a
 * {@link org.dl4jtuner.tuner.hyperband.ResumableObjective} through
 * {@link org.dl4jtuner.tuner.Study#optimizeResumable}; their state is trial attributes and states
 * in storage, so a restarted process, or another worker on the same storage, continues their work.
 * A promoting scheduler's decisions can also be taken one job at a time ({@link
 * org.dl4jtuner.tuner.schedule.Scheduler#jobs}, {@link org.dl4jtuner.tuner.schedule.RungJobs}) by a
 * caller that trains the trials itself, such as a simulator.
 */
package org.dl4jtuner.tuner.schedule;
