package org.dl4jtuner.cli.spec;

import java.nio.file.Path;

import org.dl4jtuner.datasets.DataSource;

/**
 * A parsed, validated study spec with defaults applied.
 *
 * @param study         name, direction, metric, seed, trials, time limit, parallelism, storage
 * @param sampler       which sampler proposes hyperparameters
 * @param pruner        which pruner stops trials, and the epochs a trial trains at most
 * @param earlyStopping per-trial early stopping, or null
 * @param data          which data and how it is split (the {@code data} section)
 * @param model         the network family and its search space
 * @param source        the YAML file, or null
 */
public record StudySpec(StudySection study, SamplerSpec sampler, PrunerSpec pruner, EarlyStoppingSpec earlyStopping,
        DataSource data, ModelSpec model, Path source) {

    /**
     * This spec with command-line overrides applied (null keeps the spec's value), validated like
     * YAML; {@code parallel} may be {@link StudySection#AUTO_PARALLEL}, {@code reproducible} null
     * keeps the spec's.
     */
    public StudySpec withOverrides(Integer trials, Integer maxEpochs, Integer parallel, Long seed, Boolean reproducible) {
        StudySection s = study;
        if (trials != null) {
            Rules.atLeast("--trials", trials, 1);
        }
        if (parallel != null && parallel != StudySection.AUTO_PARALLEL) {
            Rules.atLeast("--parallel", parallel, 1);
        }
        s = new StudySection(s.name(), s.direction(), s.metric(), seed != null ? seed : s.seed(),
                trials != null ? trials : s.trials(), s.timeLimit(), parallel != null ? parallel : s.parallel(), s.storage(),
                s.trialsPerDevice(), reproducible != null ? reproducible : s.reproducible(), s.enqueue(), s.warmStart(), s.stopWhen(),
                s.metrics(), s.directions(), s.constraints());
        PrunerSpec p = pruner;
        if (maxEpochs != null) {
            Rules.atLeast("--max-epochs", maxEpochs, p.minEpochs());
            p = new PrunerSpec(p.type(), p.minEpochs(), maxEpochs, p.eta(), p.options());
        }
        return new StudySpec(s, sampler, p, earlyStopping, data, model, source);
    }

    /** As {@link #withOverrides(Integer, Integer, Integer, Long, Boolean)}, keeping the spec's reproducibility. */
    public StudySpec withOverrides(Integer trials, Integer maxEpochs, Integer parallel, Long seed) {
        return withOverrides(trials, maxEpochs, parallel, seed, null);
    }

    /** The spec with the study's name and storage URL replaced where given (command-line overrides). */
    public StudySpec withStudy(String name, String storage) {
        if (name == null && storage == null) {
            return this;
        }
        if (name != null && name.isBlank()) {
            throw new SpecException("--study: expected a study name, but got an empty one");
        }
        StudySection s = new StudySection(name != null ? name : study.name(), study.direction(), study.metric(),
                study.seed(), study.trials(), study.timeLimit(), study.parallel(), storage != null ? storage : study.storage(),
                study.trialsPerDevice(), study.reproducible(), study.enqueue(), study.warmStart(), study.stopWhen(),
                study.metrics(), study.directions(), study.constraints());
        return new StudySpec(s, sampler, pruner, earlyStopping, data, model, source);
    }

    /** The spec as read from {@code source} (relative paths are already resolved; this names the file only). */
    public StudySpec withSource(Path source) {
        return new StudySpec(study, sampler, pruner, earlyStopping, data, model, source);
    }
}
