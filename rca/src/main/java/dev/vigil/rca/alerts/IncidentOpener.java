package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * Opens an incident (with its root-cause analysis) for an alert that starts firing, for rules
 * with {@code open_incident: true}. Called on the evaluation's worker thread; may block.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IncidentOpener {
    /** Rules never open incidents. */
    IncidentOpener NONE = (name, labels, firedAt, service) -> null;

    /**
     * @param alertName the alert's name
     * @param labels    its labels
     * @param firedAt   when it started firing
     * @param service   its {@code service} label, or null
     * @return the incident, or null when none was opened
     */
    IncidentLink open(String alertName, Map<String, String> labels, Instant firedAt, String service);

    /**
     * @param incidentId   the incident's id, or null when only the analysis ran
     * @param topRootCause one line naming the most likely root cause, or null when the analysis found none
     */
    record IncidentLink(String incidentId, String topRootCause) {
    }
}
