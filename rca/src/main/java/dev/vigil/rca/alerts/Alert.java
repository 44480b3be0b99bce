package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of one alert (one rule, one label set).
 *
 * @param fingerprint    hash of {@code labels} (see {@link Fingerprint})
 * @param ruleId         the rule that produced it
 * @param labels         {@code alertname}, the finding's labels and the rule's labels, sorted
 * @param annotations    the rule's annotations filled in, plus {@code summary}, and
 *                       {@code incident_id} / {@code root_cause} once an incident was opened
 * @param state          lifecycle state
 * @param value          the last measured value (NaN when there is none)
 * @param activeSince    when the condition started holding (null when inactive)
 * @param firedAt        when it started firing (null before)
 * @param resolvedAt     when it resolved (null unless resolved)
 * @param evaluatedAt    the last evaluation that saw it
 * @param flapping       changing state too often: its notifications are held until it is stable
 * @param silencedBy     ids of the active silences that match it; notifications are suppressed while not empty
 */
public record Alert(String fingerprint, String ruleId, Map<String, String> labels, Map<String, String> annotations, AlertState state,
                    double value, Instant activeSince, Instant firedAt, Instant resolvedAt, Instant evaluatedAt, boolean flapping,
                    List<String> silencedBy) {
    public Alert {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        silencedBy = List.copyOf(silencedBy);
    }

    public String name() {
        return labels.get("alertname");
    }

    public boolean silenced() {
        return !silencedBy.isEmpty();
    }

    /** The alert as the alerts API and the webhook payload show it. */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fingerprint", fingerprint);
        out.put("rule", ruleId);
        out.put("state", state.label());
        out.put("labels", labels);
        out.put("annotations", annotations);
        out.put("value", value);
        out.put("active_since", activeSince == null ? null : activeSince.toString());
        out.put("fired_at", firedAt == null ? null : firedAt.toString());
        out.put("resolved_at", resolvedAt == null ? null : resolvedAt.toString());
        out.put("evaluated_at", evaluatedAt == null ? null : evaluatedAt.toString());
        out.put("flapping", flapping);
        out.put("silenced_by", silencedBy);
        return out;
    }
}
