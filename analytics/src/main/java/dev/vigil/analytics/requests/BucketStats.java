package dev.vigil.analytics.requests;

/**
 * Requests in one time bucket.
 *
 * @param startMillis bucket start
 * @param requests    requests that started in the bucket
 * @param errors      of which failed on the server side (HTTP 5xx)
 * @param latency     their latency percentiles
 */
public record BucketStats(long startMillis, long requests, long errors, LatencySummary latency) {

    public double errorRate() {
        return requests == 0 ? Double.NaN : (double) errors / requests;
    }
}
