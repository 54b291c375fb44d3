/**
 * Hyperparameter importance: {@link org.dl4jtuner.tuner.importance.Importance#fanova} ranks a
 * study's parameters by the share of the objective's variance each explains (functional ANOVA
 * over a random forest of regression trees, as Optuna's default evaluator).
 */
package org.dl4jtuner.tuner.importance;
