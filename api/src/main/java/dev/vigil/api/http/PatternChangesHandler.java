package dev.vigil.api.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.summary.ChangeQuery;
import dev.vigil.analytics.patterns.summary.PatternChange;
import dev.vigil.analytics.patterns.summary.PatternChangeDetector;
import dev.vigil.analytics.patterns.summary.PatternChanges;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/patterns/changes}: {@code q, from, to, baseline_from, baseline_to, alpha,
 * min_ratio, limit}. Templates new in the window and templates whose rate changed significantly
 * against the baseline (docs/patterns.md). Without {@code baseline_from} and {@code baseline_to}, the
 * baseline is the window of the same length right before {@code from}; given one of them, it is as
 * long as the window.
 */
public final class PatternChangesHandler implements Handler<RoutingContext> {
    private final PatternChangeDetector detector;
    private final QueryRunner runner;

    private PatternChangesHandler(PatternChangeDetector detector, QueryRunner runner) {
        this.detector = detector;
        this.runner = runner;
    }

    public static PatternChangesHandler create(PatternChangeDetector detector, QueryRunner runner) {
        return new PatternChangesHandler(detector, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        TimeRange window = Params.range(ctx);
        ChangeQuery query = new ChangeQuery(Params.string(ctx, "q", Params.string(ctx, "query", "")), window, Params.baseline(ctx, window),
                decimal(ctx, "alpha", ChangeQuery.DEFAULT_ALPHA), decimal(ctx, "min_ratio", ChangeQuery.DEFAULT_MIN_RATIO),
                Params.integer(ctx, "limit", ChangeQuery.DEFAULT_LIMIT, 1, ChangeQuery.MAX_LIMIT));
        runner.json(ctx, "pattern_changes", () -> body(detector.detect(query)));
    }


    private static double decimal(RoutingContext ctx, String name, double fallback) {
        String value = Params.string(ctx, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter '" + name + "' must be a number, got '" + value + "'");
        }
    }

    static Buffer body(PatternChanges changes) {
        return JsonBodies.write(g -> {
            g.writeStartObject();
            range(g, "window", changes.window());
            range(g, "baseline", changes.baseline());
            g.writeStringField("query", changes.query());
            g.writeStringField("test", changes.test());
            g.writeStringField("correction", changes.correction());
            g.writeNumberField("alpha", changes.alpha());
            g.writeNumberField("min_ratio", changes.minRatio());
            g.writeNumberField("tested", changes.tested());
            g.writeNumberField("count", changes.count());
            g.writeNumberField("baseline_count", changes.baselineCount());
            g.writeNumberField("took_ms", Math.round(changes.tookMillis() * 100) / 100.0);
            g.writeArrayFieldStart("new");
            for (PatternChange change : changes.newTemplates()) {
                change(g, change, changes.test());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("changed");
            for (PatternChange change : changes.changed()) {
                change(g, change, changes.test());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void range(JsonGenerator g, String name, TimeRange range) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("from", Timestamps.format(range.fromNanos()));
        g.writeStringField("to", Timestamps.format(range.toNanos()));
        g.writeEndObject();
    }

    private static void change(JsonGenerator g, PatternChange change, String test) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", change.id());
        g.writeStringField("text", change.text());
        g.writeNumberField("count", change.count());
        g.writeNumberField("baseline_count", change.baselineCount());
        JsonBodies.number(g, "rate_per_second", change.ratePerSecond());
        JsonBodies.number(g, "baseline_rate_per_second", change.baselineRatePerSecond());
        JsonBodies.number(g, "ratio", change.ratio());
        g.writeStringField("direction", change.direction());
        g.writeStringField("test", test);
        g.writeNumberField("p_value", change.pValue());
        g.writeNumberField("adjusted_p_value", change.adjustedPValue());
        g.writeBooleanField("significant", change.significant());
        if (change.firstNanos() >= 0) {
            g.writeStringField("first_seen", Timestamps.format(change.firstNanos()));
            g.writeStringField("last_seen", Timestamps.format(change.lastNanos()));
        }
        g.writeEndObject();
    }
}
