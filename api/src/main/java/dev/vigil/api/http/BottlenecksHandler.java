package dev.vigil.api.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.bottlenecks.BottleneckAnalyzer;
import dev.vigil.analytics.bottlenecks.BottleneckQuery;
import dev.vigil.analytics.bottlenecks.BottleneckReport;
import dev.vigil.analytics.bottlenecks.DependencyCost;
import dev.vigil.analytics.bottlenecks.EndpointBottleneck;
import dev.vigil.analytics.bottlenecks.LatencyStats;
import dev.vigil.analytics.bottlenecks.ResourceBottleneck;
import dev.vigil.analytics.bottlenecks.SaturationLink;
import dev.vigil.analytics.bottlenecks.SaturationSignal;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/bottlenecks}: {@code from, to, service, baseline_from, baseline_to, bucket,
 * limit}. Endpoints ranked by the time they cost themselves, with latency against the baseline,
 * the dependencies they wait on and the resources that move with their latency (docs/api.md).
 */
public final class BottlenecksHandler implements Handler<RoutingContext> {
    private final BottleneckAnalyzer analyzer;
    private final QueryRunner runner;

    private BottlenecksHandler(BottleneckAnalyzer analyzer, QueryRunner runner) {
        this.analyzer = analyzer;
        this.runner = runner;
    }

