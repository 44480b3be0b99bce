package dev.vigil.analytics.bottlenecks;

import dev.vigil.analytics.TimeRange;

/**
 * Fixed-width time buckets over the baseline followed by the window: buckets
 * {@code [0, baselineBuckets)} cover the baseline and {@code [baselineBuckets, size)} the window.
 * The two ranges may overlap or be far apart; a time in both belongs to the window. Each range's
 * first bucket starts at a multiple of the width, as metric queries align their steps, so a
 * metric step and a bucket cover the same time. Immutable.
 */
record BucketLayout(TimeRange baseline, TimeRange window, long widthMillis, long baselineStartMillis, int baselineBuckets,
                    long windowStartMillis, int windowBuckets) {

    static BucketLayout of(TimeRange baseline, TimeRange window, long widthMillis) {
        long baselineStart = alignedStart(baseline, widthMillis);
        long windowStart = alignedStart(window, widthMillis);
        return new BucketLayout(baseline, window, widthMillis, baselineStart, count(baseline, baselineStart, widthMillis),
                windowStart, count(window, windowStart, widthMillis));
    }

    private static long alignedStart(TimeRange range, long widthMillis) {
        return Math.floorDiv(range.fromNanos() / 1_000_000L, widthMillis) * widthMillis;
    }

    private static int count(TimeRange range, long startMillis, long widthMillis) {
        // The same count as MetricQueryEngine gives the range, so metric steps line up one to one.
        long endMillis = range.toNanos() / 1_000_000L;
        return (int) Math.max(1, (endMillis - startMillis + widthMillis - 1) / widthMillis);
    }

    int size() {
        return baselineBuckets + windowBuckets;
    }

    /** The bucket of a time, or -1 when it is in neither range. */
    int index(long nanos) {
        if (window.contains(nanos)) {
            return baselineBuckets + (int) Math.min(windowBuckets - 1, (nanos / 1_000_000L - windowStartMillis) / widthMillis);
        }
        if (baseline.contains(nanos)) {
            return (int) Math.min(baselineBuckets - 1, (nanos / 1_000_000L - baselineStartMillis) / widthMillis);
        }
        return -1;
    }

    boolean inWindow(int bucket) {
        return bucket >= baselineBuckets;
    }

    /** The range metric queries read for the baseline's buckets: from the first bucket's start. */
    TimeRange baselineSteps() {
        return new TimeRange(baselineStartMillis * 1_000_000L, baseline.toNanos());
    }

    TimeRange windowSteps() {
        return new TimeRange(windowStartMillis * 1_000_000L, window.toNanos());
    }
}
