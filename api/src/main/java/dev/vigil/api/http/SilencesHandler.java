package dev.vigil.api.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.Silence;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code GET /api/v1/silences?status=active|pending|expired}, {@code GET /api/v1/silences/:id},
 * {@code POST /api/v1/silences} (201 with the silence and its id) and
 * {@code DELETE /api/v1/silences/:id} (expires it now; it stays listed as expired). Writes go to
 * the data directory on the worker pool.
 */
public final class SilencesHandler {
    private final AlertEngine engine;
    private final QueryRunner runner;

    private SilencesHandler(AlertEngine engine, QueryRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    public static void mount(Router router, BodyHandler body, QueryRunner runner, AlertEngine engine) {
        SilencesHandler handler = new SilencesHandler(engine, runner);
        router.get("/api/v1/silences").handler(handler::list);
        router.get("/api/v1/silences/:id").handler(handler::get);
        router.post("/api/v1/silences").handler(body).handler(handler::create);
        router.delete("/api/v1/silences/:id").handler(handler::expire);
    }

    private void list(RoutingContext ctx) {
        String status = Params.string(ctx, "status", null);
        if (status != null && !List.of("active", "pending", "expired").contains(status)) {
            throw ApiException.badRequest("status: '" + status + "' is not active, pending or expired");
        }
        // On the worker pool: the store's lock is held while a change is written to disk.
        runner.run("silences", () -> {
            Instant now = Instant.now();
            List<Object> out = new ArrayList<>();
            for (Silence s : engine.silences().all()) {
                if (status == null || status.equals(s.status(now))) {
                    out.add(s.fields(now));
                }
            }
            return AlertJson.write(AlertJson.list("silences", out));
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        runner.run("silence", () -> AlertJson.write(engine.silences().get(id).orElseThrow(() -> AlertJson.notFound("silence", id))
                        .fields(Instant.now())))
                .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Object spec = AlertJson.body(ctx);
        runner.run("silence_create", () -> {
            Instant now = Instant.now();
            return AlertJson.write(engine.silences().create(spec, now).fields(now));
        }).onSuccess(body -> Responses.json(ctx, 201, body)).onFailure(e -> AlertJson.fail(ctx, e));
    }

    private void expire(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        runner.run("silence_expire", () -> {
            Instant now = Instant.now();
            return AlertJson.write(engine.silences().expire(id, now).orElseThrow(() -> AlertJson.notFound("silence", id)).fields(now));
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(e -> AlertJson.fail(ctx, e));
    }
}
