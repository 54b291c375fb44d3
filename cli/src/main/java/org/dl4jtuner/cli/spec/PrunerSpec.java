package org.dl4jtuner.cli.spec;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.strategy.StrategyContext;
import org.dl4jtuner.tuner.strategy.StrategyDescription;
import org.dl4jtuner.tuner.strategy.StrategyRegistry;

/**
 * The {@code pruner} section.
 *
 * @param type      none, median, percentile, patience, asha or hyperband
 * @param minEpochs epochs before the first rung
 * @param maxEpochs epochs a trial trains at most
 * @param eta       reduction factor
 * @param options   warmup_trials, warmup_steps, percentile, patience, min_delta
 */
public record PrunerSpec(String type, int minEpochs, int maxEpochs, int eta, Map<String, Object> options) {
    /**
     * The pruner through the core's {@link StrategyRegistry}, with {@code min_epochs} and {@code eta}
     * passed to the types that take them; throws IllegalArgumentException naming a bad option.
     */
    public Pruner build() {
        StrategyDescription<Pruner> d = StrategyRegistry.prunerDescription(type);
        Map<String, Object> all = new LinkedHashMap<>(options);
        if (d.option("min_epochs") != null) {
            all.put("min_epochs", minEpochs);
        }
        if (d.option("eta") != null) {
            all.put("eta", eta);
        }
        return d.build(all, StrategyContext.of(0).withMaxEpochs(maxEpochs));
    }
}
