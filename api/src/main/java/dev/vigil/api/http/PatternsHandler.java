package dev.vigil.api.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.analytics.patterns.summary.ParameterSummary;
import dev.vigil.analytics.patterns.summary.PatternQuery;
import dev.vigil.analytics.patterns.summary.PatternReport;
import dev.vigil.analytics.patterns.summary.PatternSummarizer;
import dev.vigil.analytics.patterns.summary.PatternSummary;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/patterns}: {@code q, from, to, interval, limit, examples, sample}. The log
 * templates of the window, most frequent first (docs/patterns.md).
 */
public final class PatternsHandler implements Handler<RoutingContext> {
    private final PatternSummarizer summarizer;
    private final QueryRunner runner;

    private PatternsHandler(PatternSummarizer summarizer, QueryRunner runner) {
        this.summarizer = summarizer;
        this.runner = runner;
    }

    public static PatternsHandler create(PatternSummarizer summarizer, QueryRunner runner) {
        return new PatternsHandler(summarizer, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        PatternQuery query = new PatternQuery(Params.string(ctx, "q", Params.string(ctx, "query", "")), Params.range(ctx),
                Params.duration(ctx, "interval"),
                Params.integer(ctx, "limit", PatternQuery.DEFAULT_LIMIT, 1, PatternQuery.MAX_LIMIT),
                Params.integer(ctx, "examples", PatternQuery.DEFAULT_EXAMPLES, 0, PatternQuery.MAX_EXAMPLES),
                Params.integer(ctx, "sample", PatternQuery.DEFAULT_SAMPLE, 1, PatternQuery.MAX_SAMPLE));
        runner.json(ctx, "patterns", () -> body(summarizer.summarize(query)));
    }

    static Buffer body(PatternReport report) {
        return JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("window");
            g.writeStringField("from", Timestamps.format(report.range().fromNanos()));
            g.writeStringField("to", Timestamps.format(report.range().toNanos()));
            g.writeEndObject();
            g.writeStringField("query", report.query());
            g.writeNumberField("total", report.total());
            g.writeNumberField("untemplated", report.untemplated());
            g.writeNumberField("templates", report.templates());
            g.writeStringField("interval", report.interval().toString());
            g.writeNumberField("interval_ms", report.interval().toMillis());
            g.writeStringField("trend_start", Timestamps.format(report.trendStartNanos()));
            g.writeNumberField("took_ms", Math.round(report.tookMillis() * 100) / 100.0);
            g.writeArrayFieldStart("patterns");
            for (PatternSummary pattern : report.patterns()) {
                pattern(g, pattern);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void pattern(JsonGenerator g, PatternSummary pattern) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", pattern.id());
        g.writeStringField("text", pattern.text());
        g.writeNumberField("count", pattern.count());
        JsonBodies.number(g, "share", pattern.share());
        g.writeStringField("first_seen", Timestamps.format(pattern.firstNanos()));
        g.writeStringField("last_seen", Timestamps.format(pattern.lastNanos()));
        g.writeArrayFieldStart("trend");
        for (long count : pattern.trend()) {
            g.writeNumber(count);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("examples");
        for (LogEvent example : pattern.examples()) {
            g.writeStartObject();
            g.writeStringField("timestamp", Timestamps.format(example.timestampNanos()));
            g.writeStringField("service", example.service());
            if (example.host() != null) {
                g.writeStringField("host", example.host());
            }
            g.writeStringField("level", example.level().name());
            g.writeStringField("message", example.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("sampled", pattern.sampled());
        g.writeArrayFieldStart("parameters");
        for (ParameterSummary parameter : pattern.parameters()) {
            parameter(g, parameter);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("indexed_ids");
        for (String id : pattern.indexedIds().stream().sorted().toList()) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void parameter(JsonGenerator g, ParameterSummary parameter) throws IOException {
        g.writeStartObject();
        g.writeNumberField("position", parameter.position());
        g.writeNumberField("values", parameter.values());
        g.writeNumberField("distinct", parameter.distinct());
        g.writeArrayFieldStart("top");
        for (ParameterSummary.ValueCount value : parameter.top()) {
            g.writeStartObject();
            g.writeStringField("value", value.value());
            g.writeNumberField("count", value.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (parameter.numeric() != null) {
            g.writeObjectFieldStart("numeric");
            JsonBodies.number(g, "min", parameter.numeric().min());
            JsonBodies.number(g, "max", parameter.numeric().max());
            JsonBodies.number(g, "avg", parameter.numeric().mean());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
