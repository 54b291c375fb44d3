package org.dl4jtuner.tuner.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;
import org.junit.jupiter.api.Test;

class StrategyRegistryTest {
    private static final List<Map<String, Object>> GRID = List.of(Map.of("lr", 0.1), Map.of("lr", 0.01));
    private static final StrategyContext CONTEXT = StrategyContext.of(7).withMaxEpochs(27).withGrid(GRID);

    @Test
    void namesAreListedInRegistrationOrderWithAliasesAfterTheirType() {
        assertEquals(List.of("random", "grid", "sobol", "tpe", "gp", "cmaes", "evolution", "bohb", "auto", "nsga2"),
                StrategyRegistry.samplerNames());
        assertEquals(List.of("none", "median", "percentile", "patience", "asha", "successive_halving", "hyperband", "auto",
                "curve_bound", "pareto_asha"),
                StrategyRegistry.prunerNames());
        assertEquals("asha", StrategyRegistry.prunerDescription("successive_halving").name());
    }

    @Test
    void everySamplerAndPrunerBuildsWithItsDefaults() {
        for (StrategyDescription<Sampler> d : StrategyRegistry.samplers()) {
            Sampler s = d.build(Map.of(), CONTEXT);
            assertEquals(d.name(), s.settings().get("type"), d.name());
        }
        for (StrategyDescription<Pruner> d : StrategyRegistry.pruners()) {
            assertNotNull(d.build(Map.of(), CONTEXT).settings().get("type"), d.name());
        }
    }

    @Test
    void theRegistrysDefaultsAreTheFactories() {
        Map<String, Sampler> factories = new LinkedHashMap<>();
        factories.put("random", Samplers.random(7));
        factories.put("grid", Samplers.grid(GRID));
        factories.put("sobol", Samplers.sobol(7));
        factories.put("tpe", Samplers.tpe(7));
        factories.put("gp", Samplers.gp(7));
        factories.put("cmaes", Samplers.cmaEs(7));
        factories.put("evolution", Samplers.evolution(7));
        factories.put("bohb", Samplers.bohb(7));
        factories.put("auto", Samplers.auto(7));
        factories.put("nsga2", Samplers.nsga2(7));
        assertEquals(StrategyRegistry.samplerNames(), List.copyOf(factories.keySet()));
        factories.forEach((type, sampler) -> assertEquals(sampler.settings(),
                StrategyRegistry.sampler(type, Map.of(), CONTEXT).settings(), type));

        Map<String, Pruner> pruners = new LinkedHashMap<>();
        pruners.put("none", Pruners.none());
        pruners.put("median", Pruners.median(5, 0));
        pruners.put("percentile", Pruners.percentile(25, 5, 0));
        pruners.put("patience", Pruners.patience(3, 0));
        pruners.put("asha", Pruners.successiveHalving(1, 27, 3));
        pruners.put("hyperband", Pruners.hyperband(1, 27, 3));
        pruners.put("pareto_asha", Pruners.paretoRung(1, 27, 3));
        pruners.forEach((type, pruner) -> assertEquals(pruner.settings(),
                StrategyRegistry.pruner(type, Map.of(), CONTEXT).settings(), type));
    }

    @Test
    void optionsAreApplied() {
        Sampler tpe = StrategyRegistry.sampler("tpe", Map.of("startup_trials", 5, "multivariate", true), CONTEXT);
        assertEquals(TpeSampler.builder(7).startupTrials(5).multivariate(true).build().settings(), tpe.settings());
        Pruner asha = StrategyRegistry.pruner("successive_halving", Map.of("min_epochs", 3, "eta", 2L), CONTEXT);
        assertEquals(Pruners.successiveHalving(3, 27, 2).settings(), asha.settings());
    }

    @Test
    void aDescribedDefaultIsWorkedOutFromTheContext() {
        assertEquals(false, StrategyRegistry.sampler("tpe", Map.of(), CONTEXT).settings().get("constant_liar"));
        assertEquals(true, StrategyRegistry.sampler("tpe", Map.of(), CONTEXT.withParallel(4)).settings()
                .get("constant_liar"));
        assertEquals(false, StrategyRegistry.sampler("tpe", Map.of("constant_liar", false), CONTEXT.withParallel(4))
                .settings().get("constant_liar"));
    }

    @Test
    void aBadValueIsRefusedNamingTheOptionTheValueAndTheRule() {
        assertEquals("sampler.tpe.startup_trials: expected an integer >= 0, but got -1", message(() ->
                StrategyRegistry.sampler("tpe", Map.of("startup_trials", -1), CONTEXT)));
        assertEquals("sampler.bohb.top_fraction: expected a number in (0, 1), but got 1.0", message(() ->
                StrategyRegistry.sampler("bohb", Map.of("top_fraction", 1.0), CONTEXT)));
        assertEquals("sampler.gp.deterministic: expected true or false, but got \"yes\"", message(() ->
                StrategyRegistry.sampler("gp", Map.of("deterministic", "yes"), CONTEXT)));
        assertEquals("pruner.hyperband.eta: expected an integer >= 2, but got 2.5", message(() ->
                StrategyRegistry.pruner("hyperband", Map.of("eta", 2.5), CONTEXT)));
        assertEquals("pruner.percentile.percentile: expected a number in [0, 100], but got NaN", message(() ->
                StrategyRegistry.pruner("percentile", Map.of("percentile", Double.NaN), CONTEXT)));
        assertEquals("min_epochs <= max_epochs must hold, but got min_epochs=30, max_epochs=27", message(() ->
                StrategyRegistry.pruner("asha", Map.of("min_epochs", 30), CONTEXT)));
    }

