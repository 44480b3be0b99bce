package dev.vigil.analytics.requests;

/**
 * Nearest-rank latency percentiles of a set of requests, in milliseconds; NaN when there were none.
 * {@code count}, {@code maxMs} and {@code totalMs} are exact; the percentiles are exact for sets of
 * up to {@value LatencyRecorder#EXACT_LIMIT} requests and within 0.8% of the exact value beyond
 * (see {@link LatencyRecorder}).
 */
public record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double totalMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
}
