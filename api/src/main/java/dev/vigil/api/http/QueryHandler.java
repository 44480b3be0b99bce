package dev.vigil.api.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.analytics.query.PipelineQueryEngine;
import dev.vigil.analytics.query.QueryErrors;
import dev.vigil.analytics.query.QueryRequest;
import dev.vigil.analytics.query.QueryResult;
import dev.vigil.analytics.search.QuerySyntaxException;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/query}: {@code q} (the query language, docs/query.md), {@code from},
 * {@code to}, {@code timeout} (the time budget, default 10s, at most 5m). Runs on the worker
 * pool. A query that does not parse gets 400 {@code invalid_query} with the 0-based
 * {@code position} and a {@code hint} that shows it with a caret.
 */
public final class QueryHandler implements Handler<RoutingContext> {
    private final PipelineQueryEngine engine;
    private final QueryRunner runner;

    private QueryHandler(PipelineQueryEngine engine, QueryRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    public static QueryHandler create(PipelineQueryEngine engine, QueryRunner runner) {
        return new QueryHandler(engine, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String query = Params.string(ctx, "q", Params.string(ctx, "query", ""));
        Duration timeout = Params.duration(ctx, "timeout");
        if (timeout != null && (timeout.isZero() || timeout.isNegative() || timeout.compareTo(QueryRequest.MAX_TIMEOUT) > 0)) {
            throw ApiException.badRequest("parameter 'timeout' must be more than 0 and at most "
                    + QueryRequest.MAX_TIMEOUT.toMinutes() + "m, got '" + ctx.request().getParam("timeout") + "'");
        }
        QueryRequest request = new QueryRequest(query, Params.range(ctx), timeout);
        runner.run("query", () -> body(engine.run(request)))
                .onSuccess(body -> Responses.json(ctx, 200, body))
                .onFailure(failure -> {
                    if (failure instanceof QuerySyntaxException syntax) {
                        invalidQuery(ctx, query, syntax);
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    private static void invalidQuery(RoutingContext ctx, String query, QuerySyntaxException syntax) {
        JsonObject error = new JsonObject().put("code", "invalid_query").put("message", syntax.getMessage());
        if (syntax.position() >= 0) {
            error.put("position", syntax.position()).put("hint", QueryErrors.caret(query, syntax.position()));
        }
        error.put("query", query);
        Responses.json(ctx, 400, new JsonObject().put("error", error));
    }

    static Buffer body(QueryResult result) {
        return JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", result.events() ? "events" : "table");
            g.writeArrayFieldStart("columns");
            for (String column : result.columns()) {
                g.writeString(column);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (Map<String, Object> row : result.rows()) {
                g.writeStartObject();
                for (Map.Entry<String, Object> field : row.entrySet()) {
                    g.writeFieldName(field.getKey());
                    value(g, field.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("partial", result.partial());
            writeStrings(g, "partial_reasons", result.partialReasons());
            g.writeNumberField("scanned", result.scanned());
            g.writeNumberField("decoded", result.decoded());
            g.writeNumberField("took_ms", Math.round(result.tookMillis() * 100) / 100.0);
            g.writeEndObject();
        });
    }

    private static void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                g.writeNull();
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                // 19.0 reads better as 19; JSON numbers carry no type.
                g.writeNumber(d.longValue());
            } else {
                g.writeNumber(d);
            }
        } else if (value instanceof Instant instant) {
            g.writeString(Timestamps.format(Timestamps.toNanos(instant)));
        } else {
            g.writeString(value.toString());
        }
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
