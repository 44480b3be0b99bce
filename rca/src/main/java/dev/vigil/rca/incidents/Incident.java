package dev.vigil.rca.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.vigil.analytics.TimeRange;

/**
 * One incident, as stored and as the API shows it. Immutable: changes make a new value that the
 * {@link IncidentStore} writes.
 *
 * @param id         see {@link IncidentIds}
 * @param title      a person's name for it
 * @param service    the service the incident is about, or null for the whole system
 * @param status     open or resolved
 * @param origin     what opened it
 * @param window     the incident window the analysis explains
 * @param openedAt   when it was opened
 * @param resolvedAt when it was resolved, or null while open
 * @param topCause   the latest analysis' best candidate, or null when it found none
 * @param rca        the latest root-cause analysis as a JSON object, exactly as {@code POST /api/v1/rca} answers
 * @param timeline   entries in time order (ties keep the order they were added in)
 */
public record Incident(String id, String title, String service, IncidentStatus status, IncidentOrigin origin,
                       TimeRange window, Instant openedAt, Instant resolvedAt, TopCause topCause, String rca,
                       List<TimelineEntry> timeline) {

    /** Time order; a stable sort keeps the causal order of entries at the same instant. */
    static final Comparator<TimelineEntry> TIMELINE_ORDER = Comparator.comparing(TimelineEntry::at);

    public Incident {
        if (!IncidentIds.isValid(id)) {
            throw new IllegalArgumentException("invalid incident id '" + id + "'");
        }
        List<TimelineEntry> sorted = new ArrayList<>(timeline);
        sorted.sort(TIMELINE_ORDER);
        timeline = List.copyOf(sorted);
    }

    Incident resolved(Instant at, String note) {
        List<TimelineEntry> entries = new ArrayList<>(timeline);
        entries.add(new TimelineEntry(at, TimelineEntry.Type.STATUS, null,
                "resolved" + (note == null || note.isBlank() ? "" : ": " + note)));
        return new Incident(id, title, service, IncidentStatus.RESOLVED, origin, window, openedAt, at, topCause, rca, entries);
    }

    /** This incident with a new analysis: derived entries replaced, history entries kept. */
    Incident reanalysed(TopCause newTopCause, String newRca, List<TimelineEntry> derived, TimelineEntry analysis) {
        List<TimelineEntry> entries = new ArrayList<>(derived);
        for (TimelineEntry entry : timeline) {
            if (entry.type().isHistory()) {
                entries.add(entry);
            }
        }
        entries.add(analysis);
        return new Incident(id, title, service, status, origin, window, openedAt, resolvedAt, newTopCause, newRca, entries);
    }
}
