package dev.vigil.reports.health;

/**
 * Per-service health over the report window.
 *
 * @param uptimePercent 0..100
 * @param errorRate     0..1
 */
public record ServiceHealth(String service, ServiceStatus status, double uptimePercent, long requests,
                            double errorRate, double p95Ms, double p99Ms) {

    public ServiceHealth {
        service = service == null ? "" : service;
        status = status == null ? ServiceStatus.UNKNOWN : status;
    }
}
