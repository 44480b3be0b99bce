package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.search.EventSearcher;
import dev.vigil.analytics.search.SearchRequest;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.metrics.SeriesSamples;

/**
 * Absence rules: a finding when a service wrote no logs or spans and no metric samples labelled
 * with it, or when a selector's series have no samples, for the whole window. Thread-safe.
 */
final class AbsenceChecker {
    private final EventSearcher searcher;
    private final MetricQueryEngine metrics;

    AbsenceChecker(EventPipeline pipeline, EventSearcher searcher) {
        this.searcher = searcher;
        this.metrics = new MetricQueryEngine(pipeline);
    }

    List<Finding> check(AbsenceCondition c, Instant now) {
        TimeRange range = TimeRange.of(now.minus(c.window()), now);
        String silentFor = "no data for " + Durations.format(c.window());
        if (c.query() != null) {
            SeriesSelector selector = SeriesSelector.parse(c.query());
            if (hasSamples(metrics.select(selector, range))) {
                return List.of();
            }
            return List.of(new Finding(selector.name() == null ? Map.of() : Map.of("metric", selector.name()), Double.NaN,
                    c.query() + ": " + silentFor));
        }
        String query = "service:\"" + c.service().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        for (String kind : new String[] {"log", "span"}) {
            if (searcher.search(new SearchRequest(query, kind, range, 1, true)).total() > 0) {
                return List.of();
            }
        }
        SeriesSelector labelled = new SeriesSelector(null, List.of(dev.vigil.ingest.metrics.LabelMatcher.of("service",
                dev.vigil.ingest.metrics.LabelMatcher.Op.EQ, c.service())));
        if (hasSamples(metrics.select(labelled, range))) {
            return List.of();
        }
        return List.of(new Finding(Map.of("service", c.service()), Double.NaN, c.service() + ": " + silentFor));
    }

    private static boolean hasSamples(List<SeriesSamples> series) {
        for (SeriesSamples s : series) {
            if (s.size() > 0) {
                return true;
            }
        }
        return false;
    }
}
