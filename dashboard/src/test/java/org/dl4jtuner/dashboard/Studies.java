package org.dl4jtuner.dashboard;

import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;

/** Small studies with learning curves, for the dashboard's tests. */
final class Studies {
    private Studies() {
    }

    /** A learning curve that rises towards a ceiling set by the learning rate and the optimizer. */
    static final Objective CURVES = trial -> {
        double lr = trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
        String optimizer = trial.suggestCategorical("optimizer", List.of("adam", "sgd"));
        int units = trial.suggestInt("units", 8, 64);
        double ceiling = 0.95 - 0.05 * Math.abs(Math.log10(lr) + 2.5) - (optimizer.equals("sgd") ? 0.1 : 0) + units * 1e-4;
        double accuracy = 0;
        for (int epoch = 1; epoch <= 9; epoch++) {
            accuracy = ceiling * (1 - Math.exp(-epoch / 3.0));
            trial.report(epoch, accuracy);
            if (trial.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return accuracy;
    };

    /** A maximized study of {@code trials} trials of {@link #CURVES} under Hyperband (1, 9, 3). */
    static Study hyperband(int trials) {
        Study study = Study.builder().name("curves").direction(Direction.MAXIMIZE).sampler(Samplers.random(3))
                .pruner(Pruners.hyperband(1, 9, 3)).build();
        study.optimize(CURVES, trials);
        return study;
    }
}
