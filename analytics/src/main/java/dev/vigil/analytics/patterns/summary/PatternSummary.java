package dev.vigil.analytics.patterns.summary;

import java.util.List;
import java.util.Set;

import dev.vigil.ingest.model.LogEvent;

/**
 * One template in a window.
 *
 * @param id         the template id (current: merged-away ids resolve to it)
 * @param text       the template text with {@code <*>} for variables; null when the catalog does not know the id
 * @param count      matching events in the window
 * @param share      {@code count} over all matching log events in the window
 * @param firstNanos earliest occurrence in the window
 * @param lastNanos  latest occurrence in the window
 * @param trend      counts per interval (see {@link PatternReport#trendStartNanos()})
 * @param examples   distinct example messages' events, most recent first
 * @param sampled    how many events the parameter summaries were computed from
 * @param parameters one summary per {@code <*>}
 * @param indexedIds the ids its events were indexed with (itself and merged-away ids)
 */
public record PatternSummary(String id, String text, long count, double share, long firstNanos, long lastNanos, long[] trend,
                             List<LogEvent> examples, int sampled, List<ParameterSummary> parameters, Set<String> indexedIds) {
}
