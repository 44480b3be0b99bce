package dev.vigil.analytics.bottlenecks;

import java.util.Arrays;

/**
 * Requests of one endpoint in one period and how long they took, in milliseconds; percentiles are
 * exact (nearest rank) and NaN when there were no requests.
 *
 * @param requests      how many
 * @param errors        how many answered 5xx (or failed, for spans)
 * @param ratePerSecond requests per second of the period
 * @param totalMs       the time they took together: rate × mean latency × period
 */
public record LatencyStats(long requests, long errors, double ratePerSecond, double meanMs, double p50Ms, double p95Ms,
                           double p99Ms, double maxMs, double totalMs) {

    static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /** Summarises {@code micros[0..n)}, sorting it in place. */
    static LatencyStats of(long[] micros, int n, long errors, double seconds) {
        if (n == 0) {
            return EMPTY;
        }
        Arrays.sort(micros, 0, n);
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += micros[i];
        }
        return new LatencyStats(n, errors, n / seconds, total / n / 1000.0, rank(micros, n, 0.50), rank(micros, n, 0.95),
                rank(micros, n, 0.99), micros[n - 1] / 1000.0, total / 1000.0);
    }

    static double rank(long[] sorted, int n, double q) {
        int index = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))] / 1000.0;
    }
}
