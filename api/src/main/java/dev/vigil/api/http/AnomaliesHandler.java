package dev.vigil.api.http;

import java.util.List;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.anomaly.monitor.Anomaly;
import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.AnomalyQuery;
import dev.vigil.analytics.anomaly.monitor.SignalKind;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/anomalies?from&to&service&min_score&kind}: the anomaly episodes that began in
 * the window, with their evidence numbers. Past windows the monitor has not searched are scanned
 * first (on the worker pool), so the first answer for a long imported window can take seconds;
 * later ones read what was stored.
 */
public final class AnomaliesHandler implements Handler<RoutingContext> {
    private final AnomalyMonitor monitor;
    private final QueryRunner runner;

    private AnomaliesHandler(AnomalyMonitor monitor, QueryRunner runner) {
        this.monitor = monitor;
        this.runner = runner;
    }

    public static AnomaliesHandler create(AnomalyMonitor monitor, QueryRunner runner) {
        return new AnomaliesHandler(monitor, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        TimeRange range = Params.range(ctx);
        String service = Params.string(ctx, "service", null);
        double minScore = score(Params.string(ctx, "min_score", "0"));
        SignalKind kind = null;
        String kindText = Params.string(ctx, "kind", null);
        if (kindText != null) {
            try {
                kind = SignalKind.parse(kindText);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("parameter 'kind': " + e.getMessage());
            }
        }
        java.time.Duration maxScan = monitor.settings().maxScan();
        if (range.lengthNanos() > maxScan.toNanos()) {
            throw ApiException.badRequest("parameters 'from' and 'to' span more than " + maxScan.toDays()
                    + " days, the longest window scanned at once; ask for a shorter one");
        }
        AnomalyQuery query = new AnomalyQuery(range, service, minScore, kind);
        long started = System.nanoTime();
        runner.run("anomalies", () -> body(query, monitor.anomalies(query, System.currentTimeMillis()), (System.nanoTime() - started) / 1e6)).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private static double score(String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter 'min_score' must be a number between 0 and 1, got '" + text + "'");
        }
        if (!(value >= 0 && value <= 1)) {
            throw ApiException.badRequest("parameter 'min_score' must be between 0 and 1, got " + text);
        }
        return value;
    }

    private JsonObject body(AnomalyQuery query, List<Anomaly> found, double tookMillis) {
        JsonArray anomalies = new JsonArray();
        for (Anomaly a : found) {
            JsonObject series = new JsonObject().put("kind", a.signal().kind().label()).put("id", a.signal().series())
                    .put("service", a.signal().service()).put("unit", a.signal().kind().unit());
            if (a.signal().endpoint() != null) {
                series.put("endpoint", a.signal().endpoint());
            }
            if (a.signal().template() != null) {
                series.put("template", a.signal().template());
            }
            anomalies.add(new JsonObject()
                    .put("id", a.id())
                    .put("series", series)
                    .put("onset", a.onset().toString())
                    .put("peak", a.peak().toString())
                    .put("end", a.end().toString())
                    .put("ongoing", a.ongoing())
                    .put("score", round(a.score(), 1e3))
                    .put("expected", finite(a.expected()))
                    .put("observed", finite(a.observed())));
        }
        return new JsonObject()
                .put("window", new JsonObject().put("from", query.range().from().toString()).put("to", query.range().to().toString()))
                .put("step_ms", monitor.settings().scanStepMillis())
                .put("anomalies", anomalies)
                .put("took_ms", round(tookMillis, 10));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
