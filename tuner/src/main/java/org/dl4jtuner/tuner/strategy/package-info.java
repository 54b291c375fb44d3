/**
 * The registry of built-in samplers and pruners: each one's name, options (type, default, rule,
 * help) and factory, described once. The YAML spec, the reference docs and Java users all build
 * strategies through {@link org.dl4jtuner.tuner.strategy.StrategyRegistry}.
 */
package org.dl4jtuner.tuner.strategy;
