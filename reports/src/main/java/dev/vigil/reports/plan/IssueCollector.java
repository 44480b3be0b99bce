package dev.vigil.reports.plan;

import java.util.List;
import java.util.Map;
import java.util.ArrayList;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertState;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.changes.ChangeVerdict;
import dev.vigil.rca.changes.TrackedChange;
import dev.vigil.rca.changes.Verdict;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentStatus;

/**
 * Turns alerts, incidents and degraded deploy verdicts into {@link PlanItem}s, and notes per service
 * the problems that degrade its status ({@code problems}). Verdicts read the index: call it from a
 * worker. Thread-safe (no state between calls).
 */
final class IssueCollector {
    private static final int MAX_VERDICTS = 20;

    private final ChangeIntelligence changes;

    IssueCollector(ChangeIntelligence changes) {
        this.changes = changes;
    }

    void collect(List<Alert> alerts, List<Incident> incidents, List<TrackedChange> history, TimeRange window, List<PlanItem> items,
                 Map<String, List<String>> problems) {
        alertItems(alerts, items, problems);
        incidentItems(incidents, items, problems);
        deployItems(history, window, items, problems);
    }

    private static void alertItems(List<Alert> alerts, List<PlanItem> items, Map<String, List<String>> problems) {
        for (Alert alert : alerts) {
            if (alert.state() != AlertState.FIRING && alert.state() != AlertState.RESOLVED) {
                continue;
            }
            String service = alert.labels().get("service");
            boolean slo = alert.labels().containsKey("slo") || alert.ruleId().contains("slo") || alert.ruleId().contains("burn");
            String summary = alert.annotations().getOrDefault("summary", "");
            String text = (slo ? "SLA breach: " : "Alert ") + "**" + alert.name() + "**"
                    + (alert.firedAt() == null ? "" : " firing since " + PlanText.minute(alert.firedAt()))
                    + (summary.isBlank() ? "" : " — " + PlanText.oneLine(summary));
            String severity = alert.labels().getOrDefault("severity", "");
            boolean blocker = severity.equals("critical") || severity.equals("page");
            boolean open = alert.state() == AlertState.FIRING;
            items.add(new PlanItem("alert:" + alert.fingerprint(), service, text, blocker, open ? null
                    : alert.resolvedAt() == null ? alert.evaluatedAt() : alert.resolvedAt()));
            if (open && service != null) {
                problems.computeIfAbsent(service, s -> new ArrayList<>()).add((slo ? "SLO burning: " : "alert firing: ") + alert.name());
            }
        }
    }

    private static void incidentItems(List<Incident> incidents, List<PlanItem> items, Map<String, List<String>> problems) {
        for (Incident incident : incidents) {
            String cause = incident.topCause() == null ? ""
                    : " — likely cause: " + incident.topCause().kind() + " " + incident.topCause().subject()
                    + (incident.topCause().service() == null ? "" : " on " + incident.topCause().service());
            String text = "Incident " + incident.id() + ": " + PlanText.oneLine(incident.title()) + " (opened "
                    + PlanText.minute(incident.openedAt()) + ")" + cause;
            boolean open = incident.status() == IncidentStatus.OPEN;
            items.add(new PlanItem("incident:" + incident.id(), incident.service(), text, open, open ? null : incident.resolvedAt()));
            if (open && incident.service() != null) {
                problems.computeIfAbsent(incident.service(), s -> new ArrayList<>()).add("open incident " + incident.id());
            }
        }
    }

    /**
     * A deploy found degraded is an issue until a later deploy or rollback of the same service
     * replaces it; only the latest deploys are judged (verdicts read the index).
     */
    private void deployItems(List<TrackedChange> history, TimeRange window, List<PlanItem> items, Map<String, List<String>> problems) {
        List<TrackedChange> deploys = new ArrayList<>();
        for (TrackedChange change : history) {
            if (change.event().type() == ChangeType.DEPLOY && change.event().timestampNanos() >= window.fromNanos()) {
                deploys.add(change);
            }
        }
        for (TrackedChange change : deploys.subList(Math.max(0, deploys.size() - MAX_VERDICTS), deploys.size())) {
            ChangeVerdict verdict = changes.verdict(change.event());
            if (verdict.verdict() != Verdict.DEGRADED) {
                continue;
            }
            ChangeEvent event = change.event();
            ChangeEvent replacedBy = nextOfService(history, change);
            String advice = replacedBy != null
                    ? " Then " + (replacedBy.type() == ChangeType.ROLLBACK ? "rolled back" : "deployed") + " to "
                    + (replacedBy.version() == null ? "another version" : replacedBy.version()) + "."
                    : verdict.recommendation() != null && verdict.recommendation().rollback()
                    ? " Roll back" + (verdict.recommendation().target() == null ? "" : " to " + verdict.recommendation().target()) + "."
                    : "";
            String text = "Deploy of " + event.service() + (event.version() == null ? "" : " " + event.version()) + " ("
                    + PlanText.minute(Timestamps.toInstant(event.timestampNanos())) + ") degraded the service"
                    + evidence(verdict.summary()) + "." + advice;
            items.add(new PlanItem("deploy:" + change.id(), event.service(), text, replacedBy == null && advice.startsWith(" Roll back"),
                    replacedBy == null ? null : Timestamps.toInstant(replacedBy.timestampNanos())));
            if (replacedBy == null) {
                problems.computeIfAbsent(event.service(), s -> new ArrayList<>()).add("deploy " + event.version() + " degraded");
            }
        }
    }

    /** The before/after figures of a verdict's summary, or nothing: the full summary is a paragraph, too long for a to-do. */
    private static String evidence(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(old: ([^;)]*); new: ([^)]*)\\)").matcher(summary == null ? "" : summary);
        return m.find() ? " (before: " + PlanText.oneLine(m.group(1)) + "; after: " + PlanText.oneLine(m.group(2)) + ")" : "";
    }

    private static ChangeEvent nextOfService(List<TrackedChange> history, TrackedChange change) {
        for (TrackedChange later : history) {
            ChangeEvent event = later.event();
            if (event.service().equals(change.event().service()) && event.timestampNanos() > change.event().timestampNanos()
                    && (event.type() == ChangeType.DEPLOY || event.type() == ChangeType.ROLLBACK)) {
                return event;
            }
        }
        return null;
    }
}
