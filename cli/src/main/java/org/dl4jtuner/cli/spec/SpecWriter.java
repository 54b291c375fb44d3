package org.dl4jtuner.cli.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The parser's inverse: a parsed spec written back as the YAML document it stands for, every
 * default spelled out and every path absolute, so that {@link StudySpecParser#parse(Map, Path)}
 * of the result gives an equal spec. Worker JVMs receive a study this way, and it is what
 * {@code run --print-spec} shows.
 *
 * <pre>{@code
 * Map<String, Object> yaml = SpecWriter.toMap(spec);   // {study: {name: ..., seed: 42, ...}, sampler: {...}, ...}
 * }</pre>
 */
public final class SpecWriter {
    private SpecWriter() {
    }

    /** The spec as nested maps and lists of strings, numbers and booleans, in the parser's key order. */
    public static Map<String, Object> toMap(StudySpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("study", study(spec.study()));
        root.put("sampler", sampler(spec.sampler()));
        root.put("pruner", pruner(spec.pruner()));
        if (spec.earlyStopping() != null) {
            root.put("early_stopping", Map.of("patience", spec.earlyStopping().patience(),
                    "min_delta", spec.earlyStopping().minDelta()));
        }
        root.put("data", data(spec.data()));
        root.put("model", model(spec.model()));
        return root;
    }

    private static Map<String, Object> study(StudySection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("direction", s.direction().name().toLowerCase(Locale.ROOT));
        if (s.metrics().size() > 1) {
            m.remove("direction");
            m.put("metrics", s.metrics());
            m.put("directions", s.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
        } else {
            m.put("metric", s.metric());
        }
        if (!s.constraints().isEmpty()) {
            m.put("constraints", new LinkedHashMap<>(s.constraints()));
        }
        m.put("seed", s.seed());
        m.put("trials", s.trials());
        if (s.timeLimit() != null) {
            m.put("time_limit", duration(s.timeLimit()));
        }
        m.put("parallel", s.autoParallel() ? "auto" : s.parallel());
        m.put("trials_per_device", s.trialsPerDevice());
        m.put("reproducible", s.reproducible());
        if (s.stopWhen().any()) {
            Map<String, Object> stop = new LinkedHashMap<>();
            if (s.stopWhen().noImprovementTrials() != null) {
                stop.put("no_improvement_trials", s.stopWhen().noImprovementTrials());
            }
            if (s.stopWhen().regretBound()) {
                Map<String, Object> bound = new LinkedHashMap<>();
                if (s.stopWhen().regretBoundNoise() != null) {
                    bound.put("noise", s.stopWhen().regretBoundNoise());
                }
                bound.put("min_trials", s.stopWhen().regretBoundMinTrials());
                bound.put("region", s.stopWhen().regretBoundRegion().specName());
                stop.put("regret_bound", bound);
            }
            StopWhenSpec.Converged converged = s.stopWhen().converged();
            if (converged != null) {
                Map<String, Object> c = new LinkedHashMap<>();
                if (converged.noise() != null) {
                    c.put("noise", converged.noise());
                }
                c.put("min_trials", converged.minTrials());
                c.put("min_progress", converged.minProgress());
                if (converged.confidence() != null) {
                    c.put("confidence", converged.confidence());
                }
                stop.put("converged", c);
            }
            m.put("stop_when", stop);
        }
        if (s.storage() != null) {
            m.put("storage", s.storage());
        }
        if (!s.enqueue().isEmpty()) {
            m.put("enqueue", s.enqueue());
        }
        if (s.warmStart() != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("study", s.warmStart().studies());
            if (s.warmStart().storage() != null) {
                w.put("storage", s.warmStart().storage());
            }
            w.put("top", s.warmStart().top());
            w.put("transfer", s.warmStart().transfer());
            m.put("warm_start", w);
        }
        return m;
    }

    /** "90s" for whole seconds (read back exactly), else the seconds as a number. */
    private static Object duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0;
    }

    private static Map<String, Object> sampler(SamplerSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", s.type());
        if (s.seed() != null) {
            m.put("seed", s.seed());
        }
        m.putAll(s.options());
        return m;
    }

    private static Map<String, Object> pruner(PrunerSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.type());
        m.put("max_epochs", p.maxEpochs());
        Set<String> options = SpecKey.names(SpecKeys.PRUNER_OPTIONS.get(p.type()));
        if (options.contains("min_epochs")) {
            m.put("min_epochs", p.minEpochs());
        }
        if (options.contains("eta")) {
            // auto and curve_bound take min_epochs but not eta: writing it made their workers refuse the spec
            m.put("eta", p.eta());
        }
        m.putAll(p.options());
        return m;
    }

    private static Map<String, Object> data(DataSource d) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean csv = d.type().equals("csv");
        m.put("type", d.type());
        if (d.path() != null) {
            m.put("path", d.bundled() ? DataSource.BUNDLED : d.path().toAbsolutePath().toString());
        }
        if (csv) {
            m.put("label", d.label() != null ? d.label() : d.labelIndex());
            m.put("task", d.task() == Task.REGRESSION ? "regression" : "classification");
            m.put("header", d.header());
            m.put("delimiter", String.valueOf(d.delimiter()));
        }
        if (d.folds() > 1) {
            m.put("folds", d.folds());
        } else {
            m.put("validation", d.validation());
        }
        m.put("test", d.test());
        m.put("subset", d.subset());
        if (d.type().equals("images")) {
            m.put("height", d.height());
            m.put("width", d.width());
            m.put("channels", d.channels());
        }
        return m;
    }

    private static Map<String, Object> model(ModelSpec model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", model.type());
        if (model.className() != null) {
            m.put("class", model.className());
        }
        Map<String, Object> space = new LinkedHashMap<>();
        model.space().forEach((key, value) -> space.put(key, range(value)));
        m.put("space", space);
        return m;
    }

    private static Object range(ParameterSpace p) {
        if (p instanceof ParameterSpace.Fixed f) {
            return f.value();
        }
        if (p instanceof ParameterSpace.Uniform u) {
            return Map.of("uniform", List.of(u.low(), u.high()));
        }
        if (p instanceof ParameterSpace.LogUniform u) {
            return Map.of("log_uniform", List.of(u.low(), u.high()));
        }
        if (p instanceof ParameterSpace.IntRange r) {
            return r.log() ? Map.of("int", List.of(r.low(), r.high()), "log", true)
                    : Map.of("int", List.of(r.low(), r.high()));
        }
        return Map.of("choice", new ArrayList<>(((ParameterSpace.Choice) p).choices()));
    }
}
