package dev.vigil.reports.incident;

/**
 * What the callers of one endpoint saw during the incident compared with before it.
 *
 * @param service         the service serving it
 * @param endpoint        {@code "METHOD route"}
 * @param requestsBefore  requests in the comparison period before the incident
 * @param requestsDuring  requests in the incident window
 * @param errorRateBefore 0..1, NaN without requests
 * @param errorRateDuring 0..1, NaN without requests
 * @param p95BeforeMs     p95 latency before, NaN without requests
 * @param p95DuringMs     p95 latency during, NaN without requests
 * @param affected        true when errors or latency got materially worse (see {@link IncidentReportAssembler})
 */
public record EndpointImpact(String service, String endpoint, long requestsBefore, long requestsDuring, double errorRateBefore,
                             double errorRateDuring, double p95BeforeMs, double p95DuringMs, boolean affected) {

    /** "payments POST /api/payments/charge". */
    public String label() {
        return service + " " + endpoint;
    }
}