    public static BottlenecksHandler create(BottleneckAnalyzer analyzer, QueryRunner runner) {
        return new BottlenecksHandler(analyzer, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        TimeRange window = Params.range(ctx);
        TimeRange baseline = Params.baseline(ctx, window);
        BottleneckQuery query;
        try {
            query = new BottleneckQuery(window, baseline, Params.string(ctx, "service", null), Params.duration(ctx, "bucket"),
                    Params.integer(ctx, "limit", BottleneckQuery.DEFAULT_LIMIT, 1, BottleneckQuery.MAX_LIMIT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        runner.json(ctx, "bottlenecks", () -> body(analyzer.analyze(query)));
    }


    static Buffer body(BottleneckReport report) {
        return JsonBodies.write(g -> {
            BottleneckQuery query = report.query();
            g.writeStartObject();
            range(g, "window", query.window());
            range(g, "baseline", query.baseline());
            if (query.service() != null) {
                g.writeStringField("service", query.service());
            }
            g.writeNumberField("bucket_ms", report.bucketMillis());
            g.writeNumberField("baseline_buckets", report.baselineBuckets());
            g.writeNumberField("window_buckets", report.windowBuckets());
            number(g, "total_time_ms", report.totalMs());
            number(g, "self_time_ms", report.selfMs());
            g.writeNumberField("endpoint_count", report.endpointCount());
            g.writeNumberField("spans", report.spans());
            g.writeNumberField("upstream_logs", report.upstreamLogs());
            g.writeBooleanField("truncated", report.truncated());
            g.writeArrayFieldStart("endpoints");
            for (EndpointBottleneck endpoint : report.endpoints()) {
                endpoint(g, endpoint);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("resources");
            for (ResourceBottleneck resource : report.resources()) {
                resource(g, resource);
            }
            g.writeEndArray();
            number(g, "took_ms", report.tookMillis());
            g.writeEndObject();
        });
    }

    private static void range(JsonGenerator g, String name, TimeRange range) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("from", Timestamps.format(range.fromNanos()));
        g.writeStringField("to", Timestamps.format(range.toNanos()));
        g.writeEndObject();
    }

    private static void endpoint(JsonGenerator g, EndpointBottleneck e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("rank", e.rank());
        g.writeStringField("service", e.service());
        g.writeStringField("endpoint", e.endpoint());
        g.writeStringField("source", e.source());
        number(g, "self_time_ms", e.selfMs());
        number(g, "self_share", e.selfShare());
        number(g, "total_time_ms", e.window().totalMs());
        number(g, "time_share", e.timeShare());
        number(g, "nested_share", e.nestedShare());
        g.writeNumberField("nested_sample", e.nestedSample());
        latency(g, "window", e.window());
        latency(g, "baseline", e.baseline());
        g.writeObjectFieldStart("change");
        number(g, "rate_ratio", ratio(e.window().ratePerSecond(), e.baseline().ratePerSecond()));
        number(g, "p50_ms", e.window().p50Ms() - e.baseline().p50Ms());
        number(g, "p95_ms", e.p95ChangeMs());
        number(g, "p99_ms", e.window().p99Ms() - e.baseline().p99Ms());
        number(g, "p95_ratio", ratio(e.window().p95Ms(), e.baseline().p95Ms()));
        g.writeEndObject();
        g.writeArrayFieldStart("dependencies");
        for (DependencyCost d : e.dependencies()) {
            dependency(g, d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("saturation");
        for (SaturationLink link : e.saturation()) {
            link(g, link);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void latency(JsonGenerator g, String name, LatencyStats l) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("requests", l.requests());
        g.writeNumberField("errors", l.errors());
        number(g, "rate_per_s", l.ratePerSecond());
        number(g, "mean_ms", l.meanMs());
        number(g, "p50_ms", l.p50Ms());
        number(g, "p95_ms", l.p95Ms());
        number(g, "p99_ms", l.p99Ms());
        number(g, "max_ms", l.maxMs());
        number(g, "total_time_ms", l.totalMs());
        g.writeEndObject();
    }

    private static void dependency(JsonGenerator g, DependencyCost d) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", d.kind());
        g.writeStringField("name", d.name());
        g.writeStringField("operation", d.operation());
        g.writeStringField("source", d.source());
        g.writeNumberField("calls", d.calls());
        g.writeNumberField("errors", d.errors());
        number(g, "time_share", d.timeShare());
        number(g, "mean_ms", d.meanMs());
        number(g, "p95_ms", d.p95Ms());
        g.writeNumberField("baseline_calls", d.baselineCalls());
        number(g, "baseline_time_share", d.baselineTimeShare());
        number(g, "baseline_mean_ms", d.baselineMeanMs());
        g.writeEndObject();
    }

    private static void link(JsonGenerator g, SaturationLink link) throws IOException {
        g.writeStartObject();
        g.writeStringField("resource", link.resource().label());
        if (link.service() != null) {
            g.writeStringField("service", link.service());
        }
        g.writeStringField("metric", link.metric());
        number(g, "score", link.score());
        g.writeArrayFieldStart("signals");
        for (SaturationSignal s : link.signals()) {
            g.writeStartObject();
            g.writeStringField("metric", s.metric());
            g.writeStringField("series", s.series());
            g.writeStringField("role", s.role());
            number(g, "correlation", s.correlation());
            g.writeNumberField("buckets", s.buckets());
            number(g, "baseline_mean", s.baselineMean());
            number(g, "window_mean", s.windowMean());
            number(g, "peak", s.peak());
            number(g, "change", s.change());
            number(g, "change_ratio", s.changeRatio());
            number(g, "change_sigmas", s.changeSigmas());
            number(g, "score", s.score());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void resource(JsonGenerator g, ResourceBottleneck r) throws IOException {
        g.writeStartObject();
        g.writeStringField("resource", r.resource().label());
        if (r.service() != null) {
            g.writeStringField("service", r.service());
        }
        g.writeStringField("metric", r.metric());
        number(g, "score", r.score());
        g.writeArrayFieldStart("endpoints");
        for (ResourceBottleneck.Linked linked : r.endpoints()) {
            g.writeStartObject();
            g.writeStringField("service", linked.service());
            g.writeStringField("endpoint", linked.endpoint());
            number(g, "correlation", linked.correlation());
            number(g, "score", linked.score());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Numbers rounded to 4 significant decimals' worth: evidence to read, not to recompute. */
    private static void number(JsonGenerator g, String field, double value) throws IOException {
        JsonBodies.number(g, field, Double.isFinite(value) ? round(value) : value);
    }

    private static double round(double value) {
        double magnitude = Math.abs(value);
        double scale = magnitude >= 1000 ? 10 : magnitude >= 1 ? 1000 : 1_000_000;
        return Math.round(value * scale) / scale;
    }

    private static double ratio(double a, double b) {
        return b > 0 && Double.isFinite(a) ? a / b : Double.NaN;
    }
}
