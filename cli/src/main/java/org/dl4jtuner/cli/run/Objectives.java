package org.dl4jtuner.cli.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.CustomNetwork;
import org.dl4jtuner.models.EarlyStopping;
import org.dl4jtuner.models.MetricConstraint;
import org.dl4jtuner.models.SecondaryMetric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The objectives a run trains, built from its plan and prepared data: the trials' (a built-in
 * family over the spec's space, or the user's network class) and the baseline's (the family's
 * defaults for every searched key). {@link #check} trains nothing: it builds one probe trial's
 * network and meets it with the data, so a mismatch is refused before anything is stored.
 */
final class Objectives {
    private final RunPlan plan;
    private final PreparedData data;
    private final CustomNetwork custom;

    /** Loads the custom network class, if the spec names one, from the run's class path. */
    Objectives(RunPlan plan, PreparedData data) {
        this.plan = plan;
        this.data = data;
        StudySpec spec = plan.spec();
        this.custom = spec.model().isCustom() ? CustomNetworks.load(spec.model().className(), plan.options().classpath())
                : null;
    }

    /** The trials' objective; networks are saved under {@code artifacts} when it is not null. */
    NetworkObjective trials(Path work, Path artifacts) {
        return build(false, work, artifacts);
    }

    /** The untuned default network of the spec's family (built-in families only). */
    NetworkObjective baseline(Path work) {
        return build(true, work, null);
    }

    /** One probe trial's network meets the data; a mismatch is the user's to fix, and nothing was written. */
    void check(Path work) {
        StudySpec spec = plan.spec();
        String who = spec.model().isCustom() ? "model.class: " + spec.model().className() : "model: " + spec.model().type();
        try {
            trials(work, null).check();
        } catch (IllegalArgumentException e) {
            throw new UserError(who + ": " + e.getMessage() + "; nothing was written");
        } catch (RuntimeException e) {
            throw new UserError(who + " failed to build a network for a probe trial: " + CustomNetworks.describe(e)
                    + "; nothing was written");
        }
    }

    private NetworkObjective build(boolean defaultsOnly, Path work, Path artifacts) {
        StudySpec spec = plan.spec();
        NetworkObjective.Builder b = NetworkObjective.builder();
        if (custom != null) {
            b.custom(custom, spec.model().space());
        } else {
            b.space(space(defaultsOnly));
        }
        if (!defaultsOnly) {
            // the baseline is one network judged on the metric alone; the trials measure what the study asks
            List<String> metrics = spec.study().metrics();
            b.secondaryMetrics(metrics.subList(1, metrics.size()).stream().map(SecondaryMetric::of)
                    .toArray(SecondaryMetric[]::new));
            spec.study().constraints().forEach((name, expression) -> b.constraint(MetricConstraint.parse(name, expression)));
        }
        return b.artifacts(artifacts)
                .trialTimeout(plan.options().trialTimeout())
                .data(data)
                .metric(plan.metric())
                .maxEpochs(spec.pruner().maxEpochs())
                .earlyStopping(spec.earlyStopping() == null ? null
                        : new EarlyStopping(spec.earlyStopping().patience(), spec.earlyStopping().minDelta()))
                .workDir(work)
                .build();
    }

    /** The spec's space; with {@code defaultsOnly}, searched keys fall back to the family defaults. */
    private NetworkSpace space(boolean defaultsOnly) {
        NetworkSpace.Builder b = NetworkSpace.builder(plan.family());
        Map<String, ParameterSpace> space = new LinkedHashMap<>(plan.spec().model().space());
        space.forEach((key, value) -> {
            if (!defaultsOnly || value.isFixed()) {
                b.set(key, value);
            }
        });
        return b.build();
    }
}
