package dev.vigil.reports.health;

import java.time.Instant;
import java.util.List;

/**
 * An incident whose window overlaps the report window.
 *
 * @param open       true while unresolved
 * @param topCause   the analysis' best candidate in words, or "" when it found none
 * @param timeline   the incident's timeline, one short line per entry, in time order (already shortened)
 */
public record IncidentLine(String id, String title, String service, boolean open, Instant from, Instant to, Instant resolvedAt,
                           String topCause, double topCauseScore, List<TimelineItem> timeline) {

    public IncidentLine {
        id = id == null ? "" : id;
        title = title == null ? "" : title;
        service = service == null ? "" : service;
        topCause = topCause == null ? "" : topCause;
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** One timeline entry: when, what kind ("change", "anomaly", ...) and what happened. */
    public record TimelineItem(Instant at, String kind, String text) {
    }
}
