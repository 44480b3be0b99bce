package dev.vigil.reports.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything a health report shows for one time window. Null lists are treated as empty.
 *
 * @param from        window start (inclusive)
 * @param to          window end (exclusive)
 * @param generatedAt when the report was assembled
 */
public record HealthReport(Instant from, Instant to, Instant generatedAt,
                           List<ServiceHealth> services,
                           List<EndpointHealth> endpoints,
                           List<Bottleneck> bottlenecks,
                           List<AnomalyFinding> anomalies,
                           List<RootCauseLine> rootCauses,
                           List<ServiceTimeline> timelines) {

    public HealthReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(generatedAt, "generatedAt");
        services = copy(services);
        endpoints = copy(endpoints);
        bottlenecks = copy(bottlenecks);
        anomalies = copy(anomalies);
        rootCauses = copy(rootCauses);
        timelines = copy(timelines);
    }

    /** A report for a window with no data at all. */
    public static HealthReport empty(Instant from, Instant to, Instant generatedAt) {
        return new HealthReport(from, to, generatedAt, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Worst status over all services; {@link ServiceStatus#UNKNOWN} if there are none. */
    public ServiceStatus overallStatus() {
        return ServiceStatus.worst(services.stream().map(ServiceHealth::status).toList());
    }

    /** True when there is nothing at all to report (no services, endpoints, timelines or findings). */
    public boolean isEmpty() {
        return services.isEmpty() && endpoints.isEmpty() && bottlenecks.isEmpty() && anomalies.isEmpty()
                && rootCauses.isEmpty() && timelines.isEmpty();
    }

    private static <T> List<T> copy(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            if (t != null) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
