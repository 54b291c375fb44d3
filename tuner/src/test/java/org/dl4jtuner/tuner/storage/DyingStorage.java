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
 * A storage that stands for a process that is killed: it passes every call to another storage until
 * {@link #kill()}, after which every call throws, so nothing more is written, as after a SIGKILL.
 * The storage behind it keeps what was written, for a new study object (the "next process").
 */
public final class DyingStorage implements Storage {
    private final Storage alive;
    private volatile boolean dead;

    public DyingStorage(Storage alive) {
        this.alive = alive;
    }

    /** From now on every call throws. */
    public void kill() {
        dead = true;
    }

    private Storage s() {
        if (dead) {
            throw new IllegalStateException("the process was killed");
        }
        return alive;
    }

    @Override
    public StudyRecord createStudy(String name, Direction direction) {
        return s().createStudy(name, direction);
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return s().findStudy(name);
    }

    @Override
    public List<StudyRecord> studies() {
        return s().studies();
    }

    @Override
    public void deleteStudy(long studyId) {
        s().deleteStudy(studyId);
    }

    @Override
    public void setStudySystemAttr(long studyId, String key, Object value) {
        s().setStudySystemAttr(studyId, key, value);
    }

    @Override
    public Map<String, Object> studySystemAttrs(long studyId) {
        return s().studySystemAttrs(studyId);
    }

    @Override
    public FrozenTrial createTrial(long studyId, TrialState state, Map<String, Object> systemAttrs) {
        return s().createTrial(studyId, state, systemAttrs);
    }

    @Override
    public Optional<FrozenTrial> createTrialWithinLimit(long studyId, int limit) {
        return s().createTrialWithinLimit(studyId, limit);
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        return s().claimWaitingTrial(studyId);
    }

    @Override
    public void setTrialParam(long trialId, String name, Object value, Distribution distribution) {
        s().setTrialParam(trialId, name, value, distribution);
    }

    @Override
    public void setTrialIntermediateValue(long trialId, int step, double value) {
        s().setTrialIntermediateValue(trialId, step, value);
    }

    @Override
    public void setTrialUserAttr(long trialId, String key, Object value) {
        s().setTrialUserAttr(trialId, key, value);
    }

    @Override
    public void setTrialSystemAttr(long trialId, String key, Object value) {
        s().setTrialSystemAttr(trialId, key, value);
    }

    @Override
    public boolean claim(long studyId, String token, long trialId) {
        return s().claim(studyId, token, trialId);
    }

    @Override
    public boolean moveTrial(long trialId, TrialState from, TrialState to) {
        return s().moveTrial(trialId, from, to);
    }

    @Override
    public void finishTrial(long trialId, TrialState state, Double value) {
        s().finishTrial(trialId, state, value);
    }

    @Override
    public FrozenTrial getTrial(long trialId) {
        return s().getTrial(trialId);
    }

    @Override
    public List<FrozenTrial> trials(long studyId, Set<TrialState> states) {
        return s().trials(studyId, states);
    }
}
