package org.dl4jtuner.cli.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.strategy.StrategyDescription;
import org.dl4jtuner.tuner.terminator.RegretBoundTerminator;
import org.dl4jtuner.tuner.strategy.StrategyRegistry;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a study spec: YAML with the top-level keys {@code study}, {@code sampler},
 * {@code pruner}, {@code early_stopping}, {@code data} and {@code model}. Unknown keys, wrong
 * types and impossible ranges are {@link SpecException}s naming the file, the key and the value.
 *
 * <pre>{@code
 * StudySpec spec = StudySpecParser.parse(Path.of("examples/fashion-cnn.yaml"));
 * }</pre>
 */
public final class StudySpecParser {
    static final List<String> SAMPLERS = SpecKeys.SAMPLERS;
    static final List<String> PRUNERS = SpecKeys.PRUNERS;
    /** Where a pruner without rungs takes the min_epochs and eta its spec still carries. */
    private static final StrategyDescription<?> RUNG_DEFAULTS = StrategyRegistry.prunerDescription("asha");
    private static final Set<String> TOP = new LinkedHashSet<>(SpecKeys.SECTIONS);
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** The largest spec read, in characters (and bytes on disk): far above any real spec. */
    private static final int MAX_SPEC_CHARS = 1 << 20;
    /** Aliases to maps and lists a spec may use. */
    private static final int MAX_ALIASES = 50;
    /** Values (scalars, maps, lists) a spec may hold once its aliases are expanded. */
    private static final int MAX_NODES = 100_000;

    private StudySpecParser() {
    }

    /** Parses a YAML file; relative data paths resolve against its folder. */
    public static StudySpec parse(Path yamlFile) {
        return parse(text(yamlFile), yamlFile);
    }

    /**
     * Reads a YAML spec file into maps and lists with {@link #parse(Path)}'s checks of the file and the
     * YAML, but without validating the spec, for a caller that replaces a value (e.g. a data URL by its
     * local copy) before {@link #parse(Map, Path)}. Not a map at the top: an empty map, which parse refuses.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path yamlFile) {
        Object document = load(text(yamlFile), yamlFile.getFileName().toString());
        return document instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    private static String text(Path yamlFile) {
        if (Files.isDirectory(yamlFile)) {
            throw new SpecException(yamlFile + ": is a folder; give the study spec's YAML file");
        }
        if (!Files.isRegularFile(yamlFile)) {
            throw new SpecException(yamlFile + ": the study spec does not exist");
        }
        try {
            long size = Files.size(yamlFile);
            if (size > MAX_SPEC_CHARS) {
                throw new SpecException(yamlFile + ": " + size + " bytes is too large for a study spec (at most "
                        + MAX_SPEC_CHARS + ")");
            }
            return Files.readString(yamlFile);
        } catch (IOException e) {
            throw new SpecException(yamlFile + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Parses YAML text; {@code source} (may be null) names the file in messages and anchors relative paths. */
    public static StudySpec parse(String yaml, Path source) {
        String file = source == null ? null : source.getFileName().toString();
        Object document = load(yaml, file);
        if (document == null) {
            throw new SpecException(Section.prefix(file) + "the study spec is empty");
        }
        return parse(document, file, source);
    }

    /**
     * Parses a spec already read into maps and lists (e.g. {@link SpecWriter#toMap}'s, read back from
     * JSON); {@code source} (may be null) anchors relative paths and names the default study.
     */
    public static StudySpec parse(Map<String, ?> document, Path source) {
        return parse(document, source == null ? null : source.getFileName().toString(), source);
    }

    private static StudySpec parse(Object document, String file, Path source) {
        Section root = Section.of(file, "", document);
        root.allowOnly(TOP);
        root.require("data");
        root.require("model");
        DataSource data = data(root.section("data"), source);
        ModelSpec model = model(root.section("model"));
        SamplerSpec sampler = sampler(root, "sampler", model);
        StudySection study = study(root.section("study"), data, source, sampler.grid().size(), model);
        PrunerSpec pruner = pruner(root);
        ObjectiveRules.requireStrategies(file, study, sampler, pruner);
        return new StudySpec(study, sampler, pruner, earlyStopping(root), data, model, source);
    }

