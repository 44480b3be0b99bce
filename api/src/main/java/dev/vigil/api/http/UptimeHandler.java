package dev.vigil.api.http;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.uptime.ProbeUptime;
import dev.vigil.analytics.uptime.UptimeCalculator;
import dev.vigil.api.probes.ProbeDefinition;
import dev.vigil.api.probes.ProbeRepository;
import dev.vigil.ingest.EventPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/uptime?from&to&probe}: uptime, downtime, outages, latency and SLA per probe
 * target over the range (default: the last hour), from the recorded probe results.
 */
public final class UptimeHandler implements Handler<RoutingContext> {
    private final UptimeCalculator calculator;
    private final ProbeRepository probes;
    private final QueryRunner runner;

    private UptimeHandler(UptimeCalculator calculator, ProbeRepository probes, QueryRunner runner) {
        this.calculator = calculator;
        this.probes = probes;
        this.runner = runner;
    }

    public static UptimeHandler create(UptimeCalculator calculator, ProbeRepository probes, QueryRunner runner) {
        return new UptimeHandler(calculator, probes, runner);
    }

    /** Mounts {@code GET /api/v1/uptime} on {@code router}. */
    public static void mount(Router router, Vertx vertx, MeterRegistry registry, EventPipeline pipeline, ProbeRepository probes) {
        router.get("/api/v1/uptime").handler(create(new UptimeCalculator(new MetricQueryEngine(pipeline)), probes,
                new QueryRunner(vertx, registry)));
    }

    @Override
    public void handle(RoutingContext ctx) {
        TimeRange range = Params.range(ctx);
        String probe = Params.string(ctx, "probe", null);
        runner.run("uptime", () -> {
            JsonArray list = new JsonArray();
            for (ProbeUptime uptime : calculator.compute(range, probe,
                    name -> probes.get(name).map(ProbeDefinition::slaPercent).orElse(Double.NaN))) {
                list.add(json(uptime));
            }
            return new JsonObject().put("from", range.from().toString()).put("to", range.to().toString()).put("probes", list);
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private static JsonObject json(ProbeUptime uptime) {
        return new JsonObject()
                .put("probe", uptime.probe())
                .put("checks", uptime.checks())
                .put("successes", uptime.successes())
                .put("uptime_percent", finite(uptime.uptimeRatio() * 100))
                .put("downtime_seconds", uptime.downtimeSeconds())
                .put("outages", uptime.outages())
                .put("longest_outage_seconds", uptime.longestOutageSeconds())
                .put("latency", new JsonObject().put("mean_seconds", finite(uptime.meanLatencySeconds()))
                        .put("p95_seconds", finite(uptime.p95LatencySeconds())))
                .put("sla", new JsonObject().put("target_percent", finite(uptime.slaPercent())).put("met", uptime.slaMet()));
    }

    /** JSON has no NaN: unknown is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
