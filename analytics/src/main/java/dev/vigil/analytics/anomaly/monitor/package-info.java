/**
 * The anomaly monitor: runs the streaming detector on every signal Vigil holds (each metric
 * series, request rate, error rate and p95 latency per service and endpoint, log rate per service
 * and per log template) at a fixed step, turns alarms into {@link dev.vigil.analytics.anomaly.monitor.Anomaly}
 * episodes and stores them durably as events, live as time passes and on demand for past windows.
 * The entry point is {@link dev.vigil.analytics.anomaly.monitor.AnomalyMonitor}.
 */
package dev.vigil.analytics.anomaly.monitor;
