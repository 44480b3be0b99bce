package dev.vigil.reports.health;

import java.time.Instant;

/**
 * A metric that departed from its baseline.
 *
 * @param subject  what was measured, e.g. "p95 latency" or "error rate"
 * @param onset    when the anomaly started (nullable)
 * @param score    detector score (higher is more anomalous)
 * @param value    observed value
 * @param baseline expected value
 */
public record AnomalyFinding(String service, String subject, Instant onset, double score, double value,
                             double baseline) {

    public AnomalyFinding {
        service = service == null ? "" : service;
        subject = subject == null ? "" : subject;
    }
}
