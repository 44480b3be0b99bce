package dev.vigil.reports.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.vigil.analytics.uptime.ProbeUptime;

/**
 * Everything a health report shows for one time window. Null lists are treated as empty.
 *
 * @param from        window start (inclusive)
 * @param to          window end (exclusive)
 * @param generatedAt     when the report was assembled
 * @param performance     per service: this window against the one before
 * @param slos            SLOs at the end of the window (empty without an SLO source)
 * @param probes          uptime per probe from recorded {@code probe_success} samples
 * @param incidents       incidents overlapping the window (empty without an incident source)
 * @param changes         deploys and other changes in the window with their verdicts
 * @param anomalySpans    when each anomaly lasted, for shading the charts
 * @param recommendations what to do about the findings, most urgent first
 */
public record HealthReport(Instant from, Instant to, Instant generatedAt,
                           List<ServiceHealth> services,
                           List<EndpointHealth> endpoints,
                           List<Bottleneck> bottlenecks,
                           List<AnomalyFinding> anomalies,
                           List<RootCauseLine> rootCauses,
                           List<ServiceTimeline> timelines,
                           List<ServicePerformance> performance,
                           List<SloLine> slos,
                           List<ProbeUptime> probes,
                           List<IncidentLine> incidents,
                           List<ChangeLine> changes,
                           List<AnomalySpan> anomalySpans,
                           List<ActionItem> recommendations) {

    /** A report without comparison, SLOs, uptime, incidents, changes or recommendations. */
    public HealthReport(Instant from, Instant to, Instant generatedAt, List<ServiceHealth> services, List<EndpointHealth> endpoints,
                        List<Bottleneck> bottlenecks, List<AnomalyFinding> anomalies, List<RootCauseLine> rootCauses,
                        List<ServiceTimeline> timelines) {
        this(from, to, generatedAt, services, endpoints, bottlenecks, anomalies, rootCauses, timelines,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

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
        performance = copy(performance);
        slos = copy(slos);
        probes = copy(probes);
        incidents = copy(incidents);
        changes = copy(changes);
        anomalySpans = copy(anomalySpans);
        recommendations = copy(recommendations);
    }

    /** This report with {@code items} as its recommendations. */
    public HealthReport withRecommendations(List<ActionItem> items) {
        return new HealthReport(from, to, generatedAt, services, endpoints, bottlenecks, anomalies, rootCauses, timelines,
                performance, slos, probes, incidents, changes, anomalySpans, items);
    }

    /** A report for a window with no data at all. */
    public static HealthReport empty(Instant from, Instant to, Instant generatedAt) {
        return new HealthReport(from, to, generatedAt, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Worst status over all services ({@link ServiceStatus#UNKNOWN} if there are none), and at least
     * {@link ServiceStatus#DEGRADED} when the window missed an SLO or a probe's SLA, an incident is
     * still open, or a degraded change was not rolled back: services that look healthy at the end of
     * the window do not make such a window healthy.
     */
    public ServiceStatus overallStatus() {
        ServiceStatus worst = ServiceStatus.worst(services.stream().map(ServiceHealth::status).toList());
        boolean findings = slos.stream().anyMatch(s -> !s.met()) || probes.stream().anyMatch(p -> !p.slaMet())
                || incidents.stream().anyMatch(IncidentLine::open)
                || changes.stream().anyMatch(c -> c.verdict().equals("degraded") && !c.rolledBack());
        return findings && worst.severity() < ServiceStatus.DEGRADED.severity() ? ServiceStatus.DEGRADED : worst;
    }

    /** True when there is nothing at all to report (no services, endpoints, timelines, SLOs, probes, incidents, changes or findings). */
    public boolean isEmpty() {
        return services.isEmpty() && endpoints.isEmpty() && bottlenecks.isEmpty() && anomalies.isEmpty()
                && rootCauses.isEmpty() && timelines.isEmpty() && performance.isEmpty() && slos.isEmpty() && probes.isEmpty()
                && incidents.isEmpty() && changes.isEmpty();
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
