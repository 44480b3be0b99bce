package dev.vigil.reports.incident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.vigil.rca.CandidateKind;
import dev.vigil.rca.RootCauseCandidate;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentStatus;
import dev.vigil.reports.health.HealthFormat;

/**
 * Follow-up items derived from an incident's findings, most urgent first: a degraded change still
 * running is rolled back before anything else; one already undone still needs its fault found
 * before it ships again; a non-change top cause needs a person to look; endpoints users felt need
 * an alert so the next occurrence pages sooner. Each item names the thing and the number behind it.
 */
final class FollowUps {
    /** Alerts are suggested for at most this many endpoints; past that the list stops being read. */
    private static final int ALERT_ITEMS = 3;

    private FollowUps() {
    }

    static List<String> derive(Incident incident, List<RootCauseCandidate> candidates, List<EndpointImpact> endpoints,
                               List<RelatedChange> changes) {
        Set<String> items = new LinkedHashSet<>();
        for (RelatedChange change : changes) {
            if (!change.verdict().equals("degraded")) {
                continue;
            }
            if (change.rolledBackBy() != null) {
                items.add("Find and fix the fault in " + change.label() + " before it ships again (it was rolled back; change "
                        + change.id() + ").");
            } else if (change.rollback()) {
                items.add("Roll back " + change.label() + (change.rollbackTarget() == null ? "" : " to " + change.rollbackTarget())
                        + ": its verdict is degraded (change " + change.id() + ").");
            } else {
                items.add("Review " + change.label() + ": its verdict is degraded (change " + change.id() + ").");
            }
        }
        if (!candidates.isEmpty()) {
            RootCauseCandidate top = candidates.get(0);
            if (top.kind() != CandidateKind.CHANGE) {
                items.add("Investigate " + CandidateText.label(top) + ", the most likely cause (score "
                        + HealthFormat.score(top.score()) + ").");
            }
        } else {
            items.add("Re-run the analysis over a wider window or with a service in focus: this one found no cause.");
        }
        int alerts = 0;
        for (EndpointImpact e : endpoints) {
            if (!e.affected() || alerts == ALERT_ITEMS) {
                continue;
            }
            alerts++;
            boolean errors = !Double.isNaN(e.errorRateDuring())
                    && e.errorRateDuring() - (Double.isNaN(e.errorRateBefore()) ? 0 : e.errorRateBefore()) >= IncidentReportAssembler.ERROR_RATE_RISE;
            if (errors) {
                items.add("Alert on the error rate of " + e.label() + ": it reached " + HealthFormat.fractionPercent(e.errorRateDuring())
                        + " (" + HealthFormat.fractionPercent(e.errorRateBefore()) + " before).");
            } else {
                items.add("Alert on the p95 latency of " + e.label() + ": it reached " + HealthFormat.duration(e.p95DuringMs())
                        + " (" + HealthFormat.duration(e.p95BeforeMs()) + " before).");
            }
        }
        if (incident.status() == IncidentStatus.OPEN) {
            items.add("Resolve the incident once the affected endpoints are back to their earlier error rate and latency.");
        } else {
            items.add("Hold the post-mortem and link this report from it.");
        }
        return new ArrayList<>(items);
    }
}
