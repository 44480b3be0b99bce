package dev.vigil.reports.health;

/**
 * Traffic and latency of one service over one window. NaN means "not measured".
 *
 * @param requests      requests in the window (log lines when the service has no access logs)
 * @param ratePerSecond requests per second over the window
 * @param errorRate     failed share, 0..1
 */
public record PerformanceFigures(long requests, double ratePerSecond, double errorRate, double p50Ms, double p95Ms, double p99Ms) {

    /** Nothing measured (e.g. the service did not exist in the previous window). */
    public static final PerformanceFigures NONE = new PerformanceFigures(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
