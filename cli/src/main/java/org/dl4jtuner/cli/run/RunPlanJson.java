package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.cli.spec.SpecWriter;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;

/**
 * A {@link RunPlan} as JSON, the form a worker JVM receives it in: the spec as {@link SpecWriter}
 * writes it (read back by the same parser, so a worker validates it like any spec), the storage, the
 * placement and the run options. Device slots are not written: a worker sees the one device its
 * parent gave it through {@code CUDA_VISIBLE_DEVICES}.
 */
final class RunPlanJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunPlanJson() {
    }

    static String write(RunPlan plan) {
        RunOptions o = plan.options();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("baseline", o.baseline());
        options.put("allow_space_change", o.allowSpaceChange());
        options.put("retry_dead_trials", o.retryDeadTrials());
        options.put("trial_timeout_ms", o.trialTimeout() == null ? null : o.trialTimeout().toMillis());
        options.put("max_failures", o.maxFailures());
        options.put("artifacts", o.artifacts() == null ? null : o.artifacts().toAbsolutePath().toString());
        options.put("isolation", o.isolation().name());
        options.put("worker_jvm_options", o.workerJvmOptions());
        options.put("worker", o.worker());
        options.put("progress", o.progress().name());
        options.put("log_flags", o.logFlags());
        options.put("classpath", o.classpath().stream().map(p -> p.toAbsolutePath().toString()).toList());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", SpecWriter.toMap(plan.spec()));
        root.put("source", plan.spec().source() == null ? null : plan.spec().source().toAbsolutePath().toString());
        root.put("storage", plan.storageUrl());
        root.put("isolate", plan.isolate());
        root.put("placement", plan.placement().line());
        root.put("parallel_line", plan.parallelLine());
        root.put("options", options);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static RunPlan read(String json) {
        Map<String, Object> root;
        try {
            root = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("not a run plan: " + e.getMessage(), e);
        }
        Path source = root.get("source") == null ? null : Path.of((String) root.get("source"));
        StudySpec spec = StudySpecParser.parse((Map<String, Object>) root.get("spec"), source);
        Map<String, Object> o = (Map<String, Object>) root.get("options");
        Number timeout = (Number) o.get("trial_timeout_ms");
        RunOptions options = new RunOptions((Boolean) o.get("baseline"), (Boolean) o.get("allow_space_change"),
                ((Number) o.get("retry_dead_trials")).intValue(), timeout == null ? null : Duration.ofMillis(timeout.longValue()),
                ((Number) o.get("max_failures")).intValue(), o.get("artifacts") == null ? null : Path.of((String) o.get("artifacts")),
                RunOptions.Isolation.valueOf((String) o.get("isolation")), (List<String>) o.get("worker_jvm_options"),
                (Boolean) o.get("worker"), ProgressDisplay.Mode.valueOf((String) o.get("progress")),
                (List<String>) o.get("log_flags"), ((List<String>) o.get("classpath")).stream().map(Path::of).toList());
        return new RunPlan(spec, options, (String) root.get("storage"),
                new IsolatedWorkers.Placement((Boolean) root.get("isolate"), (String) root.get("placement")),
                (String) root.get("parallel_line"), List.of());
    }
}
