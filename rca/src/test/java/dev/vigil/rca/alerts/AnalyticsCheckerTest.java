package dev.vigil.rca.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.MonitorSettings;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.IncidentStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule type evaluated against a real pipeline (journal, index, metric store, template
 * miner, anomaly monitor) holding six hours of one shop (seed {@value #SEED}): {@code queue_depth}
 * steps from 100 to 160 at 5h; from 5h30 for ten minutes 6 in 10 requests of {@code orders}
 * answer 503 and a new error appears; {@code billing} stops writing at 5h.
 */
class AnalyticsCheckerTest {
    private static final long SEED = 20261125L;
    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant STEP_AT = T0.plus(Duration.ofHours(5));
    private static final Instant BURST_AT = T0.plus(Duration.ofMinutes(330));
    private static final Instant END = T0.plus(Duration.ofHours(6));

    @TempDir
    static Path dir;
    private static EventPipeline pipeline;
    private static TemplateStore templates;
    private static AnomalyMonitor anomalies;
    private static final List<BurnRateSource.BurnRateState> burnStates = new ArrayList<>();
    private static AnalyticsChecker checker;

    @BeforeAll
    static void ingest() throws Exception {
        templates = TemplateStore.open(dir.resolve("templates"));
        pipeline = EventPipeline.open(PipelineConfig.defaults(dir), new TemplateEnricher(templates));
        anomalies = AnomalyMonitor.open(pipeline, null, MonitorSettings.defaults(Duration.ZERO));
        checker = new AnalyticsChecker(pipeline, templates, anomalies, now -> List.copyOf(burnStates));
        Random random = new Random(SEED);
        List<MetricSample> samples = new ArrayList<>();
        List<LogEvent> logs = new ArrayList<>();
        for (Instant at = T0; at.isBefore(END); at = at.plus(Duration.ofMinutes(1))) {
            long t = Timestamps.toNanos(at);
            double base = at.isBefore(STEP_AT) ? 100 : 160;
            samples.add(new MetricSample("queue_depth", Map.of("service", "orders"), t + 5_000_000_000L, base + 2 * random.nextGaussian()));
            boolean burst = !at.isBefore(BURST_AT) && at.isBefore(BURST_AT.plus(Duration.ofMinutes(10)));
            for (int r = 0; r < 10; r++) {
                boolean error = burst && r < 6;
                logs.add(new LogEvent(t + (r * 6 + 1) * 1_000_000_000L, "orders", "orders-1", error ? Level.ERROR : Level.INFO,
                        "GET /api/orders " + (error ? 503 : 200), Map.of("method", "GET", "route", "/api/orders", "status",
                        error ? "503" : "200", "duration_ms", String.format(Locale.ROOT, "%.1f", 20 + 5 * random.nextDouble()))));
            }
            if (burst) {
                logs.add(new LogEvent(t + 2_000_000_000L, "orders", "orders-1", Level.ERROR,
                        "connection pool exhausted after 30000 ms waiting for db-7", Map.of()));
            }
            if (at.isBefore(STEP_AT)) {
                logs.add(new LogEvent(t + 30_000_000_000L, "billing", "billing-1", Level.INFO, "invoice batch done in 12 ms", Map.of()));
            }
        }
        logs.sort(java.util.Comparator.comparingLong(LogEvent::timestampNanos));
        append(EventKind.METRIC, samples);
        append(EventKind.LOG, logs);
    }

    private static void append(EventKind kind, List<? extends Event> events) {
        long last = -1;
        for (int from = 0; from < events.size(); from += 1000) {
            last = pipeline.append(kind, events.subList(from, Math.min(events.size(), from + 1000))).join();
        }
        pipeline.awaitSearchable(last).join();
    }

    @AfterAll
    static void close() throws Exception {
        anomalies.close();
        pipeline.close();
    }

    private static List<Finding> check(String yaml, Instant now) {
        Object spec = new org.yaml.snakeyaml.Yaml().load(yaml);
        return checker.check(RuleParser.parse(spec, "", "api").condition(), now);
    }

    private static final Instant IN_BURST = BURST_AT.plus(Duration.ofMinutes(10));

    @Test
    void endpointErrorRateCrossesTheThresholdOnlyDuringTheBurst() {
        String rule = "{name: OrdersErrors, type: threshold, service: orders, endpoint: 'GET /api/orders', stat: error_rate, window: 10m,"
                + " op: '>', value: 0.05}";
        List<Finding> found = check(rule, IN_BURST);
        assertEquals(1, found.size(), () -> "findings: " + found);
        assertEquals(0.6, found.get(0).value(), 1e-9);
        assertEquals(Map.of("service", "orders", "endpoint", "GET /api/orders"), found.get(0).labels());
        assertTrue(check(rule, END).isEmpty(), "after the burst");
        List<Finding> perService = check("{name: Any, type: threshold, stat: p95_ms, window: 10m, op: '>=', value: 20}", IN_BURST);
        assertEquals(List.of("orders"), perService.stream().map(f -> f.labels().get("service")).toList());
    }

    @Test
    void metricThresholdReducesEachSeriesOverTheWindow() {
        String rule = "{name: QueueDeep, type: threshold, query: 'queue_depth{service=\"orders\"}', reduce: max, window: 15m, op: '>', value: 140}";
        List<Finding> found = check(rule, END);
        assertEquals(1, found.size());
        assertEquals("orders", found.get(0).labels().get("service"));
        assertTrue(found.get(0).value() > 150, "max " + found.get(0).value());
        assertTrue(check(rule, STEP_AT).isEmpty(), "before the step");
    }

    @Test
    void absenceOfAServiceAndOfAMetric() {
        assertEquals(List.of(Map.of("service", "billing")), check("{name: BillingSilent, type: absence, service: billing, window: 10m}", END)
                .stream().map(Finding::labels).toList());
        assertTrue(check("{name: BillingSilent, type: absence, service: billing, window: 10m}", STEP_AT).isEmpty());
        assertTrue(check("{name: OrdersSilent, type: absence, service: orders, window: 10m}", END).isEmpty());
        assertEquals(1, check("{name: NoHeartbeat, type: absence, query: heartbeat_seconds, window: 5m}", END).size());
        assertTrue(check("{name: Queue, type: absence, query: queue_depth, window: 5m}", END).isEmpty());
    }

    @Test
    void logPatternNewTemplateAndSearchCount() {
        List<Finding> fresh = check("{name: NewErrors, type: log_pattern, mode: new, query: 'level:ERROR', window: 10m}", IN_BURST);
        assertTrue(fresh.stream().anyMatch(f -> f.summary().contains("connection pool exhausted")), () -> "new templates: " + fresh);
        assertTrue(check("{name: NewErrors, type: log_pattern, mode: new, query: 'level:ERROR', window: 10m}", END).isEmpty());
        List<Finding> count = check("{name: ManyErrors, type: log_pattern, mode: count, query: 'level:ERROR', window: 10m, op: '>', value: 30}",
                IN_BURST);
        assertEquals(1, count.size());
        assertEquals(70, count.get(0).value(), "60 failed requests and 10 pool errors");
    }

    @Test
    void anomalyEpisodesOfTheLiveMonitorsData() {
        List<Finding> found = check("{name: Anomalous, type: anomaly, service: orders, kind: metric, min_score: 0.5, window: 2h}", END);
        assertTrue(found.stream().anyMatch(f -> f.labels().get("signal").startsWith("queue_depth")), () -> "findings: " + found);
        assertTrue(check("{name: Anomalous, type: anomaly, service: nobody, window: 2h}", END).isEmpty());
    }

    @Test
    void burnRateRulesSelectActiveStatesBySloAndSeverity() {
        burnStates.clear();
        burnStates.add(new BurnRateSource.BurnRateState("checkout-availability", "checkout", "page", Duration.ofHours(1),
                Duration.ofMinutes(5), 15.2, 16.0, 14.4, true));
        burnStates.add(new BurnRateSource.BurnRateState("checkout-availability", "checkout", "ticket", Duration.ofDays(3),
                Duration.ofHours(6), 0.8, 1.1, 1, false));
        burnStates.add(new BurnRateSource.BurnRateState("search-latency", "search", "page", Duration.ofHours(6),
                Duration.ofMinutes(30), 7, 6.5, 6, true));
        List<Finding> all = check("{name: Burn, type: burn_rate}", END);
        assertEquals(2, all.size(), "only active rows");
        List<Finding> one = check("{name: Burn, type: burn_rate, slo: checkout-availability, severity: page}", END);
        assertEquals(1, one.size());
        assertEquals(Map.of("slo", "checkout-availability", "service", "checkout", "severity", "page", "burn_window", "1h/5m"),
                one.get(0).labels());
        assertEquals(15.2, one.get(0).value());
        assertTrue(check("{name: Burn, type: burn_rate, severity: ticket}", END).isEmpty());
    }

    @Test
    void firingRuleOpensOneStoredIncidentWithItsTopCause() throws Exception {
        IncidentService incidents = IncidentService.create(IncidentStore.open(dir.resolve("incidents")), pipeline,
                new RootCauseAnalyzer(pipeline), result -> "{\"candidates\":" + result.candidates().size() + "}", anomalies);
        AlertingConfig config = new AlertingConfig(Duration.ofMinutes(1), Duration.ofMinutes(15),
                new GroupingSettings(List.of("alertname"), Duration.ZERO, Duration.ZERO, Duration.ofHours(4)), FlapSettings.defaults(),
                List.of(), List.of());
        try (AlertEngine engine = AlertEngine.open(null, config, checker, new IncidentServiceOpener(incidents))) {
            engine.rules().create(new org.yaml.snakeyaml.Yaml().load("{name: OrdersErrors, type: threshold, service: orders,"
                    + " stat: error_rate, window: 5m, op: '>', value: 0.05, open_incident: true}"));
            Alert fired = engine.evaluate(IN_BURST).alerts().get(0);
            assertEquals(AlertState.FIRING, fired.state());
            String id = fired.annotations().get("incident_id");
            Incident incident = incidents.get(id).orElseThrow(() -> new AssertionError("no incident " + id + ": " + fired));
            assertEquals("OrdersErrors", incident.origin().alert());
            assertEquals("orders", incident.service());
            assertEquals(IN_BURST, incident.window().to());
            assertTrue(incident.topCause() != null && fired.annotations().get("root_cause").startsWith(incident.topCause().kind()),
                    () -> "root cause " + fired.annotations());
            Alert again = engine.evaluate(IN_BURST.plus(Duration.ofMinutes(1))).alerts().get(0);
            assertEquals(id, again.annotations().get("incident_id"), "still firing: the same incident");
        }
    }
}
