package dev.vigil.reports.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wording, ordering and summary logic shared by the Markdown and PDF writers so both show the same content.
 * Texts are plain (unescaped) and Latin-1 only.
 */
final class ReportContent {

    static final String TITLE = "Vigil health report";
    static final String NO_DATA = "No data for this window.";
    static final String NO_SERVICES = "No data: no services reported in this window.";
    static final String NO_ROOT_CAUSES = "No root-cause candidates in this window.";
    static final String NO_ANOMALIES = "No anomalies detected in this window.";
    static final String NO_ENDPOINTS = "No data: no endpoint traffic in this window.";
    static final String NO_BOTTLENECKS = "No bottlenecks identified in this window.";
    static final String NO_TIMELINES = "No data: no time series in this window, so the charts are empty.";
    static final String NO_TIMELINES_SHORT = "No data: no time series in this window.";
    static final String ENDPOINTS_NOTE = "Sorted by p99 latency, slowest first.";

    /** Chart file names and captions, in display order. */
    static final Map<String, String> CHARTS = orderedCharts();

    private ReportContent() {
    }

    private static Map<String, String> orderedCharts() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(ChartRenderer.REQUEST_RATE_FILE, "Request rate");
        m.put(ChartRenderer.ERROR_RATE_FILE, "Error rate");
        m.put(ChartRenderer.P95_LATENCY_FILE, "p95 latency");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One labelled line of the at-a-glance summary. */
    record SummaryItem(String label, String text) {
    }

    static String windowLine(HealthReport r) {
        return HealthFormat.window(r.from(), r.to());
    }

    /** Services, worst status first, then by name. */
    static List<ServiceHealth> services(HealthReport r) {
        return r.services().stream()
                .sorted(Comparator.comparingInt((ServiceHealth s) -> -s.status().severity())
                        .thenComparing(ServiceHealth::service))
                .toList();
    }

    /** Endpoints by p99 descending (missing p99 last), then by service and endpoint. */
    static List<EndpointHealth> endpoints(HealthReport r) {
        return r.endpoints().stream()
                .sorted(Comparator.comparingDouble((EndpointHealth e) -> Double.isNaN(e.p99Ms())
                                ? Double.POSITIVE_INFINITY : -e.p99Ms())
                        .thenComparing(EndpointHealth::service).thenComparing(EndpointHealth::endpoint))
                .toList();
    }

