package dev.vigil.analytics.patterns.summary;

import java.util.List;

import dev.vigil.ingest.model.LogEvent;

/**
 * What was read about one template beyond its count.
 *
 * @param trend   matching events per interval
 * @param newest  the most recent events, newest first (bounded)
 * @param sampled a uniform random sample of the template's events in the window (bounded), in index order
 */
record TemplateSample(long[] trend, List<LogEvent> newest, List<LogEvent> sampled) {
}
