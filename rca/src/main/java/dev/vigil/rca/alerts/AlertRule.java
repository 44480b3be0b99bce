package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert rule, immutable. Build one with {@link RuleParser} (which validates every field).
 *
 * @param id           unique among rules: lowercase letters, digits, {@code -} and {@code _}
 * @param name         the {@code alertname} label of its alerts
 * @param condition    what it checks
 * @param forDuration  how long the condition must hold before the alert fires (0: at once)
 * @param labels       added to every alert of the rule (e.g. {@code severity: page})
 * @param annotations  texts for people; {@code {{ $value }}} and {@code {{ $labels.NAME }}} are filled in
 * @param openIncident whether a firing alert opens an incident with its root-cause analysis
 * @param origin       {@code api} (created over HTTP, may be changed there) or {@code file} (from
 *                     the alerting configuration file, read-only over HTTP)
 */
public record AlertRule(String id, String name, RuleCondition condition, Duration forDuration, Map<String, String> labels,
                        Map<String, String> annotations, boolean openIncident, String origin) {
    public AlertRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public RuleType type() {
        return condition.type();
    }

    /** The rule as a rule file or the API writes it; {@link RuleParser#parse} reads it back. */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("type", type().label());
        out.putAll(condition.fields());
        out.put("for", Durations.format(forDuration));
        out.put("labels", new java.util.TreeMap<>(labels));
        out.put("annotations", new java.util.TreeMap<>(annotations));
        out.put("open_incident", openIncident);
        return out;
    }

    AlertRule withOrigin(String newOrigin) {
        return new AlertRule(id, name, condition, forDuration, labels, annotations, openIncident, newOrigin);
    }
}