    private static Object load(String yaml, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_SPEC_CHARS);
        options.setAllowRecursiveKeys(false);
        try {
            Object document = new Yaml(new SafeConstructor(options)).load(yaml);
            requireSmall(document, new java.util.IdentityHashMap<>(), new int[] {0}, file);
            return document;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            int column = e.getProblemMark() == null ? 0 : e.getProblemMark().getColumn() + 1;
            throw new SpecException(Section.prefix(file) + "line " + line + ", column " + column + ": " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (YAMLException e) {
            throw new SpecException(Section.prefix(file) + "not valid YAML: " + e.getMessage());
        }
    }

    /**
     * Refuses a document that refers to itself through an alias, or that aliases expand beyond
     * {@value #MAX_NODES} values (an "alias bomb": a few hundred bytes that would expand to gigabytes).
     * Walks the shared structure without copying it and stops at the limit.
     */
    private static void requireSmall(Object node, java.util.IdentityHashMap<Object, Boolean> ancestors, int[] count,
            String file) {
        if (++count[0] > MAX_NODES) {
            throw new SpecException(Section.prefix(file) + "its aliases (*name) expand to more than " + MAX_NODES
                    + " values; a study spec needs far fewer. Write the values out, or alias fewer of them");
        }
        if (!(node instanceof Map<?, ?>) && !(node instanceof List<?>)) {
            return;
        }
        if (ancestors.put(node, Boolean.TRUE) != null) {
            throw new SpecException(Section.prefix(file) + "an alias (*name) refers to a map or list that contains it;"
                    + " a study spec cannot be recursive");
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                requireSmall(e.getKey(), ancestors, count, file);
                requireSmall(e.getValue(), ancestors, count, file);
            }
        } else {
            for (Object o : (List<?>) node) {
                requireSmall(o, ancestors, count, file);
            }
        }
        ancestors.remove(node);
    }

    /** The study section; {@code gridPoints} > 0 makes it the default number of trials. */
    private static StudySection study(Section s, DataSource data, Path source, int gridPoints, ModelSpec model) {
        s.allowOnly(SpecKey.names(SpecKeys.STUDY));
        boolean regression = data.task() == Task.REGRESSION;
        String defaultName = source == null ? "study" : source.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String name = s.string("name", defaultName);
        List<String> metricList = ObjectiveRules.metrics(s);
        String metric = metricList != null ? metricList.get(0) : s.string("metric", regression ? "rmse" : "accuracy");
        String metricKey = metricList != null ? "metrics" : "metric";
        Metric parsed;
        try {
            parsed = Metric.of(metric);
        } catch (IllegalArgumentException e) {
            String hint = Rules.suggestion(metric, Metric.names());
            throw s.error(metricKey, "'" + metric + "' is not one of " + String.join(", ", Metric.names())
                    + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                    + (metricList != null ? " (the first of study.metrics is the validation metric; the secondary"
                            + " metrics " + org.dl4jtuner.models.SecondaryMetric.names() + " follow it)" : ""));
        }
        metric = parsed.id();
        if (!parsed.appliesTo(regression ? Task.REGRESSION : Task.CLASSIFICATION)) {
            throw s.error(metricKey, "'" + metric + "' does not fit data.task "
                    + data.task().name().toLowerCase(java.util.Locale.ROOT) + "; use one of "
                    + Metric.forTask(regression ? Task.REGRESSION : Task.CLASSIFICATION).stream().map(Metric::id).toList());
        }
        boolean larger = parsed.direction() == Direction.MAXIMIZE;
        List<String> metrics = metricList != null ? ObjectiveRules.withCanonicalFirst(metricList, metric) : List.of(metric);
        List<Direction> directions = ObjectiveRules.directions(s, metrics, parsed.direction());
        String direction = directions.size() > 1 || s.has("directions") ? directions.get(0).name().toLowerCase(java.util.Locale.ROOT)
                : s.oneOf("direction", List.of("minimize", "maximize"), larger ? "maximize" : "minimize");
        if (metrics.size() > 1) {
            for (String oneObjectiveKey : List.of("warm_start", "stop_when")) {
                if (s.has(oneObjectiveKey)) {
                    throw s.error(oneObjectiveKey, "works for a study of one metric, but study.metrics is " + metrics
                            + "; leave it out" + ("warm_start".equals(oneObjectiveKey)
                                    ? " (study.enqueue still runs given configurations first)" : ""));
                }
            }
        }
        return new StudySection(name, Direction.valueOf(direction.toUpperCase(java.util.Locale.ROOT)), metric,
                s.longValue("seed", 42), s.integer("trials", gridPoints > 0 ? gridPoints : 20, 1), duration(s),
                parallel(s), storage(s, source), s.integer("trials_per_device", 1, 1), s.bool("reproducible", false),
                EnqueueRules.parse(s, "enqueue", model), warmStart(s, source), stopWhen(s), metrics, directions,
                ObjectiveRules.constraints(s, metrics));
    }

