/**
 * Service level objectives: definitions (from a YAML file or the API), the good/total counts they
 * are computed from, error budgets, and multi-window multi-burn-rate evaluation.
 *
 * <p>The public surface is {@link dev.vigil.analytics.slo.SloDefinition} (what an SLO is),
 * {@link dev.vigil.analytics.slo.SloRepository} (where definitions live),
 * {@link dev.vigil.analytics.slo.BurnRateEvaluator} (what they measure now) and its results
 * {@link dev.vigil.analytics.slo.SloStatus} and {@link dev.vigil.analytics.slo.BurnRateAlertState}.
 */
package dev.vigil.analytics.slo;
