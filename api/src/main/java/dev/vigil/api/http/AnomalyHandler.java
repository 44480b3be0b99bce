package dev.vigil.api.http;

import java.util.List;

import dev.vigil.analytics.anomaly.AnomalyScorer;
import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.metrics.StepSeries;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/analytics/anomalies}: robust anomaly scores of one metric series against its
 * own trailing baseline ({@code window} points, default 30), with the anomalous runs.
 */
public final class AnomalyHandler implements Handler<RoutingContext> {
    private final MetricQueryEngine engine;
    private final QueryRunner runner;

    private AnomalyHandler(MetricQueryEngine engine, QueryRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    public static AnomalyHandler create(MetricQueryEngine engine, QueryRunner runner) {
        return new AnomalyHandler(engine, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String selectorText = Params.string(ctx, "query", null);
        if (selectorText == null) {
            throw ApiException.badRequest("parameter 'query' is required: a selector matching one series");
        }
        SeriesSelector selector;
        Aggregation aggregation;
        try {
            selector = SeriesSelector.parse(selectorText);
            aggregation = Aggregation.parse(Params.string(ctx, "agg", "avg"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int window = Params.integer(ctx, "window", 30, 3, 10_000);
        double threshold = Params.integer(ctx, "threshold", (int) AnomalyScorer.DEFAULT_THRESHOLD, 1, 100);
        MetricQuery query = new MetricQuery(selector, Params.range(ctx), Params.duration(ctx, "step"), aggregation, List.of());
        runner.json(ctx, "anomalies", () -> {
            List<StepSeries> series = engine.query(query);
            if (series.size() != 1) {
                throw ApiException.badRequest("the selector matches " + series.size() + " series; it must match exactly one");
            }
            StepSeries one = series.get(0);
            double[] scores = AnomalyScorer.trailing(one.values(), window, Math.min(window, 5));
            Buffer body = JsonBodies.anomalies(one, scores, AnomalyScorer.episodes(scores, threshold, 2, 1), query.step().toMillis());
            return body;
        });
    }
}
