package dev.vigil.reports.health;

/**
 * An endpoint that dominates latency.
 *
 * @param timeSharePercent share (0..100) of total time spent in this endpoint
 */
public record Bottleneck(String service, String endpoint, double p99Ms, double timeSharePercent, String reason) {

    public Bottleneck {
        service = service == null ? "" : service;
        endpoint = endpoint == null ? "" : endpoint;
        reason = reason == null ? "" : reason;
    }
}
