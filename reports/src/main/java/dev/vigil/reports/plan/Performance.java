package dev.vigil.reports.plan;

/**
 * Performance figures of a component over the plan's window; NaN where not measured.
 *
 * @param requests      requests (or calls, for a data store) in the window
 * @param averageMs     mean latency
 * @param uptimePercent share of minutes that were up (under 5% errors), or the probe's uptime
 */
public record Performance(long requests, double averageMs, double p95Ms, double p99Ms, double errorRate, double uptimePercent) {
    public static final Performance NONE = new Performance(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
