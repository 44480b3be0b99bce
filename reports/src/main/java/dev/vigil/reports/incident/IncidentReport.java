package dev.vigil.reports.incident;

import java.time.Instant;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import dev.vigil.rca.RootCauseCandidate;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.TimelineEntry;

/**
 * Everything an incident report shows, gathered once so that the Markdown and the PDF say the
 * same. Immutable.
 *
 * @param incident    the incident as stored
 * @param generatedAt when the report was assembled
 * @param baseline    the period the analysis treated as normal ("before" in the users' view)
 * @param summary     one paragraph for a reader who reads nothing else
 * @param candidates  root-cause candidates, best first (at most {@link IncidentReportAssembler#MAX_CANDIDATES})
 * @param endpoints   endpoints, affected ones first
 * @param series      per-bucket series of the most affected endpoints, for the chart
 * @param chartRange  the time span the chart covers (some time before the window, then the window)
 * @param changes     changes from the start of the baseline to the end of the window, oldest first
 * @param followUps   follow-up items derived from the findings, most urgent first
 */
public record IncidentReport(Incident incident, Instant generatedAt, TimeRange baseline, String summary,
                             List<RootCauseCandidate> candidates, List<EndpointImpact> endpoints, List<EndpointSeries> series,
                             TimeRange chartRange, List<RelatedChange> changes, List<String> followUps) {

    public IncidentReport {
        candidates = List.copyOf(candidates);
        endpoints = List.copyOf(endpoints);
        series = List.copyOf(series);
        changes = List.copyOf(changes);
        followUps = List.copyOf(followUps);
    }

    public TimeRange window() {
        return incident.window();
    }

    public List<TimelineEntry> timeline() {
        return incident.timeline();
    }

    /** The report's title: "Incident ID: title". */
    public String title() {
        return "Incident " + incident.id() + ": " + incident.title();
    }

    /** Endpoints whose errors or latency got materially worse. */
    public List<EndpointImpact> affectedEndpoints() {
        return endpoints.stream().filter(EndpointImpact::affected).toList();
    }
}
