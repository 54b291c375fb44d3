package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.PrunerSpec;
import org.dl4jtuner.cli.spec.SamplerSpec;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.TpeSampler;
import org.junit.jupiter.api.Test;

class StrategiesTest {
    @Test
    void aSpecsSamplerIsTheRegistrysWithTheSpecsSeedAndParallel() {
        SamplerSpec spec = new SamplerSpec("tpe", null, Map.of("startup_trials", 4));
        assertEquals(TpeSampler.builder(9).startupTrials(4).constantLiar(true).build().settings(),
                Strategies.sampler(spec, 9, 2).settings());
        assertEquals(11L, Strategies.sampler(new SamplerSpec("tpe", 11L, Map.of()), 9, 1).settings().get("seed"));
    }

    @Test
    void aSpecsPrunerCarriesItsEpochsAndEta() {
        assertEquals(Pruners.hyperband(2, 27, 3).settings(),
                Strategies.pruner(new PrunerSpec("hyperband", 2, 27, 3, Map.of())).settings());
        assertEquals(Pruners.median(5, 2).settings(),
                Strategies.pruner(new PrunerSpec("median", 1, 10, 3, Map.of("warmup_steps", 2))).settings());
    }

    @Test
    void mistakesInASpecBuiltInCodeAreUserErrors() {
        assertEquals("pruner.median.warmup_steps: expected an integer >= 0, but got -2", assertThrows(UserError.class, () ->
                Strategies.pruner(new PrunerSpec("median", 1, 10, 3, Map.of("warmup_steps", -2)))).getMessage());
        assertEquals("sampler.type: grid needs model.space keys searched as {choice: [...]}", assertThrows(UserError.class,
                () -> Strategies.sampler(new SamplerSpec("grid", null, Map.of()), 1, 1)).getMessage());
    }

    @Test
    void bohbNeedsHyperbandOrAsha() {
        SamplerSpec bohb = new SamplerSpec("bohb", null, Map.of());
        Strategies.checkCompatible(bohb, new PrunerSpec("asha", 1, 27, 3, Map.of()));
        assertEquals("sampler.type: 'bohb' needs pruner.type hyperband (or asha), but pruner.type is 'median'; add"
                + " 'pruner: {type: hyperband, min_epochs: 1, eta: 3, max_epochs: 27}'", assertThrows(UserError.class,
                        () -> Strategies.checkCompatible(bohb, new PrunerSpec("median", 1, 10, 3, Map.of()))).getMessage());
    }
}
