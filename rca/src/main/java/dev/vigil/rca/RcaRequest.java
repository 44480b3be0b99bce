package dev.vigil.rca;

import dev.vigil.analytics.TimeRange;

/**
 * @param window   the incident window to explain
 * @param service  focus on this service's symptoms, or null for all
 * @param baseline the period to treat as normal, or null to let the analysis choose one before the
 *                 window (see {@link AnalysisFrame}); a baseline that overlaps the window is used
 *                 without the window's part
 */
public record RcaRequest(TimeRange window, String service, TimeRange baseline) {

    public RcaRequest(TimeRange window, String service) {
        this(window, service, null);
    }
}
