package dev.vigil.api.http;

import dev.vigil.analytics.requests.RequestStatsCalculator;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/analytics/endpoints}: request rate, error rate and p50/p95/p99 per service and
 * endpoint from access-log events; {@code from, to, service, bucket, buckets=true|false}.
 */
public final class EndpointStatsHandler implements Handler<RoutingContext> {
    private final RequestStatsCalculator calculator;
    private final QueryRunner runner;

    private EndpointStatsHandler(RequestStatsCalculator calculator, QueryRunner runner) {
        this.calculator = calculator;
        this.runner = runner;
    }

    public static EndpointStatsHandler create(RequestStatsCalculator calculator, QueryRunner runner) {
        return new EndpointStatsHandler(calculator, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        var range = Params.range(ctx);
        var bucket = Params.duration(ctx, "bucket");
        String service = Params.string(ctx, "service", null);
        boolean withBuckets = Boolean.parseBoolean(Params.string(ctx, "buckets", "false"));
        runner.json(ctx, "endpoints", () -> JsonBodies.requestStats(calculator.compute(range, bucket, service), withBuckets));
    }
}
