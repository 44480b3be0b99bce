package dev.vigil.rca.changes;

/**
 * One side of a comparison in numbers.
 *
 * @param requests   requests seen
 * @param failures   of which failed (5xx or error spans)
 * @param errorRate  failures over requests; NaN without requests
 * @param latencies  requests with a latency
 * @param p50Ms      median latency in milliseconds; NaN without latencies
 * @param p95Ms      95th percentile
 * @param p99Ms      99th percentile
 * @param warnings   warning and error lines (not access-log lines)
 * @param exposure   what template counts are divided by: the window in seconds before/after, the
 *                   side's requests side by side
 */
public record SideSummary(long requests, long failures, double errorRate, long latencies, double p50Ms, double p95Ms, double p99Ms,
                          long warnings, double exposure) {
}
