package org.dl4jtuner.tuner.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;

/**
 * The single source of truth for studies and their trials. Samplers and pruners keep no state of
 * their own: they read trials from here and write what they must remember (grid points, rungs,
 * brackets) as trial system attributes, so a resumed or multi-worker study behaves like one run.
 *
 * <p>Implementations are thread-safe. Attribute values are plain data: strings, numbers,
 * booleans, null, and lists or maps of those.
 */
public interface Storage extends AutoCloseable {
    /** Trial system attribute set on a trial whose process died: it does not count toward a study's trial limit. */
    String DIED_ATTR = "died";

    /** Creates a study; throws IllegalArgumentException if the name is taken. */
    StudyRecord createStudy(String name, Direction direction);

    /** The study of that name, if any. */
    Optional<StudyRecord> findStudy(String name);

    /**
     * The study of that name, created with {@code direction} when there is none; a study another
     * process creates between the look and the insert is found, not refused.
     */
    default StudyRecord findOrCreateStudy(String name, Direction direction) {
        Optional<StudyRecord> found = findStudy(name);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return createStudy(name, direction);
        } catch (IllegalArgumentException createdMeanwhile) {
            return findStudy(name).orElseThrow(() -> createdMeanwhile);
        }
    }

    /** All studies, oldest first. */
    List<StudyRecord> studies();

    /**
     * Deletes a study with its attributes, trials and claims; its name is free again. Throws
     * IllegalArgumentException if there is no study with that id.
     */
    void deleteStudy(long studyId);

    /** Sets a study-level attribute (seed, sampler name, search space, ...). */
    void setStudySystemAttr(long studyId, String key, Object value);

    /** The study-level attributes. */
    Map<String, Object> studySystemAttrs(long studyId);

    /**
     * Creates a trial with the next free number of the study.
     *
     * @param state       RUNNING for a trial about to be evaluated, WAITING for an enqueued one
     * @param systemAttrs initial system attributes (e.g. fixed parameters of an enqueued trial)
     */
    FrozenTrial createTrial(long studyId, TrialState state, Map<String, Object> systemAttrs);

    /**
     * Creates a RUNNING trial, atomically, unless the study already holds {@code limit} trials that
     * count (all but those with the system attribute {@link #DIED_ATTR}); empty if it does.
     */
    Optional<FrozenTrial> createTrialWithinLimit(long studyId, int limit);

    /** Atomically moves the oldest WAITING trial of the study to RUNNING and returns it. */
    Optional<FrozenTrial> claimWaitingTrial(long studyId);

    /** Records a parameter value; the trial must be RUNNING. */
    void setTrialParam(long trialId, String name, Object value, Distribution distribution);

    /** Records a reported value at a step; a step reported twice keeps its first value. */
    void setTrialIntermediateValue(long trialId, int step, double value);

    /** Sets a user attribute. */
    void setTrialUserAttr(long trialId, String key, Object value);

    /** Sets a system attribute. */
    void setTrialSystemAttr(long trialId, String key, Object value);

    /**
     * Atomically claims a token (a grid point, a rung slot, ...) within a study for a trial.
     *
     * @return true if this trial now holds the token, false if another trial already did
     */
    boolean claim(long studyId, String token, long trialId);

    /**
     * Moves a trial from {@code from} to {@code to} if, and only if, it is in {@code from} now, as
     * one atomic step: RUNNING to PAUSED (a scheduler stops a trial at a rung and keeps it), PAUSED
     * to RUNNING (a worker resumes it; when two try, one gets it). Returns false, changing nothing,
     * when the trial is in another state. Other moves are refused with IllegalArgumentException.
     * The default refuses every move: a storage written before PAUSED existed cannot pause trials.
     */
    default boolean moveTrial(long trialId, TrialState from, TrialState to) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot pause or resume trials (moveTrial);"
                + " schedulers that pause trials need a storage that implements it");
    }

    /** Refuses a move other than RUNNING to PAUSED or PAUSED to RUNNING, naming both states. */
    static void requirePauseOrResume(TrialState from, TrialState to) {
        boolean pause = from == TrialState.RUNNING && to == TrialState.PAUSED;
        boolean resume = from == TrialState.PAUSED && to == TrialState.RUNNING;
        if (!pause && !resume) {
            throw new IllegalArgumentException("a trial moves from RUNNING to PAUSED or from PAUSED to RUNNING, but got "
                    + from + " to " + to);
        }
    }

    /**
     * Finishes a trial (RUNNING, WAITING or PAUSED). Throws IllegalStateException if it is already finished.
     *
     * @param state COMPLETE, PRUNED or FAIL
     * @param value the value (null allowed for PRUNED without reports and for FAIL)
     */
    void finishTrial(long trialId, TrialState state, Double value);

    /** The current snapshot of a trial; throws IllegalArgumentException if it does not exist. */
    FrozenTrial getTrial(long trialId);

    /** The study's trials in the given states (all if empty), ordered by number. */
    List<FrozenTrial> trials(long studyId, Set<TrialState> states);

    /** Releases connections and files; the default does nothing. */
    @Override
    default void close() {
    }
}
