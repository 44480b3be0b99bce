package dev.vigil.analytics.requests;

import java.util.List;

/**
 * One service over the whole range.
 *
 * @param service        the service
 * @param requests       requests served (from access logs)
 * @param errors         HTTP 5xx among them
 * @param logLines       all log lines of the service
 * @param errorLogLines  log lines at ERROR or FATAL
 * @param latency        latency percentiles over all endpoints
 * @param buckets        requests per time bucket (same buckets as the endpoints)
 * @param errorLogCounts ERROR/FATAL log lines per bucket
 * @param logCounts      all log lines per bucket
 */
public record ServiceStats(String service, long requests, long errors, long logLines, long errorLogLines,
                           LatencySummary latency, List<BucketStats> buckets, long[] errorLogCounts, long[] logCounts) {

    /**
     * Share of failed work: HTTP 5xx over requests when the service writes access logs, otherwise
     * the share of its log lines at ERROR or above.
     */
    public double errorRate() {
        if (requests > 0) {
            return (double) errors / requests;
        }
        return logLines == 0 ? 0 : (double) errorLogLines / logLines;
    }
}
