package dev.vigil.api.http;

import dev.vigil.reports.plan.Component;
import dev.vigil.reports.plan.Performance;
import dev.vigil.reports.plan.PlanEndpoint;
import dev.vigil.reports.plan.PlanFacts;
import dev.vigil.reports.plan.PlanItem;
import dev.vigil.reports.plan.PlanUpdater;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/plan} answers the system implementation plan as it is on disk (Markdown; with
 * {@code ?format=json} the facts of the latest update as a structured view), writing it first when
 * there is none yet; {@code POST /api/v1/plan/refresh} rewrites it now and says what changed. Both
 * read the index and the file on a worker thread (through {@link QueryRunner}), never on the event loop.
 */
public final class PlanHandler {
    private final PlanUpdater updater;
    private final QueryRunner runner;

    public PlanHandler(PlanUpdater updater, QueryRunner runner) {
        this.updater = updater;
        this.runner = runner;
    }

    /** Mounts both routes. */
    public static void mount(Router router, PlanUpdater updater, QueryRunner runner) {
        PlanHandler plan = new PlanHandler(updater, runner);
        router.get("/api/v1/plan").handler(plan.get());
        router.post("/api/v1/plan/refresh").handler(plan.refresh());
    }

    public Handler<RoutingContext> get() {
        return ctx -> {
            String format = Params.string(ctx, "format", "md");
            if (!format.equals("md") && !format.equals("json")) {
                throw ApiException.badRequest("parameter 'format' must be md or json, got '" + format + "'");
            }
            if (format.equals("json")) {
                runner.run("plan", () -> {
                    PlanFacts facts = updater.lastFacts();
                    if (facts == null) {
                        facts = updater.refresh("plan requested").facts();
                    }
                    return json(facts);
                }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
                return;
            }
            runner.run("plan", () -> {
                String text = updater.read();
                return text != null ? text : updater.refresh("plan requested").text();
            }).onSuccess(text -> ctx.response().putHeader("Content-Type", "text/markdown; charset=utf-8").end(text)).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> refresh() {
        return ctx -> runner.run("plan_refresh", () -> updater.refresh("refresh requested over the API"))
                .onSuccess(update -> Responses.json(ctx, 200, new JsonObject()
                        .put("file", updater.file().toAbsolutePath().toString())
                        .put("written", update.written())
                        .put("overall", update.facts().overall().label())
                        .put("changes", new JsonArray(update.changes()))))
                .onFailure(ctx::fail);
    }

    private JsonObject json(PlanFacts facts) {
        JsonArray components = new JsonArray();
        for (Component c : facts.components()) {
            Performance p = c.performance();
            JsonArray endpoints = new JsonArray();
            for (PlanEndpoint e : c.endpoints()) {
                endpoints.add(new JsonObject().put("name", e.name()).put("status", e.status().label()).put("requests", e.requests())
                        .put("error_rate", number(e.errorRate())).put("p95_ms", number(e.p95Ms())));
            }
            components.add(new JsonObject()
                    .put("name", c.name()).put("group", c.group().id()).put("status", c.status().label()).put("reason", c.reason())
                    .put("platform", c.platform()).put("version", c.version()).put("deployed_at", c.deployedAt())
                    .put("performance", new JsonObject().put("requests", p.requests()).put("average_ms", number(p.averageMs()))
                            .put("p95_ms", number(p.p95Ms())).put("p99_ms", number(p.p99Ms())).put("error_rate", number(p.errorRate()))
                            .put("uptime_percent", number(p.uptimePercent())))
                    .put("endpoints", endpoints).put("migrations", new JsonArray(c.migrations())).put("details", new JsonArray(c.details())));
        }
        JsonArray items = new JsonArray();
        for (PlanItem item : facts.items()) {
            items.add(new JsonObject().put("key", item.key()).put("component", item.component()).put("text", item.text())
                    .put("blocker", item.blocker()).put("open", item.open())
                    .put("resolved_at", item.resolvedAt() == null ? null : item.resolvedAt().toString()));
        }
        JsonObject hosts = new JsonObject();
        facts.hosts().forEach((service, list) -> hosts.put(service, new JsonArray(list)));
        JsonObject versions = new JsonObject();
        facts.versions().forEach((service, list) -> versions.put(service, new JsonArray(list)));
        return new JsonObject()
                .put("file", updater.file().toAbsolutePath().toString())
                .put("generated_at", facts.generatedAt().toString())
                .put("window", new JsonObject().put("from", facts.window().from().toString()).put("to", facts.window().to().toString()))
                .put("overall", facts.overall().label())
                .put("components", components)
                .put("items", items)
                .put("inventory", new JsonObject().put("hosts", hosts).put("versions", versions));
    }

    /** JSON has no NaN: a figure that was not measured is null. */
    private static Double number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
