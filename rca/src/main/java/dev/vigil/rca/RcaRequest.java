package dev.vigil.rca;

import dev.vigil.analytics.TimeRange;

/**
 * @param window  the incident window to explain
 * @param service focus on this service's symptoms, or null for all
 */
public record RcaRequest(TimeRange window, String service) {
}
