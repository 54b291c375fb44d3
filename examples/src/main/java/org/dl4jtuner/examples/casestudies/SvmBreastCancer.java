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
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import libsvm.svm;

/**
 * Case study 7.1: a support vector machine tuned by grid search over its kernel and its cost C,
 * each configuration scored by k-fold cross-validation, on the Wisconsin breast cancer data that
 * Debian's python3-sklearn ships. LibSVM through Tribuo; the tuner core's {@link Study} with a
 * grid sampler and a plain objective lambda. Fold k is reported as step k, so the median pruner
 * may stop a configuration between folds ({@code --pruner none} fits every fold).
 *
 * <pre>
 * examples/case-studies/7.1-svm-grid-cv/run [--quick] [--seed N] [--pruner median|none]
 * </pre>
 */
public final class SvmBreastCancer {
    private static final List<String> KERNELS = List.of("linear", "poly", "rbf", "sigmoid");
    private static final List<Double> COSTS = List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0);
    private static final List<String> QUICK_KERNELS = List.of("linear", "rbf");
    private static final List<Double> QUICK_COSTS = List.of(0.1, 1.0, 10.0);

    private SvmBreastCancer() {
    }

    /**
     * LibSVM's C-SVC with a kernel and a cost; gamma, degree and coef0 stay LibSVM's defaults
     * (1/features, 3, 0). Features are standardised with the training data's mean and deviation
     * (LibSVM's guide asks for scaled features), for the baseline and the tuned model alike.
     */
    record Svm(String kernel, double cost) {
        /** What LibSVM's svm-train does without options: C-SVC, RBF kernel, C = 1. */
        static final Svm LIBSVM_DEFAULTS = new Svm("rbf", 1.0);

        Trainer<Label> trainer(long seed) {
            SVMParameters<Label> parameters = new SVMParameters<>(
                    new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC),
                    KernelType.valueOf(kernel.toUpperCase(Locale.ROOT)));
            parameters.setCost(cost);
            return new TransformTrainer<>(new LibSVMClassificationTrainer(parameters, seed),
                    new TransformationMap(List.of(new MeanStdDevTransformation())), true);
        }

        double accuracy(Dataset<Label> train, Dataset<Label> test, long seed) {
            return new LabelEvaluator().evaluate(trainer(seed).train(train), test).accuracy();
        }

        Map<String, Object> params() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("kernel", kernel);
            params.put("C", cost);
            return params;
        }
    }

    public static void main(String[] args) throws Exception {
        CaseStudyArgs options = CaseStudyArgs.parseOrExit(args);
        long seed = options.seed();
        svm.svm_set_print_string_function(solverProgress -> { }); // LibSVM prints every fit's progress otherwise
        Instant start = Instant.now();
        TrainTest data = DataSplitter.holdOut(SklearnCsv.debian("breast_cancer.csv", Task.CLASSIFICATION), 0.2, seed);
        int k = options.quick() ? 3 : 5;
        List<TribuoData.Fold<Label>> folds = TribuoData.folds(DataSplitter.kFold(data.train(), k, seed),
                TribuoData::classification);
        MutableDataset<Label> train = TribuoData.classification(data.train());
        MutableDataset<Label> test = TribuoData.classification(data.test());
        System.out.printf("breast_cancer.csv: %d examples for %d-fold cross-validation, %d held out (stratified, seed %d)%n",
                train.size(), k, test.size(), seed);

        Svm defaults = Svm.LIBSVM_DEFAULTS;
        Outcome baseline = new Outcome(defaults.params(),
                FoldwiseCv.mean(folds, fold -> defaults.accuracy(fold.train(), fold.validation(), seed)),
                defaults.accuracy(train, test, seed));

        List<String> kernels = options.quick() ? QUICK_KERNELS : KERNELS;
        List<Double> costs = options.quick() ? QUICK_COSTS : COSTS;
        int configurations = kernels.size() * costs.size();
        Study study = Study.builder()
                .name("7.1-svm-breast-cancer")
                .direction(Direction.MAXIMIZE)
                .sampler(Samplers.grid(Map.of("kernel", kernels, "C", costs)))
                .pruner(options.foldPruner(kernels.size()))
                .seed(seed)
                .build();
        study.optimize(trial -> {
            Svm svm = new Svm(trial.suggestCategorical("kernel", kernels), trial.suggestFloat("C", 1e-3, 1e3, true));
            return FoldwiseCv.mean(trial, folds, fold -> svm.accuracy(fold.train(), fold.validation(), seed));
        }, configurations);

        FrozenTrial best = study.bestTrial();
        Svm chosen = new Svm((String) best.param("kernel"), ((Number) best.param("C")).doubleValue());
        Outcome tuned = new Outcome(chosen.params(), best.value(), chosen.accuracy(train, test, seed));
        System.out.println(BeforeAfter.table("accuracy", k, baseline, tuned));
        System.out.printf("fold fits: %d of %d (pruner %s, %d of %d configurations stopped early)%n",
                FoldwiseCv.foldsFitted(study), (long) configurations * k, options.pruner(),
                study.trials(TrialState.PRUNED).size(), configurations);
        System.out.println(BeforeAfter.line("7.1 svm breast_cancer", "accuracy", baseline, tuned,
                String.format(Locale.ROOT, "grid %d configurations x %d folds", configurations, k),
                Duration.between(start, Instant.now())));
    }
}
