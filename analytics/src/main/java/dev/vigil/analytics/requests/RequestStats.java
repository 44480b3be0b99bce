package dev.vigil.analytics.requests;

import java.util.List;

import dev.vigil.analytics.TimeRange;

/**
 * Request statistics over a range.
 *
 * @param range       the range
 * @param bucketMillis bucket width
 * @param services    per service, sorted by name
 * @param endpoints   per endpoint, sorted by service then endpoint
 */
public record RequestStats(TimeRange range, long bucketMillis, List<ServiceStats> services, List<EndpointStats> endpoints) {

    public ServiceStats service(String name) {
        for (ServiceStats stats : services) {
            if (stats.service().equals(name)) {
                return stats;
            }
        }
        return null;
    }
}
