package dev.vigil.analytics.search;

import java.util.List;

import dev.vigil.ingest.model.Event;

/**
 * @param hits       matching events in the requested order, at most the limit
 * @param total      exact number of matching events
 * @param tookMillis time spent searching
 */
public record SearchResult(List<Event> hits, long total, double tookMillis) {
}
