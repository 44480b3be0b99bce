package dev.vigil.analytics.requests;

import java.util.List;

/**
 * One endpoint of one service over the whole range.
 *
 * @param service       the service
 * @param endpoint      {@code "METHOD route"} (or the route alone)
 * @param requests      request count
 * @param errors        HTTP 5xx count
 * @param ratePerSecond requests per second over the range
 * @param latency       latency percentiles over the range
 * @param buckets       the same per time bucket
 */
public record EndpointStats(String service, String endpoint, long requests, long errors, double ratePerSecond,
                            LatencySummary latency, List<BucketStats> buckets) {

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
