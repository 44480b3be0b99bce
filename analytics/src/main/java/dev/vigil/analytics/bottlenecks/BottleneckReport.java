package dev.vigil.analytics.bottlenecks;

import java.util.List;

/**
 * Where the window's request time went.
 *
 * @param query           what was asked (baseline and bucket filled in)
 * @param bucketMillis    width of the correlation buckets
 * @param totalMs         sum of every endpoint's total time in the window (nested calls counted at each level)
 * @param selfMs          sum of every endpoint's self time (each millisecond counted once)
 * @param endpointCount   how many endpoints had requests in the window (more than {@code endpoints} may list)
 * @param endpoints       the costliest endpoints, at most {@code query.limit()}
 * @param resources       resources ranked over the listed endpoints
 * @param spans           spans read for nesting and dependencies
 * @param upstreamLogs    access logs read for upstream fields
 * @param truncated       true when spans or upstream logs were more than the analysis keeps
 */
public record BottleneckReport(BottleneckQuery query, long bucketMillis, int baselineBuckets, int windowBuckets, double totalMs,
                               double selfMs, int endpointCount, List<EndpointBottleneck> endpoints,
                               List<ResourceBottleneck> resources, long spans, long upstreamLogs, boolean truncated,
                               double tookMillis) {
}
