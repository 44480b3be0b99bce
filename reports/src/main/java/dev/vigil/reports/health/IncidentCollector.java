package dev.vigil.reports.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.vigil.analytics.TimeRange;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentQuery;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.IncidentStatus;
import dev.vigil.rca.incidents.TimelineEntry;
import dev.vigil.rca.incidents.TopCause;

/** The incidents overlapping a window, each with its top cause and a shortened timeline. Thread-safe. */
final class IncidentCollector {
    static final int MAX_INCIDENTS = 50;
    /** A report shows the shape of an incident; the incident report has the whole timeline. */
    static final int MAX_TIMELINE = 10;

    private final IncidentService incidents;

    IncidentCollector(IncidentService incidents) {
        this.incidents = incidents;
    }

    /** Changes this long before an incident's window are context the incident report keeps, not this summary. */
    static final java.time.Duration CHANGE_LOOKBACK = java.time.Duration.ofMinutes(30);

    List<IncidentLine> collect(TimeRange window) {
        List<Incident> found = new ArrayList<>(incidents.list(new IncidentQuery(null, window, null, MAX_INCIDENTS, 0)).incidents());
        found.sort(java.util.Comparator.comparing(i -> i.window().from()));
        List<IncidentLine> out = new ArrayList<>();
        for (Incident incident : found) {
            TopCause top = incident.topCause();
            out.add(new IncidentLine(incident.id(), incident.title(), incident.service(), incident.status() == IncidentStatus.OPEN,
                    incident.window().from(), incident.window().to(), incident.resolvedAt(), top == null ? "" : HealthFormat.readable(describe(top), window.from()),
                    top == null ? Double.NaN : top.score(), timeline(incident, window)));
        }
        return out;
    }

    static String describe(TopCause top) {
        StringBuilder sb = new StringBuilder(HealthFormat.capitalize(top.kind().replace('_', ' ')));
        if (top.service() != null && !top.service().isBlank()) {
            sb.append(" on ").append(top.service());
        }
        if (top.subject() != null && !top.subject().isBlank()) {
            sb.append(": ").append(top.subject());
        }
        return sb.toString();
    }

    /**
     * Keeps the entries a reader needs to follow the incident: window, changes, the first anomalies,
     * the latest analysis and status changes; drops the rest past {@link #MAX_TIMELINE}.
     */
    static List<IncidentLine.TimelineItem> timeline(Incident incident, TimeRange reportWindow) {
        List<TimelineEntry> entries = incident.timeline();
        java.time.Instant earliest = incident.window().from().minus(CHANGE_LOOKBACK);
        List<TimelineEntry> kept = new ArrayList<>();
        int signals = 0;
        TimelineEntry lastAnalysis = null;
        for (TimelineEntry e : entries) {
            switch (e.type()) {
                case SIGNAL, ANOMALY -> {
                    if (signals++ < 3) {
                        kept.add(e);
                    }
                }
                case ANALYSIS -> lastAnalysis = e;
                case CHANGE -> {
                    if (!e.at().isBefore(earliest)) {
                        kept.add(e);
                    }
                }
                default -> kept.add(e);
            }
        }
        if (lastAnalysis != null) {
            kept.add(lastAnalysis);
        }
        kept.sort(java.util.Comparator.comparing(TimelineEntry::at));
        List<IncidentLine.TimelineItem> out = new ArrayList<>();
        for (TimelineEntry e : kept.subList(0, Math.min(MAX_TIMELINE, kept.size()))) {
            out.add(new IncidentLine.TimelineItem(e.at(), e.type().label().toLowerCase(Locale.ROOT),
                    HealthFormat.readable(e.summary(), reportWindow.from())));
        }
        return out;
    }
}
