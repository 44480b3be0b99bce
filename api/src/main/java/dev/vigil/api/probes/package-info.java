/**
 * Uptime probes: HTTP(S) and TCP checks that Vigil runs on a schedule against configured targets
 * (from a YAML file or the API). Every result goes through the ingest pipeline as metric samples
 * named as the Prometheus blackbox exporter names them ({@code probe_success},
 * {@code probe_duration_seconds}, {@code probe_http_status_code}, label {@code probe}), and every
 * change between up and down as a log event of service {@code vigil-probes}; uptime is computed
 * from the samples ({@link dev.vigil.analytics.uptime.UptimeCalculator}).
 *
 * <p>Checks run on the event loop with non-blocking clients; appending results runs on a worker.
 */
package dev.vigil.api.probes;
