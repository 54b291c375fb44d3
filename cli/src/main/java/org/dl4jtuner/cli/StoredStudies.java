package org.dl4jtuner.cli;

import java.util.List;
import java.util.stream.Collectors;

import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/** Opening a storage and finding a study in it, with the errors the commands that read studies share. */
final class StoredStudies {
    private StoredStudies() {
    }

    static Storage open(String url) {
        if (url.equals("memory")) {
            throw new UserError("--storage: 'memory' holds nothing between runs; give sqlite:PATH or postgresql://...");
        }
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("--storage: " + e.getMessage());
        }
    }

    /** The named study, or the only one; a UserError listing the studies otherwise. */
    static StudyRecord find(Storage storage, String url, String name) {
        List<StudyRecord> studies = storage.studies();
        if (name == null) {
            if (studies.size() == 1) {
                return studies.get(0);
            }
            throw new UserError("--study: " + url + " holds " + (studies.isEmpty() ? "no studies"
                    : studies.size() + " studies (" + names(studies) + "); name one with --study"));
        }
        return storage.findStudy(name).orElseThrow(() -> new UserError("--study: no study named '" + name + "' in "
                + url + (studies.isEmpty() ? "; it holds none" : "; it holds " + names(studies))));
    }

    private static String names(List<StudyRecord> studies) {
        return studies.stream().map(StudyRecord::name).collect(Collectors.joining(", "));
    }
}
