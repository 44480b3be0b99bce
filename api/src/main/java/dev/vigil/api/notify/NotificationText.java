package dev.vigil.api.notify;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertState;
import dev.vigil.rca.alerts.Notification;

/** The plain-text forms of a notification: one title line and a body, shared by email and Slack. */
final class NotificationText {
    /** More alerts than this are summarised as a count, so a storm stays one readable message. */
    static final int MAX_LISTED = 20;

    private NotificationText() {
    }

    /** {@code [FIRING:3] HighErrorRate service=checkout} or {@code [RESOLVED] ...}. */
    static String title(Notification n) {
        int firing = n.firing().size();
        String head = firing > 0 ? "[FIRING:" + firing + "]" : "[RESOLVED]";
        String labels = n.groupLabels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !e.getKey().equals("alertname")).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        String name = n.groupLabels().getOrDefault("alertname", n.alerts().get(0).name());
        return head + " " + name + (labels.isEmpty() ? "" : " " + labels);
    }

    static String body(Notification n) {
        StringBuilder b = new StringBuilder();
        section(b, "Firing", n.firing());
        section(b, "Resolved", n.resolved());
        return b.toString();
    }

    private static void section(StringBuilder b, String heading, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        b.append(heading).append(" (").append(alerts.size()).append("):\n");
        for (int i = 0; i < Math.min(MAX_LISTED, alerts.size()); i++) {
            b.append(line(alerts.get(i))).append('\n');
        }
        if (alerts.size() > MAX_LISTED) {
            b.append("- and ").append(alerts.size() - MAX_LISTED).append(" more\n");
        }
        b.append('\n');
    }

    static String line(Alert a) {
        StringBuilder b = new StringBuilder("- ").append(a.name()).append(' ').append(labels(a.labels()));
        String summary = a.annotations().get("summary");
        if (summary != null) {
            b.append("\n  ").append(summary);
        }
        b.append("\n  ").append(a.state() == AlertState.FIRING ? "firing since " + a.firedAt() : "resolved at " + a.resolvedAt());
        String cause = a.annotations().get("root_cause");
        if (cause != null) {
            b.append("\n  top root cause: ").append(cause);
        }
        String incident = a.annotations().get("incident_id");
        if (incident != null) {
            b.append("\n  incident: ").append(incident);
        }
        return b.toString();
    }

    static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().filter(e -> !e.getKey().equals("alertname"))
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", ", "{", "}"));
    }
}
