package dev.vigil.analytics.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.Pipelines;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.MetricSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric and latency SLOs through a real pipeline. Counters: two instances of
 * {@code http_requests_total}, scraped every 15 s for 2 hours, each serving 40 requests a scrape of
 * which 1 is a 5xx (2.5% bad); instance b restarts (counter reset) after an hour.
 */
class MetricSloTest {
    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(2));

    @TempDir
    Path dir;

    @Test
    void countersGiveTheRatioOfTheirIncreasesAcrossResets() throws Exception {
        try (EventPipeline pipeline = Pipelines.open(dir)) {
            List<MetricSample> samples = new ArrayList<>();
            for (String instance : List.of("a", "b")) {
                long ok = 0;
                long bad = 0;
                for (Instant at = START; at.isBefore(END); at = at.plusSeconds(15)) {
                    if (instance.equals("b") && at.equals(START.plus(Duration.ofHours(1)))) {
                        ok = 0;
                        bad = 0;
                    }
                    long nanos = at.toEpochMilli() * 1_000_000L;
                    samples.add(new MetricSample("http_requests_total", Map.of("instance", instance, "code", "200"), nanos, ok));
                    samples.add(new MetricSample("http_requests_total", Map.of("instance", instance, "code", "500"), nanos, bad));
                    ok += 39;
                    bad += 1;
                }
            }
            Pipelines.appendAll(pipeline, EventKind.METRIC, samples);
            SloRepository repository = SloRepository.open(null, null);
            repository.put(new SloDefinition("counters", "counters", null, null,
                    new Indicator.MetricRatio("availability", "http_requests_total{code!~\"5..\"}", "http_requests_total"),
                    99.0, Duration.ofDays(1), BurnRatePolicy.standard(), SloDefinition.ORIGIN_API));
            SloStatus status = new BurnRateEvaluator(repository, pipeline).status("counters", END).orElseThrow();
            // Instance a: 479 intervals of 40. Instance b: 239 of 40 before the reset, the reset itself (its new
            // value, 0, is the increase), then 239 of 40.
            assertEquals(479 * 40 + 2 * 239 * 40, status.counts().total(), "total " + status.counts());
            assertEquals(479 + 2 * 239, status.counts().bad());
            assertEquals(0.975, status.sli(), 1e-9);
            assertEquals(2.5, status.burnRates().get(2).burnRate(), 1e-9);
        }
    }

    @Test
    void latencyCountsRequestsUnderTheThresholdForOneEndpoint() throws Exception {
        try (EventPipeline pipeline = Pipelines.open(dir)) {
            List<LogEvent> logs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long nanos = START.toEpochMilli() * 1_000_000L + i * 1_000_000_000L;
                // Durations 1..100 ms on /pay; /search is always slow and must not count.
                logs.add(new LogEvent(nanos, "shop", null, Level.INFO, "pay", Map.of("method", "POST", "route", "/pay",
                        "status", "200", "duration_ms", Integer.toString(i + 1))));
                logs.add(new LogEvent(nanos, "shop", null, Level.INFO, "search", Map.of("method", "GET", "route", "/search",
                        "status", "200", "duration_ms", "900")));
            }
            Pipelines.appendAll(pipeline, EventKind.LOG, logs);
            SloRepository repository = SloRepository.open(null, null);
            repository.put(new SloDefinition("pay-fast", "pay", "shop", "/pay", new Indicator.Latency(Duration.ofMillis(90)), 95,
                    Duration.ofDays(1), BurnRatePolicy.standard(), SloDefinition.ORIGIN_API));
            repository.put(new SloDefinition("pay-post", "pay", "shop", "POST /pay", new Indicator.Latency(Duration.ofMillis(90)), 95,
                    Duration.ofDays(1), BurnRatePolicy.standard(), SloDefinition.ORIGIN_API));
            BurnRateEvaluator evaluator = new BurnRateEvaluator(repository, pipeline);
            for (String id : List.of("pay-fast", "pay-post")) {
                SloStatus status = evaluator.status(id, END).orElseThrow();
                assertEquals(new Counts(90, 100), status.counts(), id);
                assertEquals(2.0, status.burnRates().get(3).burnRate(), 1e-9, id);
            }
        }
    }
}
