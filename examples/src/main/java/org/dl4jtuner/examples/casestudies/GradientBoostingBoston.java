package org.dl4jtuner.examples.casestudies;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.SklearnCsv;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.datasets.TrainTest;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Case study 7.2: gradient-boosted trees tuned by random search over the learning rate and the
 * number of trees, each configuration scored by k-fold cross-validation, on the Boston house
 * prices that Debian's python3-sklearn ships (the target is the median value in $1000s). XGBoost
 * through Tribuo; the tuner core's {@link Study} with the random sampler and a plain objective
 * lambda. Fold k is reported as step k, so the median pruner may stop a configuration between folds.
 *
 * <pre>
 * examples/case-studies/7.2-gbm-random-search/run [--quick] [--seed N] [--pruner median|none]
 * </pre>
 */
public final class GradientBoostingBoston {
    private static final int TRIALS = 60;
    private static final int QUICK_TRIALS = 12;

    private GradientBoostingBoston() {
    }

    /**
     * XGBoost's squared-error regression with a learning rate (eta) and a number of trees; every
     * other parameter stays XGBoost's default (max_depth 6, min_child_weight 1, no subsampling,
     * lambda 1, alpha 0). One thread per fit.
     */
    record Boosting(double learningRate, int trees) {
        /** XGBoost's eta 0.3 and the 100 trees of its scikit-learn interface (Tribuo asks for the number). */
        static final Boosting XGBOOST_DEFAULTS = new Boosting(0.3, 100);

        double rmse(Dataset<Regressor> train, Dataset<Regressor> test, long seed) {
            XGBoostRegressionTrainer trainer = new XGBoostRegressionTrainer(
                    XGBoostRegressionTrainer.RegressionType.LINEAR, trees, learningRate, 0, 6, 1, 1, 1, 1, 0, 1, true, seed);
            return new RegressionEvaluator().evaluate(trainer.train(train), test).averageRMSE();
        }

        Map<String, Object> params() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("learning_rate", learningRate);
            params.put("n_estimators", trees);
            return params;
        }
    }

    public static void main(String[] args) throws Exception {
        CaseStudyArgs options = CaseStudyArgs.parseOrExit(args);
        long seed = options.seed();
        Instant start = Instant.now();
        TrainTest data = DataSplitter.holdOut(SklearnCsv.debian("boston_house_prices.csv", Task.REGRESSION), 0.2, seed);
        int k = options.quick() ? 3 : 5;
        List<TribuoData.Fold<Regressor>> folds = TribuoData.folds(DataSplitter.kFold(data.train(), k, seed),
                TribuoData::regression);
        MutableDataset<Regressor> train = TribuoData.regression(data.train());
        MutableDataset<Regressor> test = TribuoData.regression(data.test());
        System.out.printf("boston_house_prices.csv: %d examples for %d-fold cross-validation, %d held out (seed %d)%n",
                train.size(), k, test.size(), seed);

        Boosting defaults = Boosting.XGBOOST_DEFAULTS;
        Outcome baseline = new Outcome(defaults.params(),
                FoldwiseCv.mean(folds, fold -> defaults.rmse(fold.train(), fold.validation(), seed)),
                defaults.rmse(train, test, seed));

        int trials = options.quick() ? QUICK_TRIALS : TRIALS;
        Study study = Study.builder()
                .name("7.2-gbm-boston")
                .direction(Direction.MINIMIZE)
                .sampler(Samplers.random(seed))
                .pruner(options.foldPruner(5))
                .seed(seed)
                .build();
        study.optimize(trial -> {
            Boosting boosting = new Boosting(trial.suggestFloat("learning_rate", 0.005, 0.5, true),
                    trial.suggestInt("n_estimators", 10, 1000, true));
            return FoldwiseCv.mean(trial, folds, fold -> boosting.rmse(fold.train(), fold.validation(), seed));
        }, trials);

        FrozenTrial best = study.bestTrial();
        Boosting chosen = new Boosting(((Number) best.param("learning_rate")).doubleValue(),
                ((Number) best.param("n_estimators")).intValue());
        Outcome tuned = new Outcome(chosen.params(), best.value(), chosen.rmse(train, test, seed));
        System.out.println(BeforeAfter.table("RMSE", k, baseline, tuned));
        System.out.printf("fold fits: %d of %d (pruner %s, %d of %d trials stopped early)%n",
                FoldwiseCv.foldsFitted(study), (long) trials * k, options.pruner(),
                study.trials(TrialState.PRUNED).size(), trials);
        System.out.println(BeforeAfter.line("7.2 gbm boston", "RMSE", baseline, tuned,
                String.format(Locale.ROOT, "random %d trials x %d folds", trials, k), Duration.between(start, Instant.now())));
    }
}
