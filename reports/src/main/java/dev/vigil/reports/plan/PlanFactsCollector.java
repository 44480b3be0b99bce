package dev.vigil.reports.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.requests.BucketStats;
import dev.vigil.analytics.requests.EndpointStats;
import dev.vigil.analytics.requests.RequestStats;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.requests.ServiceStats;
import dev.vigil.analytics.uptime.ProbeUptime;
import dev.vigil.analytics.uptime.UptimeCalculator;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertState;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.changes.TrackedChange;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentQuery;
import dev.vigil.rca.incidents.IncidentService;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Gathers {@link PlanFacts} from the index (request statistics, spans, metrics, changes, probe
 * results), the alert engine's current alerts, the incidents and the change verdicts. The window
 * is the {@link #WINDOW} ending at the latest indexed event (at most now), so a plan of data
 * replayed from the past still describes it; "recent" is its last {@link #RECENT}. Services,
 * pipelines, probes and Vigil itself are described here; data stores by {@link DataStoreReader},
 * to-dos and known issues by {@link IssueCollector}. Blocking (reads the index): call it from a worker. Thread-safe (no state between calls).
 */
public final class PlanFactsCollector {
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration RECENT = Duration.ofMinutes(15);
    /** How far back deploys, rollbacks and migrations are read for versions and migration history. */
    static final Duration CHANGE_HISTORY = Duration.ofDays(90);
    static final double DEGRADED_ERROR_RATE = 0.05;
    static final double DOWN_ERROR_RATE = 0.5;
    static final int MIN_ERRORS = 3;
    static final int MIN_REQUESTS_FOR_P95 = 20;
    static final double SLOW_FACTOR = 2.0;
    private static final int MAX_HOSTS = 500;
    private static final List<String> PIPELINE_ATTRIBUTES = List.of("pipeline", "ci", "workflow", "ci_pipeline");

    private final EventPipeline pipeline;
    private final Supplier<List<Alert>> alerts;
    private final IncidentService incidents;
    private final ChangeIntelligence changes;
    private final Clock clock;
    private final ComponentClassifier classifier = new ComponentClassifier();

    /**
     * @param alerts    the alert engine's current alerts (an empty list when there is no engine)
     * @param incidents the incidents, or null when there are none to read
     */
    public PlanFactsCollector(EventPipeline pipeline, Supplier<List<Alert>> alerts, IncidentService incidents, ChangeIntelligence changes,
                              Clock clock) {
        this.pipeline = pipeline;
        this.alerts = alerts;
        this.incidents = incidents;
        this.changes = changes;
        this.clock = clock;
    }

    public PlanFacts collect() {
        Instant now = clock.instant();
        long endNanos = Math.min(Timestamps.toNanos(now), latestEventNanos().orElse(Timestamps.toNanos(now)) + 1);
        TimeRange window = new TimeRange(endNanos - WINDOW.toNanos(), endNanos);
        TimeRange recent = new TimeRange(endNanos - RECENT.toNanos(), endNanos);
        RequestStatsCalculator calculator = new RequestStatsCalculator(pipeline);
        RequestStats stats = calculator.compute(window, window.niceStep(96), null);
        RequestStats recentStats = calculator.compute(recent, RECENT, null);

        List<TrackedChange> history = changes.list(new TimeRange(endNanos - CHANGE_HISTORY.toNanos(), endNanos), null, null, 10_000);
        List<Alert> currentAlerts = alerts.get();
        List<Incident> allIncidents = incidents == null ? List.of()
                : incidents.list(new IncidentQuery(null, null, null, IncidentQuery.MAX_LIMIT, 0)).incidents();

        List<PlanItem> items = new ArrayList<>();
        Map<String, List<String>> problems = new TreeMap<>();
        new IssueCollector(changes).collect(currentAlerts, allIncidents, history, window, items, problems);

        Map<String, Component> components = new TreeMap<>();
        serviceComponents(stats, recentStats, history, problems, components);
        new DataStoreReader(pipeline, classifier).read(window, recent, components);
        deploymentComponents(history, components);
        probeComponents(window, recent, components);
        components.put("vigil", vigilComponent(currentAlerts));

        List<Component> ordered = new ArrayList<>(components.values());
        ordered.sort(Comparator.comparing(Component::group).thenComparing(Component::name));
        items.sort(Comparator.comparing((PlanItem i) -> i.component() == null ? "" : i.component()).thenComparing(PlanItem::key));
        Map<String, List<String>> versions = new TreeMap<>();
        for (TrackedChange change : history) {
            ChangeEvent event = change.event();
            if (event.version() != null && (event.type() == ChangeType.DEPLOY || event.type() == ChangeType.ROLLBACK)) {
                List<String> seen = versions.computeIfAbsent(event.service(), s -> new ArrayList<>());
                if (!seen.contains(event.version())) {
                    seen.add(event.version());
                }
            }
        }
        return new PlanFacts(now, window, ordered, items, hosts(window), versions);
    }

    // ---- components ----------------------------------------------------------------------------

    private void serviceComponents(RequestStats stats, RequestStats recentStats, List<TrackedChange> history,
                                   Map<String, List<String>> problems, Map<String, Component> out) {
        TreeSet<String> names = new TreeSet<>();
        stats.services().forEach(s -> names.add(s.service()));
        history.forEach(c -> names.add(c.event().service()));
        for (String name : names) {
            ServiceStats service = stats.service(name);
            ServiceStats recent = recentStats.service(name);
            ComponentStatus status = ComponentStatus.UNKNOWN;
            List<String> reasons = new ArrayList<>();
            if (service != null && (service.requests() > 0 || service.logLines() > 0)) {
                status = statusOf(recent, service, reasons);
            }
            for (String problem : problems.getOrDefault(name, List.of())) {
                status = status.worse(ComponentStatus.DEGRADED);
                reasons.add(problem);
            }
            ChangeEvent deploy = null;
            List<String> migrations = new ArrayList<>();
            String pipelineName = null;
            for (TrackedChange change : history) {
                ChangeEvent event = change.event();
                if (!event.service().equals(name)) {
                    continue;
                }
                if ((event.type() == ChangeType.DEPLOY || event.type() == ChangeType.ROLLBACK) && event.status() == ChangeStatus.SUCCEEDED) {
                    deploy = event;
                    pipelineName = pipelineOf(event);
                } else if (event.type() == ChangeType.MIGRATION) {
                    migrations.add(migrationLine(event));
                }
            }
            List<PlanEndpoint> endpoints = new ArrayList<>();
            for (EndpointStats endpoint : stats.endpoints()) {
                if (endpoint.service().equals(name)) {
                    endpoints.add(new PlanEndpoint(endpoint.endpoint(), endpointStatus(recentStats, endpoint), endpoint.requests(),
                            endpoint.errorRate(), endpoint.latency().p95Ms()));
                }
            }
            endpoints.sort(Comparator.comparingLong(PlanEndpoint::requests).reversed());
            List<String> details = new ArrayList<>();
            if (pipelineName != null) {
                details.add("Delivered by pipeline `" + pipelineName + "`");
            }
            String platform = deploy == null ? null : platformOf(deploy);
            out.put(name, new Component(name, classifier.classify(name), status, String.join("; ", reasons), platform,
                    deploy == null ? null : deploy.version(), deploy == null ? null : PlanText.minute(Timestamps.toInstant(deploy.timestampNanos())),
                    endpoints, performance(service), migrations, details));
        }
    }

    private static ComponentStatus statusOf(ServiceStats recent, ServiceStats service, List<String> reasons) {
        if (recent == null || (recent.requests() == 0 && recent.logLines() == 0)) {
            reasons.add("no requests or logs in the last " + RECENT.toMinutes() + " minutes");
            return ComponentStatus.UNKNOWN;
        }
        double errorRate = recent.errorRate();
        long errors = recent.requests() > 0 ? recent.errors() : recent.errorLogLines();
        String what = recent.requests() > 0 ? "error rate " : "error log share ";
        if (errorRate >= DOWN_ERROR_RATE && errors >= MIN_ERRORS) {
            reasons.add(what + PlanText.percent(errorRate) + " in the last " + RECENT.toMinutes() + " minutes");
            return ComponentStatus.DOWN;
        }
        ComponentStatus status = ComponentStatus.OPERATIONAL;
        if (errorRate >= DEGRADED_ERROR_RATE && errors >= MIN_ERRORS) {
            reasons.add(what + PlanText.percent(errorRate) + " in the last " + RECENT.toMinutes() + " minutes");
            status = ComponentStatus.DEGRADED;
        }
        double baseline = service.latency().p95Ms();
        double now = recent.latency().p95Ms();
        if (recent.requests() >= MIN_REQUESTS_FOR_P95 && baseline > 0 && now > SLOW_FACTOR * baseline) {
            reasons.add("p95 " + PlanText.millis(now) + " against " + PlanText.millis(baseline) + " over the day");
            status = ComponentStatus.DEGRADED;
        }
        return status;
    }

    private static ComponentStatus endpointStatus(RequestStats recentStats, EndpointStats whole) {
        for (EndpointStats recent : recentStats.endpoints()) {
            if (recent.service().equals(whole.service()) && recent.endpoint().equals(whole.endpoint())) {
                if (recent.errorRate() >= DOWN_ERROR_RATE && recent.errors() >= MIN_ERRORS) {
                    return ComponentStatus.DOWN;
                }
                boolean slow = recent.requests() >= MIN_REQUESTS_FOR_P95 && whole.latency().p95Ms() > 0
                        && recent.latency().p95Ms() > SLOW_FACTOR * whole.latency().p95Ms();
                return recent.errorRate() >= DEGRADED_ERROR_RATE && recent.errors() >= MIN_ERRORS || slow
                        ? ComponentStatus.DEGRADED : ComponentStatus.OPERATIONAL;
            }
        }
        return ComponentStatus.UNKNOWN;
    }

    /** Uptime: the share of buckets with requests in which under 5% of them failed. */
    private static Performance performance(ServiceStats service) {
        if (service == null || service.requests() == 0) {
            return service == null ? Performance.NONE
                    : new Performance(0, Double.NaN, Double.NaN, Double.NaN, service.errorRate(), Double.NaN);
        }
        int measured = 0;
        int up = 0;
        for (BucketStats bucket : service.buckets()) {
            if (bucket.requests() > 0) {
                measured++;
                if (bucket.errorRate() < DEGRADED_ERROR_RATE || bucket.errors() < MIN_ERRORS) {
                    up++;
                }
            }
        }
        return new Performance(service.requests(), service.latency().totalMs() / service.requests(), service.latency().p95Ms(),
                service.latency().p99Ms(), service.errorRate(), measured == 0 ? Double.NaN : 100.0 * up / measured);
    }

    private static String platformOf(ChangeEvent deploy) {
        List<String> parts = new ArrayList<>();
        if (deploy.environment() != null) {
            parts.add(deploy.environment());
        }
        if (deploy.strategy() != null) {
            parts.add(deploy.strategy().replace('_', '-') + " deploys");
        }
        String runtime = deploy.attributes().getOrDefault("platform", deploy.attributes().get("runtime"));
        if (runtime != null) {
            parts.add(runtime);
        }
        return parts.isEmpty() ? null : String.join(" · ", parts);
    }

    private static String pipelineOf(ChangeEvent event) {
        for (String key : PIPELINE_ATTRIBUTES) {
            String value = event.attributes().get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String migrationLine(ChangeEvent event) {
        String name = event.version() != null ? event.version() : event.attributes().getOrDefault("migration", "migration");
        String when = PlanText.minute(Timestamps.toInstant(event.timestampNanos()));
        String status = event.status() == ChangeStatus.SUCCEEDED ? "" : " — " + event.status().label();
        return "`" + name + "` " + when + (event.description() == null ? "" : ": " + PlanText.oneLine(event.description())) + status;
    }

    /** One component per deploy pipeline named in change attributes; a failed last run degrades it. */
    private static void deploymentComponents(List<TrackedChange> history, Map<String, Component> out) {
        Map<String, List<ChangeEvent>> runs = new TreeMap<>();
        for (TrackedChange change : history) {
            String pipelineName = pipelineOf(change.event());
            if (pipelineName != null) {
                runs.computeIfAbsent(pipelineName.replaceAll("#.*$", ""), p -> new ArrayList<>()).add(change.event());
            }
        }
        for (Map.Entry<String, List<ChangeEvent>> entry : runs.entrySet()) {
            List<ChangeEvent> events = entry.getValue();
            ChangeEvent last = events.get(events.size() - 1);
            boolean failed = last.status() == ChangeStatus.FAILED;
            String run = pipelineOf(last);
            List<String> details = List.of("Last run `" + run + "` " + PlanText.minute(Timestamps.toInstant(last.timestampNanos())) + ": "
                    + last.type().label().replace('_', ' ') + " of " + last.service() + (last.version() == null ? "" : " " + last.version())
                    + ", " + last.status().label().replace('_', ' '), events.size() + " run" + (events.size() == 1 ? "" : "s") + " seen");
            out.put(entry.getKey(), new Component(entry.getKey(), ComponentGroup.DEPLOYMENT,
                    failed ? ComponentStatus.DEGRADED : ComponentStatus.OPERATIONAL, failed ? "last run failed" : "",
                    "deploy pipeline", null, null, List.of(), Performance.NONE, List.of(), details));
        }
    }

    /** Uptime probes: TLS and certificate probes are security components, others monitoring ones. */
    private void probeComponents(TimeRange window, TimeRange recent, Map<String, Component> out) {
        UptimeCalculator uptime = new UptimeCalculator(new MetricQueryEngine(pipeline));
        Map<String, ProbeUptime> recentByProbe = new LinkedHashMap<>();
        for (ProbeUptime probe : uptime.compute(recent, null, p -> Double.NaN)) {
            recentByProbe.put(probe.probe(), probe);
        }
        for (ProbeUptime probe : uptime.compute(window, null, p -> Double.NaN)) {
            ProbeUptime last = recentByProbe.get(probe.probe());
            ComponentStatus status = last == null || last.checks() == 0 ? ComponentStatus.UNKNOWN
                    : last.successes() == 0 ? ComponentStatus.DOWN
                    : last.successes() < last.checks() ? ComponentStatus.DEGRADED : ComponentStatus.OPERATIONAL;
            String lower = probe.probe().toLowerCase(Locale.ROOT);
            ComponentGroup group = lower.contains("tls") || lower.contains("cert") || lower.contains("ssl")
                    ? ComponentGroup.SECURITY : ComponentGroup.MONITORING;
            String reason = status == ComponentStatus.DOWN ? "every check failed in the last " + RECENT.toMinutes() + " minutes"
                    : status == ComponentStatus.DEGRADED ? "some checks failed in the last " + RECENT.toMinutes() + " minutes" : "";
            out.put("probe " + probe.probe(), new Component("probe " + probe.probe(), group, status, reason, "uptime probe", null, null,
                    List.of(), new Performance(probe.checks(), probe.meanLatencySeconds() * 1000, probe.p95LatencySeconds() * 1000, Double.NaN,
                    probe.checks() == 0 ? Double.NaN : 1 - probe.uptimeRatio(), 100 * probe.uptimeRatio()),
                    List.of(), List.of(probe.outages() + " outage" + (probe.outages() == 1 ? "" : "s") + ", longest "
                    + Math.round(probe.longestOutageSeconds()) + " s")));
        }
    }

    private Component vigilComponent(List<Alert> currentAlerts) {
        ComponentStatus status = pipeline.ready() ? ComponentStatus.OPERATIONAL : ComponentStatus.DEGRADED;
        long firing = currentAlerts.stream().filter(a -> a.state() == AlertState.FIRING).count();
        List<String> details = List.of(
                String.format(Locale.ROOT, "%,d events accepted since start; index %d records behind", pipeline.acceptedEvents(),
                        pipeline.indexLag()),
                firing + " alert" + (firing == 1 ? "" : "s") + " firing");
        return new Component("vigil", ComponentGroup.MONITORING, status, pipeline.ready() ? "" : pipeline.notReadyReason(),
                "logs, metrics, traces and change events", null, null, List.of(), Performance.NONE, List.of(), details);
    }

    // ---- index reads ---------------------------------------------------------------------------

    private java.util.OptionalLong latestEventNanos() {
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            byte[] max = PointValues.getMaxPackedValue(snapshot.searcher().getIndexReader(), IndexFields.TS);
            return max == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(LongPoint.decodeDimension(max, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hosts that wrote logs in the window, by service: one query per host name, stopped at its first match. */
    private Map<String, List<String>> hosts(TimeRange window) {
        Map<String, TreeSet<String>> byService = new TreeMap<>();
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            IndexReader reader = snapshot.searcher().getIndexReader();
            Terms terms = MultiTerms.getTerms(reader, IndexFields.HOST);
            if (terms == null) {
                return Map.of();
            }
            TermsEnum each = terms.iterator();
            int count = 0;
            for (BytesRef term = each.next(); term != null && count < MAX_HOSTS; term = each.next(), count++) {
                String host = term.utf8ToString();
                BooleanQuery query = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexFields.HOST, host)), BooleanClause.Occur.FILTER)
                        .add(LongPoint.newRangeQuery(IndexFields.TS, window.fromNanos(), window.toNanos() - 1), BooleanClause.Occur.FILTER)
                        .build();
                snapshot.searcher().search(query, new SimpleCollector() {
                    private SortedDocValues services;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) throws IOException {
                        services = context.reader().getSortedDocValues(IndexFields.SERVICE);
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (services != null && services.advanceExact(doc)) {
                            byService.computeIfAbsent(services.lookupOrd(services.ordValue()).utf8ToString(), s -> new TreeSet<>()).add(host);
                            throw new CollectionTerminatedException();
                        }
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE_NO_SCORES;
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> out = new TreeMap<>();
        byService.forEach((service, hosts) -> out.put(service, List.copyOf(hosts)));
        return out;
    }
}
