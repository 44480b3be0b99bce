package dev.vigil.reports.health;

/**
 * Per-endpoint traffic and latency.
 *
 * @param endpoint  e.g. {@code "POST /api/checkout"}
 * @param errorRate 0..1
 */
public record EndpointHealth(String service, String endpoint, long requests, double ratePerSecond,
                             double errorRate, double p50Ms, double p95Ms, double p99Ms) {

    public EndpointHealth {
        service = service == null ? "" : service;
        endpoint = endpoint == null ? "" : endpoint;
    }
}
