package dev.vigil.analytics.search;

import java.time.Duration;

/**
 * Counts of matching events per interval.
 *
 * @param startNanos  start of the first bucket (aligned to the interval)
 * @param interval    bucket width
 * @param counts      one count per bucket
 * @param total       sum of counts
 * @param tookMillis  time spent
 */
public record Histogram(long startNanos, Duration interval, long[] counts, long total, double tookMillis) {
}
