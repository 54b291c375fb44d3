package org.dl4jtuner.dashboard;

import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.MultiObjective;
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

    /**
     * Accuracy against size: the learning curve of {@link #CURVES} and a network size that grows
     * with the units and with the layers, which only some trials sample (units_2, a conditional
     * parameter).
     */
    static final MultiObjective ACCURACY_AND_SIZE = trial -> {
        double lr = trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
        int units = trial.suggestInt("units", 8, 64);
        int layers = trial.suggestInt("layers", 1, 2);
        int units2 = layers > 1 ? trial.suggestInt("units_2", 8, 64) : 0;
        double size = 10.0 * units + units * units2;
        double ceiling = 0.95 - 0.05 * Math.abs(Math.log10(lr) + 2.5) - 0.2 / units;
        double accuracy = 0;
        for (int epoch = 1; epoch <= 9; epoch++) {
            accuracy = ceiling * (1 - Math.exp(-epoch / 3.0));
            trial.report(epoch, new double[] {accuracy, size});
            if (trial.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return new double[] {accuracy, size};
    };

    /** {@code trials} trials of {@link #ACCURACY_AND_SIZE}, accuracy maximized and size minimized, under pareto_asha (1, 9, 3). */
    static Study paretoAsha(int trials) {
        Study study = Study.builder().name("front").directions(Direction.MAXIMIZE, Direction.MINIMIZE)
                .sampler(Samplers.random(4)).pruner(Pruners.paretoRung(1, 9, 3)).build();
        study.storage().setStudySystemAttr(study.id(), ParetoJson.METRIC_NAMES_ATTR, List.of("accuracy", "parameters"));
        study.optimize(ACCURACY_AND_SIZE, trials);
        return study;
    }

    /** A maximized study of {@code trials} trials of {@link #CURVES} under Hyperband (1, 9, 3). */
    static Study hyperband(int trials) {
        Study study = Study.builder().name("curves").direction(Direction.MAXIMIZE).sampler(Samplers.random(3))
                .pruner(Pruners.hyperband(1, 9, 3)).build();
        study.optimize(CURVES, trials);
        return study;
    }
}