    @Test
    void anUnknownOptionOrTypeIsRefusedWithTheKnownOnes() {
        assertEquals("sampler.tpe: 'startup' is not an option of tpe; its options: startup_trials, ei_candidates,"
                + " multivariate, constant_liar, avoid_repeats, transfer", message(() -> StrategyRegistry.sampler("tpe", Map.of("startup", 5),
                        CONTEXT)));
        assertEquals("pruner.none: 'eta' is not an option of none; its options: none", message(() ->
                StrategyRegistry.pruner("none", Map.of("eta", 3), CONTEXT)));
        assertEquals("sampler.type: 'tpee' is not one of random, grid, sobol, tpe, gp, cmaes, evolution, bohb, auto, nsga2",
                message(() -> StrategyRegistry.sampler("tpee", Map.of(), CONTEXT)));
        assertEquals("pruner.type: 'halving' is not one of none, median, percentile, patience, asha,"
                + " successive_halving, hyperband, auto, curve_bound, pareto_asha", message(() -> StrategyRegistry.pruner("halving", Map.of(), CONTEXT)));
    }

    @Test
    void whatAContextLacksIsRefused() {
        assertTrue(message(() -> StrategyRegistry.sampler("grid", Map.of(), StrategyContext.of(1))).contains("points"));
        assertTrue(message(() -> StrategyRegistry.pruner("hyperband", Map.of(), StrategyContext.of(1)))
                .contains("max epochs"));
    }

    @Test
    void settingsRoundTripThroughTheRegistry() {
        for (StrategyDescription<Sampler> d : StrategyRegistry.samplers()) {
            for (Map<String, ?> options : List.of(Map.<String, Object>of(), someOptions(d))) {
                Map<String, Object> settings = d.build(options, CONTEXT.withParallel(3)).settings();
                Sampler again = StrategyRegistry.samplerFromSettings(settings, StrategyContext.of(99).withGrid(GRID));
                assertEquals(settings, again.settings(), d.name() + " " + options);
            }
        }
        for (StrategyDescription<Pruner> d : StrategyRegistry.pruners()) {
            for (Map<String, ?> options : List.of(Map.<String, Object>of(), someOptions(d))) {
                Map<String, Object> settings = d.build(options, CONTEXT).settings();
                assertEquals(settings, StrategyRegistry.prunerFromSettings(settings).settings(), d.name() + " " + options);
            }
        }
        Map<String, Object> unbounded = Pruners.successiveHalving(2, 4).settings();
        assertEquals(unbounded, StrategyRegistry.prunerFromSettings(unbounded).settings());
    }

    @Test
    void settingsBeyondTheRegisteredOptionsAreRefused() {
        Map<String, Object> settings = TpeSampler.builder(1).priorWeight(2).build().settings();
        String m = message(() -> StrategyRegistry.samplerFromSettings(settings, CONTEXT));
        assertTrue(m.contains("cannot be rebuilt") && m.contains("prior_weight=2.0"), m);
    }

    @Test
    void bohbNeedsHyperbandOrAsha() {
        StrategyRegistry.checkCompatible("bohb", "hyperband");
        StrategyRegistry.checkCompatible("bohb", "successive_halving");
        StrategyRegistry.checkCompatible("tpe", "median");
        assertEquals("sampler bohb needs pruner hyperband or asha, but the pruner is median",
                message(() -> StrategyRegistry.checkCompatible("bohb", "median")));
        assertEquals(List.of("hyperband", "asha"), StrategyRegistry.samplerDescription("bohb").needsPrunerOf());
    }

    @Test
    void everyOptionIsDescribedWithARuleTheDefaultObeys() {
        for (StrategyDescription<?> d : List.of(StrategyRegistry.samplers(), StrategyRegistry.pruners()).stream()
                .<StrategyDescription<?>>flatMap(List::stream).toList()) {
            for (Option o : d.options()) {
                assertTrue(!o.help().isBlank() && !o.rule().isBlank(), d.name() + "." + o.name());
                if (o.defaultValue() != null) {
                    assertEquals(null, o.problem(o.defaultValue()), d.name() + "." + o.name());
                }
            }
        }
    }

    /** A value other than the default for each option with a fixed default (min, or for booleans the other one). */
    private static Map<String, Object> someOptions(StrategyDescription<?> d) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (Option o : d.options()) {
            switch (o.type()) {
                case INTEGER -> options.put(o.name(), (int) o.min() + 1);
                case NUMBER -> options.put(o.name(), o.max() == Double.POSITIVE_INFINITY ? o.min() + 0.5
                        : (o.min() + o.max()) / 2);
                case BOOLEAN -> options.put(o.name(), o.defaultValue() == null || !(Boolean) o.defaultValue());
                case TEXT -> { }
            }
        }
        return options;
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
