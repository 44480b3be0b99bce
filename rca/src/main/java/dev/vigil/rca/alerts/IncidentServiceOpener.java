package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.Map;

import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.TopCause;

/**
 * Opens a stored incident (with its root-cause analysis and timeline) through
 * {@link IncidentService#openFromAlert}; an alert that fires again while its incident is open
 * reuses that incident. Thread-safe (the service is).
 */
public final class IncidentServiceOpener implements IncidentOpener {
    private final IncidentService incidents;

    public IncidentServiceOpener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public IncidentLink open(String alertName, Map<String, String> labels, Instant firedAt, String service) {
        Incident incident = incidents.openFromAlert(alertName, labels, firedAt, service).incident();
        TopCause top = incident.topCause();
        return new IncidentLink(incident.id(), top == null ? null
                : top.kind() + " " + top.service() + " " + top.subject() + " (score " + ThresholdChecker.round(top.score()) + ")");
    }
}