    /** Anomalies in chronological order of onset (unknown onset last), ties by score descending. */
    static List<AnomalyFinding> anomalies(HealthReport r) {
        return r.anomalies().stream()
                .sorted(Comparator.comparing(AnomalyFinding::onset, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingDouble(a -> Double.isNaN(a.score()) ? 0 : -a.score()))
                .toList();
    }

    /** Root causes by rank. */
    static List<RootCauseLine> rootCauses(HealthReport r) {
        return r.rootCauses().stream().sorted(Comparator.comparingInt(RootCauseLine::rank)).toList();
    }

    /** Bottlenecks in the order the assembler ranked them. */
    static List<Bottleneck> bottlenecks(HealthReport r) {
        return r.bottlenecks();
    }

    static RootCauseLine topRootCause(HealthReport r) {
        List<RootCauseLine> causes = rootCauses(r);
        return causes.isEmpty() ? null : causes.get(0);
    }

    /** Heading for a root cause, e.g. "Deploy on checkout: checkout v2.14.0". */
    static String rootCauseTitle(RootCauseLine c) {
        StringBuilder sb = new StringBuilder(c.kind().isBlank() ? "Cause" : HealthFormat.capitalize(c.kind()));
        if (!c.service().isBlank()) {
            sb.append(" on ").append(c.service());
        }
        if (!c.subject().isBlank()) {
            sb.append(": ").append(c.subject());
        }
        return sb.toString();
    }

    /** "Score 0.91 · onset 2025-03-14 09:32 UTC". */
    static String rootCauseMeta(RootCauseLine c) {
        return "Score " + HealthFormat.score(c.score()) + " \u00B7 onset "
                + (c.onset() == null ? "unknown" : HealthFormat.instant(c.onset()));
    }

    /** The top root cause as one sentence. */
    static String topRootCauseSentence(HealthReport r) {
        RootCauseLine c = topRootCause(r);
        if (c == null) {
            return r.isEmpty() ? NO_DATA : NO_ROOT_CAUSES;
        }
        StringBuilder sb = new StringBuilder(c.kind().isBlank() ? "Cause" : HealthFormat.capitalize(c.kind()));
        if (!c.service().isBlank()) {
            sb.append(" on ").append(c.service());
        }
        if (!c.subject().isBlank()) {
            sb.append(" (").append(c.subject()).append(')');
        }
        if (c.onset() != null) {
            sb.append(" starting ").append(HealthFormat.instant(c.onset()));
        }
        sb.append(", score ").append(HealthFormat.score(c.score())).append('.');
        return sb.toString();
    }

    /** "1 of 5 services degraded (checkout); 4 healthy." etc. */
    static String statusSentence(HealthReport r) {
        List<ServiceHealth> services = r.services();
        if (services.isEmpty()) {
            return NO_DATA;
        }
        Map<ServiceStatus, List<String>> byStatus = new TreeMap<>(
                Comparator.comparingInt((ServiceStatus s) -> -s.severity()));
        for (ServiceHealth s : services(r)) {
            byStatus.computeIfAbsent(s.status(), k -> new ArrayList<>()).add(s.service());
        }
        int n = services.size();
        if (byStatus.size() == 1 && byStatus.containsKey(ServiceStatus.HEALTHY)) {
            return n == 1 ? "The only service is healthy." : "All " + n + " services are healthy.";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<ServiceStatus, List<String>> e : byStatus.entrySet()) {
            String label = e.getKey().label().toLowerCase(java.util.Locale.ROOT);
            List<String> names = e.getValue();
            if (e.getKey() == ServiceStatus.HEALTHY) {
                parts.add(names.size() + " healthy");
            } else {
                parts.add(names.size() + " " + label + " (" + joinNames(names) + ")");
            }
        }
        return n + (n == 1 ? " service: " : " services: ") + String.join(", ", parts) + ".";
    }

    private static String joinNames(List<String> names) {
        int max = 5;
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
    }

    /** "1,234,567 requests, 1.23% errors." from the services (request-weighted error rate). */
    static String trafficSentence(HealthReport r) {
        long requests = 0;
        double errors = 0;
        boolean anyRate = false;
        for (ServiceHealth s : r.services()) {
            requests += Math.max(0, s.requests());
            if (!Double.isNaN(s.errorRate()) && !Double.isInfinite(s.errorRate())) {
                errors += s.errorRate() * Math.max(0, s.requests());
                anyRate = true;
            }
        }
        if (requests == 0) {
            return r.services().isEmpty() ? NO_DATA : "No requests in this window.";
        }
        return HealthFormat.count(requests) + (requests == 1 ? " request, " : " requests, ")
                + (anyRate ? HealthFormat.fractionPercent(errors / requests) : HealthFormat.NA) + " errors overall.";
    }

    static String anomaliesSentence(HealthReport r) {
        int n = r.anomalies().size();
        if (n == 0) {
            return NO_ANOMALIES;
        }
        AnomalyFinding first = anomalies(r).get(0);
        String s = n + (n == 1 ? " anomaly" : " anomalies") + " detected";
        if (first.onset() != null) {
            s += "; the first at " + HealthFormat.instant(first.onset()) + " on " + first.service()
                    + (first.subject().isBlank() ? "" : " (" + first.subject() + ")");
        }
        return s + ".";
    }

    /** The at-a-glance items after the overall status line. */
    static List<SummaryItem> summaryItems(HealthReport r) {
        List<SummaryItem> items = new ArrayList<>();
        if (!r.services().isEmpty()) {
            // With no services the overall-status line already says "No data".
            items.add(new SummaryItem("Services", statusSentence(r)));
            items.add(new SummaryItem("Traffic", trafficSentence(r)));
        }
        items.add(new SummaryItem("Most likely root cause", topRootCause(r) == null && r.isEmpty()
                ? "None: nothing to analyse." : topRootCauseSentence(r)));
        items.add(new SummaryItem("Anomalies", anomaliesSentence(r)));
        return items;
    }

    static String generatedLine(HealthReport r) {
        return "Generated " + HealthFormat.instant(r.generatedAt());
    }

    static Instant reference(HealthReport r) {
        return r.from();
    }
}
