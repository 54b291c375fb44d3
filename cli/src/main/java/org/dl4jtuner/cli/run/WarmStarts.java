package org.dl4jtuner.cli.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySection;
import org.dl4jtuner.cli.spec.WarmStartSpec;
import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * What a spec's {@code study.enqueue} and {@code study.warm_start} do to a study: the past studies'
 * trials are read from their storage and handed to the study builder ({@link Study.Builder#warmStartFrom});
 * the spec's own configurations are enqueued once per study (study attribute {@value #ENQUEUED_ATTR}),
 * so a resumed run does not enqueue them again.
 */
final class WarmStarts {
    /** Study attribute: the configurations of {@code study.enqueue} this study has enqueued. */
    static final String ENQUEUED_ATTR = "spec_enqueued";

    private WarmStarts() {
    }

    /** Reads the past studies of {@code study.warm_start} (from {@code own} unless it names a storage) into the builder. */
    static void warmStart(Study.Builder builder, StudySection study, Storage own) {
        WarmStartSpec w = study.warmStart();
        if (w == null) {
            return;
        }
        Storage storage = w.storage() == null ? own : open(w.storage());
        try {
            for (String name : w.studies()) {
                builder.warmStartFrom(name, pastTrials(storage, name, study));
            }
        } finally {
            if (storage != own) {
                storage.close();
            }
        }
        builder.warmStartTop(w.top()).warmStartSampler(w.transfer());
    }

    private static List<FrozenTrial> pastTrials(Storage storage, String name, StudySection study) {
        if (name.equals(study.name()) && study.warmStart().storage() == null) {
            throw new UserError("study.warm_start.study: '" + name + "' is this study itself; name a past study");
        }
        Optional<StudyRecord> past = storage.findStudy(name);
        if (past.isEmpty()) {
            List<String> names = storage.studies().stream().map(StudyRecord::name).toList();
            throw new UserError("study.warm_start.study: no study '" + name + "' in "
                    + (study.warmStart().storage() == null ? "study.storage" : study.warmStart().storage())
                    + "; it holds " + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        if (past.get().direction() != study.direction()) {
            throw new UserError("study.warm_start.study: '" + name + "' was " + past.get().direction()
                    + "d, but this study is " + study.direction() + "d; warm-start from a study of the same metric");
        }
        return storage.trials(past.get().id(), java.util.Set.of());
    }

    private static Storage open(String url) {
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("study.warm_start.storage: " + e.getMessage());
        }
    }

    /** Enqueues {@code study.enqueue}'s configurations unless this study already did; returns how many. */
    static int enqueueOnce(Study study, List<Map<String, Object>> configurations) {
        if (configurations.isEmpty() || study.storage().studySystemAttrs(study.id()).get(ENQUEUED_ATTR) != null) {
            return 0;
        }
        List<Map<String, Object>> recorded = new ArrayList<>();
        for (Map<String, Object> config : configurations) {
            study.enqueueTrial(config);
            recorded.add(new LinkedHashMap<>(config));
        }
        study.storage().setStudySystemAttr(study.id(), ENQUEUED_ATTR, recorded);
        return configurations.size();
    }
}
