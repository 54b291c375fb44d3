package org.dl4jtuner.tuner.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Storage in the JVM's heap, for tests and quick scripts. All methods are synchronized; the
 * snapshot of a trial is built once per change and shared by readers.
 */
public final class InMemoryStorage implements Storage {

    private final Clock clock;
    private final Map<String, StudyRecord> studiesByName = new LinkedHashMap<>();
    private final Map<Long, StudyData> studies = new HashMap<>();
    private final Map<Long, TrialData> trialsById = new HashMap<>();
    private long nextStudyId;
    private long nextTrialId;

    /** Storage that stamps trials with the system clock. */
    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** Storage that stamps trials with the given clock. */
    public InMemoryStorage(Clock clock) {
        this.clock = clock;
    }

    private static final class StudyData {
        final StudyRecord record;
        final List<TrialData> trials = new ArrayList<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        final Map<String, Long> claims = new HashMap<>();

        StudyData(StudyRecord record) {
            this.record = record;
        }
    }

    private static final class TrialData {
        final long id;
        final int number;
        TrialState state;
        Double value;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        Instant start;
        Instant end;
        FrozenTrial snapshot;

        TrialData(long id, int number) {
            this.id = id;
            this.number = number;
        }

        FrozenTrial freeze() {
            if (snapshot == null) {
                snapshot = new FrozenTrial(id, number, state, value, params, distributions, intermediate,
                        userAttrs, systemAttrs, start, end);
            }
            return snapshot;
        }
    }

    @Override
    public synchronized StudyRecord createStudy(String name, Direction direction) {
        Requires.name("study name", name);
        Requires.argument(!studiesByName.containsKey(name), () -> "a study named '" + name + "' already exists");
        StudyRecord record = new StudyRecord(nextStudyId++, name, direction);
        studiesByName.put(name, record);
        studies.put(record.id(), new StudyData(record));
        return record;
    }

    @Override
    public synchronized Optional<StudyRecord> findStudy(String name) {
        return Optional.ofNullable(studiesByName.get(name));
    }

    @Override
    public synchronized List<StudyRecord> studies() {
        return List.copyOf(studiesByName.values());
    }

    @Override
    public synchronized void deleteStudy(long studyId) {
        StudyData study = study(studyId);
        study.trials.forEach(t -> trialsById.remove(t.id));
        studies.remove(studyId);
        studiesByName.remove(study.record.name());
    }

    @Override
    public synchronized void setStudySystemAttr(long studyId, String key, Object value) {
        study(studyId).systemAttrs.put(key, value);
    }

    @Override
    public synchronized Map<String, Object> studySystemAttrs(long studyId) {
        return new LinkedHashMap<>(study(studyId).systemAttrs);
    }

    @Override
    public synchronized FrozenTrial createTrial(long studyId, TrialState state, Map<String, Object> systemAttrs) {
        Requires.argument(state == TrialState.RUNNING || state == TrialState.WAITING, () ->
                "a new trial must be RUNNING or WAITING, but got " + state);
        StudyData study = study(studyId);
        TrialData trial = new TrialData(nextTrialId++, study.trials.size());
        trial.state = state;
        trial.systemAttrs.putAll(systemAttrs);
        if (state == TrialState.RUNNING) {
            trial.start = clock.instant();
        }
        study.trials.add(trial);
        trialsById.put(trial.id, trial);
        return trial.freeze();
    }

    @Override
    public synchronized Optional<FrozenTrial> createTrialWithinLimit(long studyId, int limit) {
        long counted = study(studyId).trials.stream().filter(t -> !t.systemAttrs.containsKey(DIED_ATTR)).count();
        return counted >= limit ? Optional.empty() : Optional.of(createTrial(studyId, TrialState.RUNNING, Map.of()));
    }

    @Override
    public synchronized Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        for (TrialData trial : study(studyId).trials) {
            if (trial.state == TrialState.WAITING) {
                trial.state = TrialState.RUNNING;
                trial.start = clock.instant();
                trial.snapshot = null;
                return Optional.of(trial.freeze());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void setTrialParam(long trialId, String name, Object value, Distribution distribution) {
        TrialData trial = running(trialId);
        trial.params.put(name, value);
        trial.distributions.put(name, distribution);
        trial.snapshot = null;
    }

    @Override
    public synchronized void setTrialIntermediateValue(long trialId, int step, double value) {
        TrialData trial = running(trialId);
        if (trial.intermediate.putIfAbsent(step, value) == null) {
            trial.snapshot = null;
        }
    }

    @Override
    public synchronized void setTrialUserAttr(long trialId, String key, Object value) {
        TrialData trial = trial(trialId);
        trial.userAttrs.put(key, value);
        trial.snapshot = null;
    }

    @Override
    public synchronized void setTrialSystemAttr(long trialId, String key, Object value) {
        TrialData trial = trial(trialId);
        trial.systemAttrs.put(key, value);
        trial.snapshot = null;
    }

    @Override
    public synchronized boolean claim(long studyId, String token, long trialId) {
        Long holder = study(studyId).claims.putIfAbsent(token, trialId);
        return holder == null || holder == trialId;
    }

    @Override
    public synchronized boolean moveTrial(long trialId, TrialState from, TrialState to) {
        Storage.requirePauseOrResume(from, to);
        TrialData trial = trial(trialId);
        if (trial.state != from) {
            return false;
        }
        trial.state = to;
        trial.snapshot = null;
        return true;
    }

    @Override
    public synchronized void finishTrial(long trialId, TrialState state, Double value) {
        Requires.argument(state.isFinished(), () -> "a trial must finish as COMPLETE, PRUNED or FAIL, but got " + state);
        TrialData trial = trial(trialId);
        if (trial.state.isFinished()) {
            throw new IllegalStateException("trial " + trial.number + " is already " + trial.state);
        }
        trial.state = state;
        trial.value = value;
        trial.end = clock.instant();
        trial.snapshot = null;
    }

    @Override
    public synchronized FrozenTrial getTrial(long trialId) {
        return trial(trialId).freeze();
    }

    @Override
    public synchronized List<FrozenTrial> trials(long studyId, Set<TrialState> states) {
        Set<TrialState> wanted = states.isEmpty() ? EnumSet.allOf(TrialState.class) : states;
        List<TrialData> all = study(studyId).trials;
        List<FrozenTrial> result = new ArrayList<>(all.size());
        for (TrialData trial : all) {
            if (wanted.contains(trial.state)) {
                result.add(trial.freeze());
            }
        }
        return result;
    }

    private StudyData study(long studyId) {
        StudyData study = studies.get(studyId);
        Requires.argument(study != null, () -> "no study with id " + studyId);
        return study;
    }

    private TrialData trial(long trialId) {
        TrialData trial = trialsById.get(trialId);
        Requires.argument(trial != null, () -> "no trial with id " + trialId);
        return trial;
    }

    private TrialData running(long trialId) {
        TrialData trial = trial(trialId);
        if (trial.state != TrialState.RUNNING) {
            throw new IllegalStateException("trial " + trial.number + " is " + trial.state + ", not RUNNING");
        }
        return trial;
    }
}