    /** {@code study.warm_start}: {study: NAME or [NAMES], storage: URL, top: N, transfer: BOOL}, or null. */
    private static WarmStartSpec warmStart(Section study, Path source) {
        if (!study.has("warm_start")) {
            return null;
        }
        Section s = study.section("warm_start");
        s.allowOnly(SpecKey.names(SpecKeys.WARM_START));
        s.require("study");
        Object names = s.raw("study");
        List<String> studies = new java.util.ArrayList<>();
        if (names instanceof String name && !name.isBlank()) {
            studies.add(name);
        } else if (names instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(n -> n instanceof String text && !text.isBlank())) {
            list.forEach(n -> studies.add((String) n));
        } else {
            throw s.error("study", "expected a past study's name or a list of names, but got " + Section.show(names));
        }
        String storage = s.has("storage") ? storage(s, source) : null;
        return new WarmStartSpec(studies, storage, s.integer("top", org.dl4jtuner.tuner.Study.DEFAULT_WARM_START_TOP, 0),
                s.bool("transfer", true));
    }

    /**
     * {@code study.stop_when}: {@code no_improvement_trials}, and {@code regret_bound} and
     * {@code converged} each as true, false or a map.
     */
    private static StopWhenSpec stopWhen(Section study) {
        if (!study.has("stop_when")) {
            return StopWhenSpec.NONE;
        }
        Section s = study.section("stop_when");
        s.allowOnly(SpecKey.names(SpecKeys.STOP_WHEN));
        Integer patience = (Integer) SpecKeys.STOP_WHEN.get(0).read(s);
        StopWhenSpec.Converged converged = converged(s);
        Object bound = s.raw("regret_bound");
        if (bound == null || bound instanceof Boolean) {
            return new StopWhenSpec(patience, Boolean.TRUE.equals(bound), null, StopWhenSpec.DEFAULT_MIN_TRIALS,
                    RegretBoundTerminator.Region.BEST_TRIALS, converged);
        }
        if (!(bound instanceof Map<?, ?>)) {
            throw s.error("regret_bound", "expected true, false or a map of " + SpecKey.names(SpecKeys.REGRET_BOUND)
                    + ", but got " + Section.show(bound));
        }
        Section b = s.section("regret_bound");
        b.allowOnly(SpecKey.names(SpecKeys.REGRET_BOUND));
        Double noise = (Double) SpecKeys.REGRET_BOUND.get(0).read(b);
        String region = b.oneOf("region", List.of("best_trials", "space"), "best_trials");
        return new StopWhenSpec(patience, true, noise, (Integer) SpecKeys.REGRET_BOUND.get(1).read(b),
                RegretBoundTerminator.Region.fromSpecName(region), converged);
    }

    /** {@code study.stop_when.converged}: true, false or a map of its options; null when off. */
    private static StopWhenSpec.Converged converged(Section stopWhen) {
        Object v = stopWhen.raw("converged");
        if (v == null || Boolean.FALSE.equals(v)) {
            return null;
        }
        if (Boolean.TRUE.equals(v)) {
            return StopWhenSpec.Converged.DEFAULTS;
        }
        if (!(v instanceof Map<?, ?>)) {
            throw stopWhen.error("converged", "expected true, false or a map of " + SpecKey.names(SpecKeys.CONVERGED)
                    + ", but got " + Section.show(v));
        }
        Section c = stopWhen.section("converged");
        c.allowOnly(SpecKey.names(SpecKeys.CONVERGED));
        return new StopWhenSpec.Converged((Double) SpecKeys.CONVERGED.get(0).read(c),
                (Integer) SpecKeys.CONVERGED.get(1).read(c), (Double) SpecKeys.CONVERGED.get(2).read(c),
                (Double) SpecKeys.CONVERGED.get(3).read(c));
    }

    /** An integer >= 1, or auto ({@link StudySection#AUTO_PARALLEL}). */
    private static int parallel(Section s) {
        Object v = s.raw("parallel");
        if (v == null) {
            return 1;
        }
        if ("auto".equals(v)) {
            return StudySection.AUTO_PARALLEL;
        }
        if (v instanceof Integer n && n >= 1) {
            return n;
        }
        throw s.error("parallel", "expected an integer >= 1 or auto, but got " + Section.show(v));
    }

