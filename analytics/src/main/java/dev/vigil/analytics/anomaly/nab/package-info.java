/**
 * The Numenta Anomaly Benchmark (NAB v1.1): reading its directory layout, its scoring (probation,
 * sigmoid-weighted windows, per-profile threshold optimisation, normalisation) and a runner that
 * streams every series through the production detector.
 */
package dev.vigil.analytics.anomaly.nab;
