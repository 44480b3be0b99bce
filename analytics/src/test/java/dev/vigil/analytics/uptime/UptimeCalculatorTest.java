package dev.vigil.analytics.uptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.Pipelines;
import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.MetricSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two probes checked every 30 s for 10 hours (1,200 checks each): {@code web} fails the 60 checks
 * of 10:00-10:30 and the 12 of 14:00-14:06, {@code db} never fails.
 */
class UptimeCalculatorTest {
    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void uptimeDowntimeOutagesAndSla() throws Exception {
        try (EventPipeline pipeline = Pipelines.open(dir)) {
            List<MetricSample> samples = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                Instant at = START.plusSeconds(30L * i);
                long nanos = at.toEpochMilli() * 1_000_000L;
                boolean webDown = (!at.isBefore(Instant.parse("2026-11-02T10:00:00Z")) && at.isBefore(Instant.parse("2026-11-02T10:30:00Z")))
                        || (!at.isBefore(Instant.parse("2026-11-02T14:00:00Z")) && at.isBefore(Instant.parse("2026-11-02T14:06:00Z")));
                samples.add(new MetricSample("probe_success", Map.of("probe", "web", "type", "http"), nanos, webDown ? 0 : 1));
                samples.add(new MetricSample("probe_duration_seconds", Map.of("probe", "web", "type", "http"), nanos, i % 10 == 0 ? 0.5 : 0.05));
                samples.add(new MetricSample("probe_success", Map.of("probe", "db", "type", "tcp"), nanos, 1));
            }
            Pipelines.appendAll(pipeline, EventKind.METRIC, samples);
            UptimeCalculator calculator = new UptimeCalculator(new MetricQueryEngine(pipeline));
            TimeRange all = TimeRange.of(START, START.plus(Duration.ofHours(10)));
            List<ProbeUptime> uptimes = calculator.compute(all, null, probe -> probe.equals("web") ? 99.0 : Double.NaN);
            assertEquals(List.of("db", "web"), uptimes.stream().map(ProbeUptime::probe).toList());

            ProbeUptime db = uptimes.get(0);
            assertEquals(1200, db.checks());
            assertEquals(1.0, db.uptimeRatio());
            assertEquals(0, db.outages());
            assertTrue(db.slaMet());
            assertTrue(Double.isNaN(db.meanLatencySeconds()));

            ProbeUptime web = uptimes.get(1);
            assertEquals(1200, web.checks());
            assertEquals(1128, web.successes());
            assertEquals(0.94, web.uptimeRatio(), 1e-12);
            assertEquals(2, web.outages());
            assertEquals(36 * 60, web.downtimeSeconds(), 1e-9);
            assertEquals(30 * 60, web.longestOutageSeconds(), 1e-9);
            assertFalse(web.slaMet());
            assertEquals(0.5, web.p95LatencySeconds(), 1e-12);
            assertEquals(0.095, web.meanLatencySeconds(), 1e-9);

            // A window around the second outage only, for one probe.
            TimeRange afternoon = TimeRange.of(Instant.parse("2026-11-02T13:00:00Z"), Instant.parse("2026-11-02T15:00:00Z"));
            List<ProbeUptime> one = calculator.compute(afternoon, "web", probe -> 95.0);
            assertEquals(1, one.size());
            assertEquals(240, one.get(0).checks());
            assertEquals(0.95, one.get(0).uptimeRatio(), 1e-12);
            assertTrue(one.get(0).slaMet());
        }
    }
}
