package dev.vigil.analytics.patterns.summary;

import java.time.Duration;
import java.util.List;

import dev.vigil.analytics.TimeRange;

/**
 * The templates of a window, most frequent first.
 *
 * @param range           the window
 * @param query           the query the events matched
 * @param total           matching log events in the window (the denominator of every share)
 * @param untemplated     matching events that carry no template id (indexed before mining was on)
 * @param templates       distinct templates among them (before the limit)
 * @param trendStartNanos start of the first trend bucket (the window start rounded down to the interval)
 * @param interval        trend bucket width
 * @param patterns        the most frequent templates, at most the query's limit
 * @param tookMillis      time spent
 */
public record PatternReport(TimeRange range, String query, long total, long untemplated, int templates, long trendStartNanos,
                            Duration interval, List<PatternSummary> patterns, double tookMillis) {
}
