package dev.vigil.api.http;

import java.time.Duration;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.changes.TrackedChange;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The change routes: {@code GET /api/v1/changes?from&to&service&type&limit} (the changes in a
 * window with their ids and rollback links), {@code GET /api/v1/changes/:id} and
 * {@code GET /api/v1/changes/:id/verdict}. Index reads and the verdict's statistics run on the
 * worker pool. An id that names no stored change answers 404.
 */
public final class ChangesHandler {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    /** Without from and to, the list covers this much before now: changes are rare, an hour is too little. */
    static final Duration DEFAULT_LIST_WINDOW = Duration.ofDays(1);

    private final ChangeIntelligence changes;
    private final QueryRunner runner;

    public ChangesHandler(ChangeIntelligence changes, QueryRunner runner) {
        this.changes = changes;
        this.runner = runner;
    }

    /** {@code GET /api/v1/changes}. */
    public Handler<RoutingContext> list() {
        return ctx -> {
            TimeRange range = range(ctx);
            String service = Params.string(ctx, "service", null);
            ChangeType type = type(Params.string(ctx, "type", null));
            int limit = Params.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            long started = System.nanoTime();
            runner.run("changes", () -> {
                JsonArray list = new JsonArray();
                for (TrackedChange change : changes.list(range, service, type, limit)) {
                    list.add(ChangesJson.change(change));
                }
                return new JsonObject()
                        .put("window", new JsonObject().put("from", range.from().toString()).put("to", range.to().toString()))
                        .put("changes", list)
                        .put("took_ms", Math.round((System.nanoTime() - started) / 1e5) / 10.0);
            }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
        };
    }

    /** {@code GET /api/v1/changes/:id}. */
    public Handler<RoutingContext> get() {
        return ctx -> {
            String id = ctx.pathParam("id");
            runner.run("change", () -> ChangesJson.change(changes.find(id).orElseThrow(() -> notFound(id))))
                    .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
        };
    }

    /** {@code GET /api/v1/changes/:id/verdict}. */
    public Handler<RoutingContext> verdict() {
        return ctx -> {
            String id = ctx.pathParam("id");
            runner.run("change_verdict", () -> ChangesJson.verdict(changes.verdict(id).orElseThrow(() -> notFound(id))))
                    .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
        };
    }

    private static TimeRange range(RoutingContext ctx) {
        if (Params.string(ctx, "from", null) == null && Params.string(ctx, "to", null) == null) {
            long now = dev.vigil.ingest.model.Timestamps.toNanos(java.time.Instant.now());
            return new TimeRange(now - DEFAULT_LIST_WINDOW.toNanos(), now);
        }
        return Params.range(ctx);
    }

    private static ChangeType type(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ChangeType.parse(text);
        } catch (InvalidFieldException e) {
            throw ApiException.badRequest("parameter 'type': unknown change type '" + text
                    + "'; use one of deploy, rollback, migration, config_change, feature_flag, scale, infrastructure");
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "not_found", "no change with id '" + id
                + "'; ids look like 1793616120000000000-6c1ab03e (see GET /api/v1/changes)");
    }
}
