package dev.vigil.rca.incidents;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What opened an incident: a person through the API, or an alert.
 *
 * @param alert   the alert's name, or null when opened by hand
 * @param labels  the alert's labels, sorted by key (empty when opened by hand)
 * @param firedAt when the alert fired, or null when opened by hand
 */
public record IncidentOrigin(String alert, Map<String, String> labels, Instant firedAt) {
    public static final IncidentOrigin MANUAL = new IncidentOrigin(null, Map.of(), null);

    public IncidentOrigin {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public static IncidentOrigin alert(String name, Map<String, String> labels, Instant firedAt) {
        return new IncidentOrigin(name, labels, firedAt);
    }

    public boolean isAlert() {
        return alert != null;
    }

    /** {@code "alert"} or {@code "manual"}. */
    public String type() {
        return isAlert() ? "alert" : "manual";
    }
}
