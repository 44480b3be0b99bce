package dev.vigil.analytics.anomaly.monitor;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.vigil.analytics.Pipelines;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;

/**
 * Six hours of one shop from {@link Pipelines#T0} (seed {@value #SEED}):
 * <ul>
 *   <li>{@code queue_depth{service="orders"}}, one sample a minute, 100 ± 2, stepping to 160 at
 *       {@link #STEP_AT} and staying there;</li>
 *   <li>access logs of {@code orders}, {@code GET /api/orders}, 10 a minute, all 200 except from
 *       {@link #BURST_AT} for 10 minutes, when 6 in 10 answer 503;</li>
 *   <li>an INFO line "cache refreshed in N ms" every minute.</li>
 * </ul>
 */
final class MonitorFixture {
    static final long SEED = 20261102L;
    static final long HOURS = 6;
    static final long STEP_AT = T0 + 5 * 60 * MINUTE;
    static final long BURST_AT = T0 + (5 * 60 + 30) * MINUTE;
    static final long BURST_MINUTES = 10;

    private MonitorFixture() {
    }

    /** Opens a pipeline that mines log templates, as a node does. */
    static EventPipeline open(Path dir) throws IOException {
        TemplateStore templates = TemplateStore.open(dir.resolve("templates"));
        return EventPipeline.open(PipelineConfig.defaults(dir), new TemplateEnricher(templates));
    }

    static void ingest(EventPipeline pipeline) {
        Random random = new Random(SEED);
        List<MetricSample> samples = new ArrayList<>();
        List<LogEvent> logs = new ArrayList<>();
        for (long minute = 0; minute < HOURS * 60; minute++) {
            long at = T0 + minute * MINUTE;
            double base = at >= STEP_AT ? 160 : 100;
            samples.add(new MetricSample("queue_depth", Map.of("service", "orders"), at + 5 * SECOND, base + 2 * random.nextGaussian()));
            boolean burst = at >= BURST_AT && at < BURST_AT + BURST_MINUTES * MINUTE;
            for (int r = 0; r < 10; r++) {
                boolean error = burst && r < 6;
                double ms = 20 + 5 * random.nextDouble();
                logs.add(new LogEvent(at + (r * 6 + 1) * SECOND, "orders", "orders-1", error ? Level.ERROR : Level.INFO,
                        "GET /api/orders " + (error ? 503 : 200), Map.of("method", "GET", "route", "/api/orders",
                        "status", error ? "503" : "200", "duration_ms", String.format(java.util.Locale.ROOT, "%.1f", ms))));
            }
            logs.add(new LogEvent(at + 30 * SECOND, "orders", "orders-1", Level.INFO,
                    "cache refreshed in " + (3 + random.nextInt(5)) + " ms", Map.of()));
        }
        Pipelines.appendAll(pipeline, EventKind.METRIC, samples);
        Pipelines.appendAll(pipeline, EventKind.LOG, logs);
    }
}
