package dev.vigil.analytics.patterns.summary;

import dev.vigil.analytics.TimeRange;

/**
 * A request for the templates that are new or changed rate in a window against a baseline.
 *
 * @param query    Lucene query syntax as the search takes; blank means all log events
 * @param window   the window under study
 * @param baseline the window to compare with; null means the window of the same length right before
 * @param alpha    a change is significant when its adjusted p-value is at most this, in (0, 1)
 * @param minRatio a change must also multiply or divide the rate by at least this (1 keeps every significant change)
 * @param limit    most templates per list, 1..{@value #MAX_LIMIT}
 */
public record ChangeQuery(String query, TimeRange window, TimeRange baseline, double alpha, double minRatio, int limit) {
    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 50;
    public static final double DEFAULT_ALPHA = 0.01;
    public static final double DEFAULT_MIN_RATIO = 1.5;

    public ChangeQuery {
        query = query == null ? "" : query;
        if (window == null) {
            throw new IllegalArgumentException("a window is required");
        }
        baseline = baseline == null ? window.preceding(window.length()) : baseline;
        if (baseline.fromNanos() < window.toNanos() && window.fromNanos() < baseline.toNanos()) {
            throw new IllegalArgumentException("the baseline " + baseline + " overlaps the window " + window
                    + ": the test compares counts of disjoint windows");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), got " + alpha);
        }
        if (!(minRatio >= 1) || Double.isInfinite(minRatio)) {
            throw new IllegalArgumentException("min_ratio must be a finite number of at least 1, got " + minRatio);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Defaults for everything but the query and the window; the baseline is the window before. */
    public static ChangeQuery of(String query, TimeRange window) {
        return new ChangeQuery(query, window, null, DEFAULT_ALPHA, DEFAULT_MIN_RATIO, DEFAULT_LIMIT);
    }
}