    /**
     * A duration such as 90s, 30m, 2h or 1h30m; IllegalArgumentException naming {@code what} otherwise.
     */
    public static Duration parseDuration(String what, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (text != null && !text.isBlank() && m.matches() && (m.group(1) != null || m.group(2) != null
                || m.group(3) != null)) {
            long seconds = 3600L * parse(m.group(1)) + 60L * parse(m.group(2)) + parse(m.group(3));
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        }
        throw new IllegalArgumentException(what + ": expected a duration such as 90s, 30m, 2h or 1h30m, but got '"
                + text + "'");
    }

    private static Duration duration(Section s) {
        Object v = s.raw("time_limit");
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() > 0) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        if (v instanceof String text) {
            Matcher m = DURATION.matcher(text.trim());
            if (!text.isBlank() && m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
                long seconds = 3600L * parse(m.group(1)) + 60L * parse(m.group(2)) + parse(m.group(3));
                if (seconds > 0) {
                    return Duration.ofSeconds(seconds);
                }
            }
        }
        throw s.error("time_limit", "expected a duration such as 90s, 30m, 2h or 1h30m (or seconds as a number),"
                + " but got " + Section.show(v));
    }

    private static long parse(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static String storage(Section s, Path source) {
        String url = s.string("storage", null);
        if (url != null && url.startsWith("sqlite:") && url.length() > 7) {
            Path file = Path.of(url.substring("sqlite:".length()));
            Path base = source == null ? null : source.toAbsolutePath().getParent();
            return "sqlite:" + (file.isAbsolute() || base == null ? file : base.resolve(file).normalize());
        }
        if (url == null || url.equals("memory") || url.startsWith("postgresql://")) {
            return url;
        }
        throw s.error("storage", "\"" + url + "\" is not a storage URL; use sqlite:PATH, postgresql://HOST/DB or memory");
    }

    private static SamplerSpec sampler(Section root, String key, ModelSpec model) {
        Object v = root.raw(key);
        Section s = v instanceof String ? Section.of(null, key, Map.of()) : root.section(key);
        String type = v == null ? "random" : v instanceof String ? root.oneOf(key, SAMPLERS, null) : s.oneOf("type", SAMPLERS,
                null);
        if (v != null && !(v instanceof String)) {
            s.require("type");
        }
        List<SpecKey> options = SpecKeys.SAMPLER_OPTIONS.get(type);
        allowOptions(s, type, SpecKeys.SAMPLER, options, SpecKeys.SAMPLER_OPTIONS);
        Long seed = s.has("seed") ? s.longValue("seed", 0) : null;
        Map<String, Object> values = read(s, options);
        List<Map<String, Object>> grid = type.equals("grid")
                ? GridSpace.points(model, root.section("model").section("space")) : List.of();
        return new SamplerSpec(type, seed, values, grid);
    }

    /**
     * Refuses a key that is neither common to the section nor an option of {@code type}, naming the
     * type's options (and, for another type's option, which types take it).
     */
    private static void allowOptions(Section s, String type, List<SpecKey> common, List<SpecKey> options,
            Map<String, List<SpecKey>> all) {
        Set<String> known = SpecKey.names(common);
        known.addAll(SpecKey.names(options));
        String section = common.get(0).key().substring(0, common.get(0).key().indexOf('.'));
        for (String key : s.values().keySet()) {
            if (known.contains(key)) {
                continue;
            }
            List<String> takers = all.entrySet().stream()
                    .filter(e -> SpecKey.names(e.getValue()).contains(key)).map(Map.Entry::getKey).toList();
            String hint = Rules.suggestion(key, known);
            throw s.error(key, "not an option of " + type + "; its options: "
                    + (options.isEmpty() ? "none" : String.join(", ", SpecKey.names(options)))
                    + (takers.isEmpty() ? "" : " (" + key + " goes with " + String.join(", ", takers) + ")")
                    + (hint != null && takers.isEmpty() ? " (did you mean '" + hint + "'?)" : "")
                    + "; every " + section + " also takes " + String.join(", ", SpecKey.names(common)));
        }
    }

    /** The options in {@code s}, each read by its declaration, defaults filled in where they are fixed. */
    private static Map<String, Object> read(Section s, List<SpecKey> options) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SpecKey option : options) {
            Object value = option.read(s);
            if (value != null) {
                values.put(option.name(), value);
            }
        }
        return values;
    }

    private static PrunerSpec pruner(Section root) {
        Object v = root.raw("pruner");
        if (v == null) {
            return pruner(Section.of(null, "pruner", Map.of()), "none");
        }
        if (v instanceof String) {
            return pruner(Section.of(null, "pruner", Map.of()), canonical(root.oneOf("pruner", PRUNERS, null)));
        }
        Section s = root.section("pruner");
        return pruner(s, canonical(s.oneOf("type", PRUNERS, "none")));
    }

    private static PrunerSpec pruner(Section s, String type) {
        List<SpecKey> options = SpecKeys.PRUNER_OPTIONS.get(type);
        allowOptions(s, type, SpecKeys.PRUNER, options, SpecKeys.PRUNER_OPTIONS);
        int max = (Integer) SpecKeys.PRUNER.get(1).read(s);
        Map<String, Object> values = read(s, options);
        int min = (Integer) values.getOrDefault("min_epochs", RUNG_DEFAULTS.option("min_epochs").defaultValue());
        int eta = (Integer) values.getOrDefault("eta", RUNG_DEFAULTS.option("eta").defaultValue());
        if (min > max) {
            throw s.error("min_epochs", "min_epochs <= max_epochs must hold, but got min_epochs=" + min + ", max_epochs="
                    + max);
        }
        values.remove("min_epochs");
        values.remove("eta");
        return new PrunerSpec(type, min, max, eta, values);
    }

    /** The pruner's registered name for a name or alias: asha for successive_halving. */
    private static String canonical(String pruner) {
        return StrategyRegistry.prunerDescription(pruner).name();
    }

    private static EarlyStoppingSpec earlyStopping(Section root) {
        if (!root.has("early_stopping")) {
            return null;
        }
        Section s = root.section("early_stopping");
        s.allowOnly(SpecKey.names(SpecKeys.EARLY_STOPPING));
        s.require("patience");
        Map<String, Object> values = read(s, SpecKeys.EARLY_STOPPING);
        return new EarlyStoppingSpec((Integer) values.get("patience"), (Double) values.get("min_delta"));
    }

    private static DataSource data(Section s, Path source) {
        s.allowOnly(SpecKey.names(SpecKeys.DATA));
        s.require("type");
        String type = s.oneOf("type", DataSource.TYPES, null);
        boolean csv = type.equals("csv");
        boolean published = List.of("fashion-mnist", "mnist", "idx").contains(type);
        String task = s.oneOf("task", List.of("classification", "regression"), "classification");
        if (!csv && task.equals("regression")) {
            throw s.error("task", "regression needs tabular data (type: csv), but data.type is " + type);
        }
        Path path = path(s, type, source);
        String label = null;
        Integer labelIndex = null;
        if (csv) {
            s.require("label");
            Object l = s.raw("label");
            if (l instanceof Integer i && i >= 0) {
                labelIndex = i;
            } else if (l instanceof String name && !name.isBlank()) {
                label = name;
            } else {
                throw s.error("label", "expected a column name or a 0-based column index, but got " + Section.show(l));
            }
        } else if (s.has("label")) {
            throw s.error("label", "goes with type: csv only (images and sequence folders carry their labels)");
        }
        int folds = folds(s);
        double validation = s.fraction("validation", DataSource.DEFAULT_VALIDATION, false, false);
        double test = s.fraction("test", 0.0, true, false);
        if (published && test != 0) {
            throw s.error("test", type + " has an official test split, so test must be 0 or absent, but got " + test);
        }
        if (folds == 1 && validation + test >= 1) {
            throw s.error("test", "validation + test < 1 must hold, but got " + validation + " + " + test);
        }
        if (!csv && (s.has("header") || s.has("delimiter"))) {
            throw s.error(s.has("header") ? "header" : "delimiter", "goes with type: csv only");
        }
        String delimiter = s.string("delimiter", ",");
        if (delimiter.length() != 1) {
            throw s.error("delimiter", "expected one character, but got " + Section.show(delimiter));
        }
        int[] image = imageSize(s, type);
        double subset = s.fraction("subset", 1.0, false, true);   // outside the try: its error names the file already
        boolean header = s.bool("header", true);
        try {
            return new DataSource(type, path, label, labelIndex, csv && task.equals("regression") ? Task.REGRESSION
                    : Task.CLASSIFICATION, validation, test, subset, header,
                    delimiter.charAt(0), image[0], image[1], image[2], folds);
        } catch (IllegalArgumentException e) {
            throw s.error(e.getMessage());
        }
    }

    /** 1 (one holdout split) unless {@code folds: k} asks for k-fold cross-validation, k >= 2. */
    private static int folds(Section s) {
        if (!s.has("folds")) {
            return 1;
        }
        Object v = s.raw("folds");
        if (!(v instanceof Integer k) || k < 2) {
            throw s.error("folds", "2 <= folds must hold, but got " + Section.show(v)
                    + (v instanceof Integer ? " (leave folds out for one train/validation split)" : ""));
        }
        if (s.has("validation")) {
            throw s.error("validation", "goes with one train/validation split; with folds: " + k + " each fold validates"
                    + " on 1/" + k + " of the data, so leave validation out");
        }
        return k;
    }

    /** {height, width, channels} for type images (all required), zeros for the other types. */
    private static int[] imageSize(Section s, String type) {
        List<String> keys = List.of("height", "width", "channels");
        if (!type.equals("images")) {
            for (String key : keys) {
                if (s.has(key)) {
                    throw s.error(key, "goes with type: images only (the other types know their example shape)");
                }
            }
            return new int[3];
        }
        int[] size = new int[3];
        for (int i = 0; i < keys.size(); i++) {
            s.require(keys.get(i));
            size[i] = s.integer(keys.get(i), 0, 1);
        }
        if (size[2] != 1 && size[2] != 3) {
            throw s.error("channels", "channels = 1 (grey) or 3 (RGB) must hold, but got " + size[2]);
        }
        return size;
    }

    private static Path path(Section s, String type, Path source) {
        String text = s.string("path", null);
        if (text == null) {
            if (!type.equals("fashion-mnist")) {
                throw s.error("path", "is required for type: " + type);
            }
            return null;
        }
        if (text.equals(DataSource.BUNDLED)) {
            if (!type.equals("fashion-mnist")) {
                throw s.error("path", "'bundled' (the subset in the jar) exists for fashion-mnist only");
            }
            return Path.of(DataSource.BUNDLED);
        }
        Path path = localPath(s, text);
        if (!path.isAbsolute() && source != null && source.toAbsolutePath().getParent() != null) {
            path = source.toAbsolutePath().getParent().resolve(text).normalize();
        }
        boolean file = type.equals("csv");
        if (file ? !Files.isRegularFile(path) : !Files.isDirectory(path)) {
            throw s.error("path", "\"" + text + "\" (" + path + ") must be an existing " + (file ? "file" : "folder"));
        }
        return path;
    }

    /**
     * The path {@code data.path} names: a local path, or the one a {@code file:} URL names. Another URL
     * (hdfs://, s3a://, ...) is for SparkStudy, which reads it through Spark's Hadoop file system.
     */
    private static Path localPath(Section s, String text) {
        if (!DataUrls.isUrl(text)) {
            return Path.of(text);
        }
        if (!DataUrls.scheme(text).equals("file")) {
            throw s.error("path", "\"" + text + "\" is a " + DataUrls.scheme(text) + ": URL, but dl4j-tuner run reads"
                    + " local files and folders (and file: URLs) only; copy the data to a local path or a mount every"
                    + " worker has, or run the study with org.dl4jtuner.spark.SparkStudy, which reads hdfs://, s3a://,"
                    + " gs:// and other Hadoop URLs through Spark's own file system (docs/spark.md)");
        }
        try {
            return DataUrls.localPath(text);
        } catch (IllegalArgumentException e) {
            throw s.error("path", e.getMessage());
        }
    }

    private static ModelSpec model(Section s) {
        s.require("type");
        String type = s.string("type", null);
        if (type.equals("custom")) {
            s.allowOnly(SpecKey.names(SpecKeys.MODEL));
            s.require("class");
            String className = s.string("class", null);
            if (!className.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
                throw s.error("class", "'" + className + "' is not a Java class name such as com.acme.MyNetworks");
            }
            return new ModelSpec(type, className, SpaceRules.parseFree(s.section("space")));
        }
        s.allowOnly(ordered("type", "space"));   // model.class goes with custom only
        if (type.equals("gru")) {
            throw s.error("type", "DL4J 1.0.0-M2.1 has no GRU layer for MultiLayerNetwork; use lstm");
        }
        type = s.oneOf("type", SpecKeys.MODELS, null);
        return new ModelSpec(type, null, SpaceRules.parse(s.section("space"), type));
    }

    private static Set<String> ordered(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
