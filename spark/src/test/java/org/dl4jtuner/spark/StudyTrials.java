package org.dl4jtuner.spark;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/** A study's trials as stored, read back for the tests' assertions. */
record StudyTrials(List<FrozenTrial> all) {

    static StudyTrials read(String url, String study) {
        try (Storage storage = Storages.openReadOnly(url)) {
            StudyRecord record = storage.findStudy(study).orElseThrow(() -> new AssertionError("no study " + study + " in " + url));
            return new StudyTrials(storage.trials(record.id(), EnumSet.allOf(TrialState.class)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(String url, String study) throws Exception {
        try (Storage storage = Storages.open(url)) {
            storage.findStudy(study).ifPresent(r -> storage.deleteStudy(r.id()));
        }
    }

    /** The trials that count toward the study's budget (all but those whose process died). */
    List<FrozenTrial> counted() {
        return all.stream().filter(t -> !t.systemAttrs().containsKey(Storage.DIED_ATTR)).toList();
    }

    List<FrozenTrial> in(TrialState state) {
        return all.stream().filter(t -> t.state() == state).toList();
    }

    Set<Integer> numbers(List<FrozenTrial> trials) {
        return new TreeSet<>(trials.stream().map(FrozenTrial::number).toList());
    }

    /** The trial's {@link TaskPlacement#ATTR} user attribute. */
    static Map<?, ?> placement(FrozenTrial t) {
        if (!(t.userAttrs().get(TaskPlacement.ATTR) instanceof Map<?, ?> m)) {
            throw new AssertionError("trial " + t.number() + " records no Spark task: " + t.userAttrs());
        }
        return m;
    }
}
