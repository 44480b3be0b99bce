package dev.vigil.analytics.anomaly.monitor;

/**
 * One series read for one stretch of time, one value per step (NaN: nothing to judge).
 *
 * @param id          which series
 * @param startMillis start of the first step
 * @param values      the values
 */
record SignalSeries(SignalId id, long startMillis, double[] values) {
}
