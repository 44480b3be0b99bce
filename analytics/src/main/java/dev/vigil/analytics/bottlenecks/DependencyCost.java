package dev.vigil.analytics.bottlenecks;

/**
 * What one dependency cost an endpoint: calls made while serving it and the share of the
 * endpoint's time spent inside them, in the window and in the baseline.
 *
 * @param kind              {@code service}, {@code database} or {@code peer}
 * @param name              the service, database system or peer called
 * @param operation         what was called ({@code -} when the source does not say)
 * @param source            {@code spans} or {@code access_logs} (upstream fields)
 * @param timeShare         time inside these calls / the endpoint's time, over the spans or logs that show it
 * @param meanMs            mean call duration
 * @param p95Ms             nearest-rank p95 of the call durations
 * @param baselineTimeShare the same share in the baseline, NaN without data
 */
public record DependencyCost(String kind, String name, String operation, String source, long calls, long errors,
                             double timeShare, double meanMs, double p95Ms, long baselineCalls, double baselineTimeShare,
                             double baselineMeanMs) {
}
