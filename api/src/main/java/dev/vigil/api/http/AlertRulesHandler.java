package dev.vigil.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.AlertRule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The alert rules: {@code GET /api/v1/alert-rules} (every rule with its origin and the health of
 * its last evaluation), {@code GET /api/v1/alert-rules/:id}, {@code POST} (201), {@code PUT /:id}
 * (200), {@code DELETE /:id} (204). A bad field answers 400 {@code invalid_rule} naming it; a
 * taken id or a rule of the configuration file answers 409.
 */
public final class AlertRulesHandler {
    private final AlertEngine engine;
    private final QueryRunner runner;

    private AlertRulesHandler(AlertEngine engine, QueryRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    public static void mount(Router router, BodyHandler body, QueryRunner runner, AlertEngine engine) {
        AlertRulesHandler handler = new AlertRulesHandler(engine, runner);
        router.get("/api/v1/alert-rules").handler(handler::list);
        router.get("/api/v1/alert-rules/:id").handler(handler::get);
        router.post("/api/v1/alert-rules").handler(body).handler(handler::create);
        router.put("/api/v1/alert-rules/:id").handler(body).handler(handler::replace);
        router.delete("/api/v1/alert-rules/:id").handler(handler::delete);
    }

    private Map<String, Object> fields(AlertRule rule) {
        Map<String, Object> out = rule.fields();
        out.put("origin", rule.origin());
        AlertEngine.RuleHealth health = engine.health(rule.id());
        out.put("last_evaluation", health.evaluatedAt() == null ? null : health.evaluatedAt().toString());
        out.put("last_error", health.error());
        return out;
    }

    private void list(RoutingContext ctx) {
        runner.run("alert_rules", () -> {
            List<Object> out = new ArrayList<>();
            for (AlertRule rule : engine.rules().all()) {
                out.add(fields(rule));
            }
            return AlertJson.write(AlertJson.list("rules", out));
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        runner.run("alert_rule", () -> AlertJson.write(fields(engine.rules().get(id).orElseThrow(() -> AlertJson.notFound("alert rule", id)))))
                .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Object spec = AlertJson.body(ctx);
        runner.run("alert_rule_create", () -> {
            AlertRule rule = engine.rules().create(spec);
            return Map.entry(rule.id(), AlertJson.write(fields(rule)));
        }).onSuccess(created -> {
            ctx.response().putHeader("Location", "/api/v1/alert-rules/" + created.getKey());
            Responses.json(ctx, 201, created.getValue());
        }).onFailure(e -> AlertJson.fail(ctx, e));
    }

    private void replace(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Object spec = AlertJson.body(ctx);
        runner.run("alert_rule_replace", () -> AlertJson.write(fields(engine.rules().replace(id, spec)
                        .orElseThrow(() -> AlertJson.notFound("alert rule", id)))))
                .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(e -> AlertJson.fail(ctx, e));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        runner.run("alert_rule_delete", () -> engine.rules().delete(id))
                .onSuccess(deleted -> {
                    if (deleted) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Responses.failure(ctx, AlertJson.notFound("alert rule", id));
                    }
                }).onFailure(e -> AlertJson.fail(ctx, e));
    }
}
