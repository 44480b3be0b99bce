package dev.vigil.reports.incident;

import java.time.Instant;
import java.util.List;

/**
 * Error rate and p95 latency of one endpoint per time bucket, for the users'-view chart.
 *
 * @param label        "service METHOD route"
 * @param bucketStarts start of each bucket
 * @param errorRate    0..1 per bucket, NaN where the bucket had no requests
 * @param p95Ms        per bucket, NaN where the bucket had no requests
 */
public record EndpointSeries(String label, List<Instant> bucketStarts, double[] errorRate, double[] p95Ms) {

    public EndpointSeries {
        bucketStarts = List.copyOf(bucketStarts);
        if (errorRate.length != bucketStarts.size() || p95Ms.length != bucketStarts.size()) {
            throw new IllegalArgumentException("one value per bucket is required");
        }
    }
}
