/**
 * Uptime and SLA per probe target over any window, computed from the probe results recorded as
 * metric samples ({@code probe_success} and {@code probe_duration_seconds} with a {@code probe}
 * label, as the Prometheus blackbox exporter names them).
 */
package dev.vigil.analytics.uptime;
