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
    static final String NO_RECOMMENDATIONS = "Nothing to do: no finding in this window calls for action.";
    static final String NO_PERFORMANCE = "No data: no requests in this window.";
    static final String PERFORMANCE_NOTE = "Changes (\u0394) compare with the window of the same length right before this one; "
            + "n/a where that window had no traffic. Errors change in percentage points (pp).";
    static final String SERVICES_NOTE = "Status at the end of the window; uptime is the share of time buckets over the whole window "
            + "with under 5% failed requests.";
    static final String NO_SLOS = "No SLOs defined.";
    static final String NO_PROBES = "No probe results in this window.";
    static final String NO_INCIDENTS = "No incidents in this window.";
    static final String NO_CHANGES = "No deploys or other changes in this window.";
    static final String SLO_CHART_CAPTION = "SLO error budget left";

    /** Section titles in reading order; the PDF's table of contents lists them. */
    static final List<String> SECTIONS = List.of("Summary", "Recommendations", "Services", "Service performance", "SLOs",
            "Uptime", "Incidents", "Deploys and changes", "Root causes", "Trends", "Anomalies", "Bottlenecks", "Endpoints");

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

    /** The charts this report shows, file name to caption: the SLO chart only when there are SLOs. */
    static Map<String, String> charts(HealthReport r) {
        Map<String, String> m = new java.util.LinkedHashMap<>(CHARTS);
        if (!r.slos().isEmpty()) {
            m.put(ChartRenderer.SLO_BUDGET_FILE, SLO_CHART_CAPTION);
        }
        return m;
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
            // Said of the end of the window: the window itself may still have had incidents.
            return n == 1 ? "The only service is healthy at the end of the window."
                    : "All " + n + " services are healthy at the end of the window.";
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

    /**
     * The one-paragraph summary: overall status, traffic against the previous window, unhealthy
     * services, incidents, changes and their verdicts, SLOs, probes and the most likely root cause.
     */
    static String summaryParagraph(HealthReport r) {
        return summaryParagraph(r, true);
    }

    /** @param withStatus false where the overall status is shown next to it already (the PDF's title page) */
    static String summaryParagraph(HealthReport r, boolean withStatus) {
        ServiceStatus overall = r.overallStatus();
        StringBuilder sb = new StringBuilder(withStatus ? "Overall status: " + overall.label() + ". " : "");
        if (r.isEmpty()) {
            return sb.append(NO_DATA).toString();
        }
        sb.append(withStatus ? "Over " : "Over ").append(HealthFormat.window(r.from(), r.to())).append(", ");
        long requests = 0;
        long previous = 0;
        for (ServicePerformance p : r.performance()) {
            requests += p.current().requests();
            previous += p.previous().requests();
        }
        if (r.performance().isEmpty()) {
            sb.append(trafficSentence(r).replace(" overall.", "")).append("; ");
        } else {
            sb.append(r.performance().size()).append(r.performance().size() == 1 ? " service handled " : " services handled ")
                    .append(HealthFormat.count(requests)).append(" requests");
            if (previous > 0) {
                sb.append(" (").append(HealthFormat.change(requests, previous)).append(" on the previous window)");
            }
            sb.append(" with ").append(errorShare(r)).append(" errors; ");
        }
        String status = statusSentence(r);
        sb.append(status.isEmpty() ? "" : Character.toLowerCase(status.charAt(0)) + status.substring(1)).append(' ');
        if (!r.incidents().isEmpty()) {
            long open = r.incidents().stream().filter(IncidentLine::open).count();
            sb.append(r.incidents().size()).append(r.incidents().size() == 1 ? " incident" : " incidents")
                    .append(open == 0 ? ", all resolved. " : " (" + open + " still open). ");
        }
        if (!r.changes().isEmpty()) {
            List<ChangeLine> degraded = r.changes().stream().filter(c -> c.verdict().equals("degraded")).toList();
            sb.append(r.changes().size()).append(r.changes().size() == 1 ? " change" : " changes");
            if (degraded.isEmpty()) {
                sb.append(", none degraded. ");
            } else {
                sb.append(", ").append(degraded.size()).append(" degraded (")
                        .append(String.join(", ", degraded.stream().map(c -> c.label() + (c.rolledBack() ? ", rolled back" : "")).toList()))
                        .append("). ");
            }
        }
        if (!r.slos().isEmpty()) {
            long missed = r.slos().stream().filter(s -> !s.met()).count();
            sb.append(r.slos().size()).append(r.slos().size() == 1 ? " SLO" : " SLOs")
                    .append(missed == 0 ? ", all met. " : ", " + missed + " missed. ");
        }
        if (!r.probes().isEmpty()) {
            long under = r.probes().stream().filter(p -> !p.slaMet()).count();
            sb.append(r.probes().size()).append(r.probes().size() == 1 ? " probe" : " probes")
                    .append(under == 0 ? "" : ", " + under + " under SLA").append(". ");
        }
        return sb.toString().strip();
    }

    private static String errorShare(HealthReport r) {
        double errors = 0;
        long requests = 0;
        for (ServicePerformance p : r.performance()) {
            if (!Double.isNaN(p.current().errorRate())) {
                errors += p.current().errorRate() * p.current().requests();
                requests += p.current().requests();
            }
        }
        return requests == 0 ? HealthFormat.NA : HealthFormat.fractionPercent(errors / requests);
    }

    /** Performance rows: worst status first as in the services table. */
    static List<ServicePerformance> performance(HealthReport r) {
        Map<String, Integer> order = new java.util.HashMap<>();
        List<ServiceHealth> services = services(r);
        for (int i = 0; i < services.size(); i++) {
            order.put(services.get(i).service(), i);
        }
        return r.performance().stream()
                .sorted(Comparator.comparingInt((ServicePerformance p) -> order.getOrDefault(p.service(), Integer.MAX_VALUE))
                        .thenComparing(ServicePerformance::service))
                .toList();
    }

    /** SLOs that need attention first (least budget left), then by id. */
    static List<SloLine> slos(HealthReport r) {
        return r.slos().stream()
                .sorted(Comparator.comparingDouble((SloLine s) -> Double.isNaN(s.budgetRemaining()) ? Double.MAX_VALUE : s.budgetRemaining())
                        .thenComparing(SloLine::id))
                .toList();
    }

    /** "45% left" of an SLO's budget, or "missed (120% spent)". */
    static String budget(SloLine s) {
        if (Double.isNaN(s.budgetRemaining())) {
            return HealthFormat.NA;
        }
        return HealthFormat.fractionPercent(s.budgetRemaining());
    }

    static String verdictLabel(ChangeLine c) {
        if (c.verdict().isBlank()) {
            return HealthFormat.NA;
        }
        String v = HealthFormat.capitalize(c.verdict());
        if (c.rolledBack()) {
            return v + ", rolled back";
        }
        return c.rollback() ? v + ", roll back" : v;
    }

    /** The numbers behind a verdict: "error rate 0% → 31%, p95 120 ms → 3.1 s, p < 0.001". */
    static String verdictEvidence(ChangeLine c) {
        return c.verdict().isBlank() ? "" : RecommendationDeriver.changeEvidence(c);
    }

        static String generatedLine(HealthReport r) {
        return "Generated " + HealthFormat.instant(r.generatedAt());
    }

    static Instant reference(HealthReport r) {
        return r.from();
    }
}
