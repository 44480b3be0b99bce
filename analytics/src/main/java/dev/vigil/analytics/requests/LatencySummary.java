package dev.vigil.analytics.requests;

import java.util.Arrays;

/**
 * Exact latency percentiles of a set of requests, in milliseconds; NaN when there were none.
 */
public record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double totalMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /** Summarises durations in microseconds; sorts {@code micros[0..n)} in place. */
    static LatencySummary of(long[] micros, int n) {
        if (n == 0) {
            return EMPTY;
        }
        Arrays.sort(micros, 0, n);
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += micros[i];
        }
        return new LatencySummary(n, rank(micros, n, 0.50), rank(micros, n, 0.95), rank(micros, n, 0.99),
                micros[n - 1] / 1000.0, total / 1000.0);
    }

    /** Nearest-rank percentile, the definition SLO tooling uses. */
    private static double rank(long[] sorted, int n, double q) {
        int index = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))] / 1000.0;
    }
}
