package dev.vigil.rca.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.MonitorSettings;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.analytics.slo.BurnRateEvaluator;
import dev.vigil.analytics.slo.BurnRatePolicy;
import dev.vigil.analytics.slo.Indicator;
import dev.vigil.analytics.slo.SloDefinition;
import dev.vigil.analytics.slo.SloRepository;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Burn-rate alert rules over the real SLO evaluator and a real pipeline: {@code checkout} answers
 * 10 requests a minute for 3 days and 9 hours, with an availability SLO of 99% (the default
 * policy); for 2 hours from 3d6h every fifth request fails (a 20x burn, 0.56% of the 3-day
 * window: no ticket). Evaluated every 5 minutes from an hour before the burn to an hour after.
 */
class BurnRateAlertTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant BURN_FROM = START.plus(Duration.ofDays(3).plusHours(6));
    private static final Instant BURN_TO = BURN_FROM.plus(Duration.ofHours(2));
    private static final Instant END = BURN_TO.plus(Duration.ofHours(1));

    @TempDir
    Path dir;

    @Test
    void pagesOnceWhenTheBudgetBurnsStaysQuietOtherwiseAndDoesNotFlap() throws Exception {
        try (EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dir.resolve("data")))) {
            List<LogEvent> events = new ArrayList<>();
            int n = 0;
            for (Instant at = START; at.isBefore(END); at = at.plusSeconds(6)) {
                boolean burning = !at.isBefore(BURN_FROM) && at.isBefore(BURN_TO);
                boolean failed = burning && n++ % 5 == 0;
                events.add(new LogEvent(Timestamps.toNanos(at), "checkout", "checkout-1", Level.INFO, "POST /api/checkout",
                        Map.of("method", "POST", "route", "/api/checkout", "status", failed ? "503" : "200", "duration_ms", "12.0")));
            }
            long last = -1;
            for (int from = 0; from < events.size(); from += 1000) {
                last = pipeline.append(EventKind.LOG, events.subList(from, Math.min(events.size(), from + 1000))).join();
            }
            pipeline.awaitSearchable(last).join();

            SloRepository slos = SloRepository.open(null, null);
            slos.put(new SloDefinition("checkout-availability", "Checkout availability", "checkout", null, new Indicator.Availability(),
                    99.0, Duration.ofDays(30), BurnRatePolicy.standard(), SloDefinition.ORIGIN_API));
            AnomalyMonitor anomalies = AnomalyMonitor.open(pipeline, null, MonitorSettings.defaults(Duration.ZERO));
            ConditionChecker checker = new AnalyticsChecker(pipeline, TemplateStore.open(dir.resolve("templates")), anomalies,
                    new SloBurnRates(new BurnRateEvaluator(slos, pipeline)));
            AlertingConfig config = new AlertingConfig(Duration.ofMinutes(5), Duration.ofMinutes(15),
                    new GroupingSettings(List.of("alertname", "slo"), Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
                    FlapSettings.defaults(), List.of(), List.of());
            try (AlertEngine engine = AlertEngine.open(dir.resolve("alerts"), config, checker, IncidentOpener.NONE)) {
                engine.rules().create(Map.of("name", "ErrorBudgetBurn", "type", "burn_rate", "severity", "page"));
                engine.rules().create(Map.of("name", "SlowBurn", "type", "burn_rate", "severity", "ticket"));
                Map<String, Instant> firstFired = new HashMap<>();
                Map<String, Instant> resolved = new HashMap<>();
                List<Notification> notifications = new ArrayList<>();
                for (Instant at = BURN_FROM.minus(Duration.ofHours(1)); !at.isAfter(END); at = at.plus(Duration.ofMinutes(5))) {
                    AlertEngine.Evaluation e = engine.evaluate(at);
                    notifications.addAll(e.notifications());
                    for (Alert a : e.alerts()) {
                        assertFalse(a.flapping(), "flapping at " + at + ": " + a);
                        if (a.state() == AlertState.FIRING) {
                            firstFired.putIfAbsent(a.labels().get("burn_window"), at);
                        } else if (a.state() == AlertState.RESOLVED) {
                            resolved.putIfAbsent(a.labels().get("burn_window"), at);
                        }
                    }
                }
                String context = "fired " + firstFired + ", resolved " + resolved;
                assertEquals(java.util.Set.of("1h/5m", "6h/30m"), firstFired.keySet(), context + ": only the page rows, no ticket");
                // The hour reaches 14.4x after 43.2 minutes of a 20x burn: the 6h45 evaluation.
                assertEquals(BURN_FROM.plus(Duration.ofMinutes(45)), firstFired.get("1h/5m"), context);
                assertTrue(firstFired.get("6h/30m").isAfter(BURN_FROM.plus(Duration.ofMinutes(100))), context);
                // The short window clears soon after the burn stops.
                assertTrue(!resolved.get("1h/5m").isAfter(BURN_TO.plus(Duration.ofMinutes(10))), context);
                assertTrue(!resolved.get("6h/30m").isAfter(BURN_TO.plus(Duration.ofMinutes(35))), context);
                for (Transition t : engine.history().find(null, null, null, null, 1000)) {
                    assertTrue(t.note() == null, "no flapping: " + t);
                }
                assertEquals(6, engine.history().find(null, null, null, null, 1000).size(),
                        "each page row: inactive->pending->firing->resolved, nothing else");
                List<String> sent = notifications.stream().map(x -> x.status() + ":" + x.firing().size() + "/" + x.resolved().size()).toList();
                assertEquals(List.of("firing:1/0", "firing:2/0", "firing:1/1", "resolved:0/1"), sent,
                        "one group for the SLO: the first page, the second joining, each resolution");
                assertEquals("checkout", notifications.get(0).alerts().get(0).labels().get("service"));
            }
            anomalies.close();
        }
    }
}
