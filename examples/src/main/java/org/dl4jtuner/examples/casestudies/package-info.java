/**
 * The book's case studies. 7.1 and 7.2 are each a {@code main} that tunes a model of a Java library other than
 * DL4J with the tuner core, on real data from a Debian package, and prints the library's defaults
 * beside the tuned result: {@link org.dl4jtuner.examples.casestudies.SvmBreastCancer} (7.1, LibSVM,
 * grid search with k-fold cross-validation) and
 * {@link org.dl4jtuner.examples.casestudies.GradientBoostingBoston} (7.2, XGBoost, random search).
 * The DL4J case studies train through the models module: 7.3.1, 7.3.2 and 7.5 are YAML specs that
 * {@code dl4j-tuner run} runs, whose JSON summary
 * {@link org.dl4jtuner.examples.casestudies.SpecRunSummary} turns into the table and the line;
 * {@link org.dl4jtuner.examples.casestudies.LstmInputLengthHyperband} (7.4, Hyperband over the
 * learning rate and the maximum input length of
 * {@link org.dl4jtuner.examples.casestudies.TruncatedSequenceLstm}) is a main.
 *
 * <p>Shared by every case study: {@link org.dl4jtuner.examples.casestudies.CaseStudyArgs}
 * ({@code --quick}, {@code --seed}, {@code --pruner}),
 * {@link org.dl4jtuner.examples.casestudies.FoldwiseCv} (fold k reported as step k, so a pruner can
 * stop a configuration between folds), {@link org.dl4jtuner.examples.casestudies.TribuoData}
 * (the datasets module's data as Tribuo datasets) and
 * {@link org.dl4jtuner.examples.casestudies.BeforeAfter} (the baseline-vs-tuned table and line).
 * Each runs through {@code examples/case-studies/<n>-<name>/run}.
 *
 * <p>{@link org.dl4jtuner.examples.casestudies.CartPoleDqn} (7.6) is a deep Q-network on CartPole
 * with grid search; its parts are in the {@code cartpole} subpackage.
 */
package org.dl4jtuner.examples.casestudies;
