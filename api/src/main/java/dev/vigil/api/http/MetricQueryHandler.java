package dev.vigil.api.http;

import java.util.Arrays;
import java.util.List;

import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/metrics/query}: {@code query} (a series selector such as
 * {@code db_pool_active_connections{service="payments"}}), {@code from, to, step}, {@code agg}
 * (avg, min, max, sum, count, last, rate, p50, p95, p99) and {@code by} (comma-separated labels).
 */
public final class MetricQueryHandler implements Handler<RoutingContext> {
    private final MetricQueryEngine engine;
    private final QueryRunner runner;

    private MetricQueryHandler(MetricQueryEngine engine, QueryRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    public static MetricQueryHandler create(MetricQueryEngine engine, QueryRunner runner) {
        return new MetricQueryHandler(engine, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String selectorText = Params.string(ctx, "query", Params.string(ctx, "name", null));
        if (selectorText == null) {
            throw ApiException.badRequest("parameter 'query' is required, e.g. query=http_requests_total{service=\"checkout\"}");
        }
        SeriesSelector selector;
        try {
            selector = SeriesSelector.parse(selectorText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter 'query': " + e.getMessage());
        }
        Aggregation aggregation;
        try {
            aggregation = Aggregation.parse(Params.string(ctx, "agg", Params.string(ctx, "aggregation", "avg")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter 'agg': " + e.getMessage());
        }
        String by = Params.string(ctx, "by", "");
        List<String> groupBy = by.isBlank() ? List.of() : Arrays.stream(by.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        MetricQuery query = new MetricQuery(selector, Params.range(ctx), Params.duration(ctx, "step"), aggregation, groupBy);
        runner.json(ctx, "metrics_query", () -> {
            long started = System.nanoTime();
            var series = engine.query(query);
            return JsonBodies.series(series, aggregation.label(), query.step().toMillis(), (System.nanoTime() - started) / 1e6);
        });
    }
}
