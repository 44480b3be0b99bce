package dev.vigil.analytics.patterns.summary;

import java.time.Duration;

import dev.vigil.analytics.TimeRange;

/**
 * A request for the templates of a window.
 *
 * @param query      Lucene query syntax as the search takes ({@code service:checkout}); blank means all log events
 * @param range      the window
 * @param interval   trend bucket width, or null for about 60 buckets over the window
 * @param limit      most templates to return (the most frequent), 1..{@value #MAX_LIMIT}
 * @param examples   example lines per template, 0..{@value #MAX_EXAMPLES}
 * @param sampleSize events sampled per template for the parameter summaries, 1..{@value #MAX_SAMPLE}
 */
public record PatternQuery(String query, TimeRange range, Duration interval, int limit, int examples, int sampleSize) {
    public static final int MAX_LIMIT = 1_000;
    public static final int MAX_EXAMPLES = 20;
    public static final int MAX_SAMPLE = 2_000;
    public static final int DEFAULT_LIMIT = 50;
    public static final int DEFAULT_EXAMPLES = 5;
    public static final int DEFAULT_SAMPLE = 200;

    public PatternQuery {
        query = query == null ? "" : query;
        if (range == null) {
            throw new IllegalArgumentException("a time range is required");
        }
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        check("limit", limit, 1, MAX_LIMIT);
        check("examples", examples, 0, MAX_EXAMPLES);
        check("sample", sampleSize, 1, MAX_SAMPLE);
    }

    /** Defaults for everything but the query and the window. */
    public static PatternQuery of(String query, TimeRange range) {
        return new PatternQuery(query, range, null, DEFAULT_LIMIT, DEFAULT_EXAMPLES, DEFAULT_SAMPLE);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
