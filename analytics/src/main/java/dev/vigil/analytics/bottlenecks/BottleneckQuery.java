package dev.vigil.analytics.bottlenecks;

import java.time.Duration;

import dev.vigil.analytics.TimeRange;

/**
 * What to analyse.
 *
 * @param window   the period whose time is ranked
 * @param baseline the period it is compared with; by default the same length right before the window
 * @param service  only endpoints of this service, or null for all
 * @param bucket   width of the time buckets that correlations use, or null for about 30 per window
 * @param limit    how many endpoints to return (the shares are still of the whole)
 */
public record BottleneckQuery(TimeRange window, TimeRange baseline, String service, Duration bucket, int limit) {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 1_000;
    /** Buckets per window when no bucket width is given: enough points for a correlation, few enough to fill. */
    public static final int DEFAULT_BUCKETS = 30;
    /** Baseline plus window buckets at most: protects memory from a tiny bucket on a long range. */
    public static final int MAX_BUCKETS = 20_000;

    public BottleneckQuery {
        if (window == null) {
            throw new IllegalArgumentException("a window (from, to) is required");
        }
        baseline = baseline == null ? window.preceding(window.length()) : baseline;
        bucket = bucket == null ? window.niceStep(DEFAULT_BUCKETS) : bucket;
        if (bucket.toMillis() < 1) {
            throw new IllegalArgumentException("bucket must be at least 1ms");
        }
        long buckets = (window.lengthNanos() + baseline.lengthNanos()) / bucket.toNanos();
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("bucket " + bucket + " gives " + buckets + " buckets over the window and baseline; the most is "
                    + MAX_BUCKETS + ": use a larger bucket");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        service = service == null || service.isBlank() ? null : service;
    }

    /** The default query for a window: baseline right before it, automatic buckets, all services. */
    public static BottleneckQuery of(TimeRange window) {
        return new BottleneckQuery(window, null, null, null, DEFAULT_LIMIT);
    }
}
