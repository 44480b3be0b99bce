package dev.vigil.reports.incident;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.rca.incidents.Incident;
import dev.vigil.reports.health.HealthFormat;

/** Section names and shared wording of the incident report, so Markdown and PDF say the same. */
final class IncidentReportSections {
    static final String SUMMARY = "Summary";
    static final String TIMELINE = "Timeline";
    static final String CAUSES = "Root-cause candidates";
    static final String USERS = "What users saw";
    static final String CHANGES = "Related changes";
    static final String FOLLOW_UPS = "Follow-up items";
    static final String NO_CAUSES = "The analysis found no anomalous signal in the window.";
    static final String NO_CHANGES = "No deploy, rollback, migration or configuration change in the period.";
    /** Unaffected endpoints are listed up to this total; affected ones always are. */
    static final int MAX_ENDPOINT_ROWS = 12;

    private IncidentReportSections() {
    }

    /** Label/value rows of the summary table. */
    static List<String[]> facts(IncidentReport r) {
        Incident i = r.incident();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Status", i.status().name().toLowerCase(java.util.Locale.ROOT)});
        rows.add(new String[] {"Window", HealthFormat.window(i.window().from(), i.window().to())});
        rows.add(new String[] {"Service", i.service() == null ? "all services" : i.service()});
        rows.add(new String[] {"Opened", HealthFormat.instant(i.openedAt()) + " (" + i.origin().type() + ")"});
        rows.add(new String[] {"Resolved", i.resolvedAt() == null ? "not yet" : HealthFormat.instant(i.resolvedAt())});
        rows.add(new String[] {"Top cause", r.candidates().isEmpty() ? "none found" : CandidateText.label(r.candidates().get(0))});
        rows.add(new String[] {"Compared with", HealthFormat.window(r.baseline().from(), r.baseline().to())});
        return rows;
    }

    static String usersIntro(IncidentReport r) {
        int affected = r.affectedEndpoints().size();
        return "Errors (HTTP 5xx) and p95 latency per endpoint in the incident window against "
                + HealthFormat.window(r.baseline().from(), r.baseline().to()) + ". "
                + (affected == 0 ? "No endpoint got materially worse." : affected + (affected == 1 ? " endpoint" : " endpoints")
                + " got materially worse (error rate up by at least 1 point, or p95 at least 1.5 times and 50 ms higher).");
    }

    static List<EndpointImpact> shownEndpoints(IncidentReport r) {
        List<EndpointImpact> out = new ArrayList<>();
        for (EndpointImpact e : r.endpoints()) {
            if (e.affected() || out.size() < MAX_ENDPOINT_ROWS) {
                out.add(e);
            }
        }
        return out;
    }

    static String[] endpointRow(EndpointImpact e) {
        return new String[] {
            e.label(), HealthFormat.count(e.requestsBefore()), HealthFormat.count(e.requestsDuring()),
            HealthFormat.fractionPercent(e.errorRateBefore()), HealthFormat.fractionPercent(e.errorRateDuring()),
            HealthFormat.duration(e.p95BeforeMs()), HealthFormat.duration(e.p95DuringMs()), e.affected() ? "yes" : "no",
        };
    }
}
