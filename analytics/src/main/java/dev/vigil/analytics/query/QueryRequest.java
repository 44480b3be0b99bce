package dev.vigil.analytics.query;

import java.time.Duration;

import dev.vigil.analytics.TimeRange;

/**
 * A query to run.
 *
 * @param query   the query text ({@code docs/query.md})
 * @param range   the time range of the events it reads
 * @param timeout the time budget; when it runs out the answer holds what was computed so far,
 *                flagged partial. Null means {@link #DEFAULT_TIMEOUT}.
 */
public record QueryRequest(String query, TimeRange range, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    public QueryRequest {
        if (range == null) {
            throw new IllegalArgumentException("a time range is required");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be more than 0 and at most " + MAX_TIMEOUT.toMinutes() + " minutes, got " + timeout);
        }
    }
}
