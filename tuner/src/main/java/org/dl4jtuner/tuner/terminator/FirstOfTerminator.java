package org.dl4jtuner.tuner.terminator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.util.Requires;

/** Stops when any of its terminators says so, with that one's reason (asked in order). */
final class FirstOfTerminator implements Terminator {
    private final List<Terminator> terminators;

    FirstOfTerminator(List<Terminator> terminators) {
        Requires.argument(!terminators.isEmpty(), "anyOf needs at least one terminator, but got none");
        this.terminators = List.copyOf(terminators);
    }

    @Override
    public Optional<String> reasonToStop(Study study) {
        for (Terminator t : terminators) {
            Optional<String> why = t.reasonToStop(study);
            if (why.isPresent()) {
                return Optional.of(terminators.size() == 1 ? why.get() : t.name() + ": " + why.get());
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return String.join(" or ", terminators.stream().map(Terminator::name).toList());
    }

    @Override
    public Map<String, Object> settings() {
        List<Map<String, Object>> all = new ArrayList<>();
        terminators.forEach(t -> all.add(t.settings()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "any_of");
        settings.put("terminators", all);
        return settings;
    }
}
