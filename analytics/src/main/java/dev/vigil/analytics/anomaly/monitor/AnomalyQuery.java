package dev.vigil.analytics.anomaly.monitor;

import dev.vigil.analytics.TimeRange;

/**
 * Which anomalies to list: those whose onset lies in {@code range}.
 *
 * @param range    onsets in this range
 * @param service  only this service, or null for all
 * @param minScore only episodes whose score is at least this, in [0, 1]
 * @param kind     only this kind of series, or null for all
 */
public record AnomalyQuery(TimeRange range, String service, double minScore, SignalKind kind) {
    public AnomalyQuery {
        if (range == null) {
            throw new IllegalArgumentException("range is required");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("min_score must be between 0 and 1, got " + minScore);
        }
        service = service == null || service.isBlank() ? null : service;
    }
}
