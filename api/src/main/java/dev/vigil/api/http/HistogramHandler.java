package dev.vigil.api.http;

import dev.vigil.analytics.search.EventHistogram;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/logs/histogram}: {@code q, from, to, interval}. */
public final class HistogramHandler implements Handler<RoutingContext> {
    private final EventHistogram histogram;
    private final QueryRunner runner;

    private HistogramHandler(EventHistogram histogram, QueryRunner runner) {
        this.histogram = histogram;
        this.runner = runner;
    }

    public static HistogramHandler create(EventHistogram histogram, QueryRunner runner) {
        return new HistogramHandler(histogram, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String query = Params.string(ctx, "q", Params.string(ctx, "query", ""));
        var range = Params.range(ctx);
        var interval = Params.duration(ctx, "interval");
        runner.json(ctx, "histogram", () -> JsonBodies.histogram(histogram.count(query, "log", range, interval)));
    }
}
