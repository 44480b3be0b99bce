package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of the alert history: a state change, or the start or end of flapping.
 *
 * @param at          evaluation time
 * @param fingerprint the alert
 * @param ruleId      its rule
 * @param labels      its labels
 * @param from        previous state ({@code inactive} for a new alert)
 * @param to          new state; for flapping entries the state it is in
 * @param value       measured value at the time (NaN when none)
 * @param note        {@code flapping started}, {@code flapping stopped}, or null
 */
public record Transition(Instant at, String fingerprint, String ruleId, Map<String, String> labels, AlertState from, AlertState to,
                         double value, String note) {
    public Transition {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", at.toString());
        out.put("fingerprint", fingerprint);
        out.put("rule", ruleId);
        out.put("labels", labels);
        out.put("from", from.label());
        out.put("to", to.label());
        out.put("value", value);
        if (note != null) {
            out.put("note", note);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Transition fromFields(Map<String, Object> f) {
        Object value = f.get("value");
        return new Transition(Instant.parse((String) f.get("at")), (String) f.get("fingerprint"), (String) f.get("rule"),
                (Map<String, String>) f.get("labels"), AlertState.parse((String) f.get("from")), AlertState.parse((String) f.get("to")),
                value instanceof Number n ? n.doubleValue() : Double.NaN, (String) f.get("note"));
    }
}
