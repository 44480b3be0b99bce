package dev.vigil.analytics;

import java.time.Duration;
import java.time.Instant;

import dev.vigil.ingest.model.Timestamps;

/**
 * A closed-open time range {@code [fromNanos, toNanos)} in epoch nanoseconds.
 */
public record TimeRange(long fromNanos, long toNanos) {

    public TimeRange {
        if (toNanos <= fromNanos) {
            throw new IllegalArgumentException("time range is empty: 'to' (" + Timestamps.format(toNanos)
                    + ") must be after 'from' (" + Timestamps.format(fromNanos) + ")");
        }
    }

    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(Timestamps.toNanos(from), Timestamps.toNanos(to));
    }

    public Instant from() {
        return Timestamps.toInstant(fromNanos);
    }

    public Instant to() {
        return Timestamps.toInstant(toNanos);
    }

    public long lengthNanos() {
        return toNanos - fromNanos;
    }

    public Duration length() {
        return Duration.ofNanos(lengthNanos());
    }

    public boolean contains(long nanos) {
        return nanos >= fromNanos && nanos < toNanos;
    }

    /** The range of the same length that ends where this one starts. */
    public TimeRange preceding(Duration length) {
        return new TimeRange(fromNanos - length.toNanos(), fromNanos);
    }

    /** A bucket width giving about {@code buckets} buckets, rounded to a human step (1s, 5s, 1m, ...). */
    public Duration niceStep(int buckets) {
        long raw = Math.max(1, lengthNanos() / Math.max(1, buckets));
        long[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
        for (long seconds : steps) {
            if (seconds * 1_000_000_000L >= raw) {
                return Duration.ofSeconds(seconds);
            }
        }
        return Duration.ofDays(Math.max(1, raw / 86_400_000_000_000L));
    }

    @Override
    public String toString() {
        return "[" + Timestamps.format(fromNanos) + ", " + Timestamps.format(toNanos) + ")";
    }
}
