package org.dl4jtuner.cli.spec;

import java.util.List;

/**
 * The {@code study.warm_start} key: past studies of the same search space whose best
 * configurations run first and whose trials prime the sampler.
 *
 * <pre>{@code
 * study:
 *   warm_start: {study: fashion-march, storage: sqlite:march.db, top: 3, transfer: true}
 * }</pre>
 *
 * @param studies  the past studies' names, at least one
 * @param storage  where they are stored, or null for the study's own storage
 * @param top      how many of each past study's best configurations are enqueued (0: none)
 * @param transfer whether the sampler learns from the past trials (TPE by similarity, GP as a prior
 *                 mean, CMA-ES as its first run's start)
 */
public record WarmStartSpec(List<String> studies, String storage, int top, boolean transfer) {
    /** Copies the names. */
    public WarmStartSpec {
        studies = List.copyOf(studies);
    }
}
