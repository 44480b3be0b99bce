package dev.vigil.analytics.search;

import dev.vigil.analytics.TimeRange;

/**
 * A search for events.
 *
 * @param query       Lucene query syntax; blank matches everything
 * @param kind        {@code log}, {@code change} or {@code span}
 * @param range       time range to search
 * @param limit       most hits to return, 1..10,000
 * @param newestFirst sort order by timestamp
 */
public record SearchRequest(String query, String kind, TimeRange range, int limit, boolean newestFirst) {
    public static final int MAX_LIMIT = 10_000;

    public SearchRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        kind = kind == null ? "log" : kind;
        if (!kind.equals("log") && !kind.equals("change") && !kind.equals("span")) {
            throw new IllegalArgumentException("kind must be log, change or span, got '" + kind + "'");
        }
    }
}
