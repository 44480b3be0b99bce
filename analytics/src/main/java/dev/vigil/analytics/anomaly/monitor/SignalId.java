package dev.vigil.analytics.anomaly.monitor;

/**
 * Names one monitored series.
 *
 * @param kind     what it measures
 * @param series   a stable, human-readable key, unique among all series (e.g.
 *                 {@code db_pool_active_connections{instance="h1",service="payments"}} or
 *                 {@code payments POST /api/payments/charge error_rate})
 * @param service  the service it belongs to ({@code unknown} when a metric has no service label)
 * @param endpoint the endpoint for per-endpoint request signals, else null
 * @param template the log template id for template rates, else null
 */
public record SignalId(SignalKind kind, String series, String service, String endpoint, String template) {
    public SignalId {
        if (kind == null || series == null || series.isEmpty() || service == null || service.isEmpty()) {
            throw new IllegalArgumentException("kind, series and service are required");
        }
    }
}
