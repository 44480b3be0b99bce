package dev.vigil.api.http;

import dev.vigil.api.probes.ProbeDefinition;
import dev.vigil.api.probes.ProbeRepository;
import dev.vigil.api.probes.ProbeResult;
import dev.vigil.api.probes.ProbeScheduler;
import dev.vigil.api.probes.ProbeSpecException;
import dev.vigil.api.probes.ProbeSpecParser;
import dev.vigil.api.probes.ProbeStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code /api/v1/probes}: the status of every uptime probe ({@code GET}), probes kept by the API
 * ({@code POST}, {@code PUT /{name}}, {@code DELETE /{name}}; those of the probe file answer 409),
 * and {@code POST /{name}/check} to check one now and get its result once recorded.
 */
public final class ProbesHandler {
    private static final int MAX_BODY = 64 * 1024;

    private final ProbeRepository repository;
    private final ProbeScheduler scheduler;
    private final QueryRunner runner;

    private ProbesHandler(ProbeRepository repository, ProbeScheduler scheduler, QueryRunner runner) {
        this.repository = repository;
        this.scheduler = scheduler;
        this.runner = runner;
    }

    public static ProbesHandler create(ProbeRepository repository, ProbeScheduler scheduler, QueryRunner runner) {
        return new ProbesHandler(repository, scheduler, runner);
    }

    /** Mounts the probe routes on {@code router}. */
    public static void mount(Router router, Vertx vertx, MeterRegistry registry, ProbeRepository repository, ProbeScheduler scheduler) {
        ProbesHandler probes = create(repository, scheduler, new QueryRunner(vertx, registry));
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY).setHandleFileUploads(false);
        router.get("/api/v1/probes").handler(probes.list());
        router.post("/api/v1/probes").handler(body).handler(probes.create());
        router.put("/api/v1/probes/:name").handler(body).handler(probes.replace());
        router.delete("/api/v1/probes/:name").handler(probes.delete());
        router.post("/api/v1/probes/:name/check").handler(probes.check());
    }

    public Handler<RoutingContext> list() {
        return ctx -> {
            JsonArray list = new JsonArray();
            for (ProbeStatus status : scheduler.statuses()) {
                list.add(json(status));
            }
            Responses.json(ctx, 200, new JsonObject().put("probes", list));
        };
    }

    public Handler<RoutingContext> create() {
        return ctx -> {
            ProbeDefinition probe = parse(ctx);
            runner.run("probe_write", () -> {
                if (repository.get(probe.name()).isPresent()) {
                    throw new ApiException(409, "conflict", "probe '" + probe.name() + "' exists; PUT /api/v1/probes/" + probe.name()
                            + " replaces it");
                }
                write(probe);
                return definition(repository.get(probe.name()).orElseThrow());
            }).onSuccess(body -> {
                scheduler.sync();
                Responses.json(ctx, 201, body);
            }).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> replace() {
        return ctx -> {
            String name = ctx.pathParam("name");
            ProbeDefinition probe = parse(ctx);
            if (!probe.name().equals(name)) {
                throw ApiException.badRequest("field 'name': '" + probe.name() + "' differs from the name in the path, '" + name + "'");
            }
            runner.run("probe_write", () -> write(probe)).onSuccess(created -> {
                scheduler.sync();
                Responses.json(ctx, created ? 201 : 200, definition(repository.get(name).orElseThrow()));
            }).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> delete() {
        return ctx -> {
            String name = ctx.pathParam("name");
            runner.run("probe_write", () -> {
                try {
                    if (!repository.delete(name)) {
                        throw notFound(name);
                    }
                    return true;
                } catch (IllegalStateException e) {
                    throw new ApiException(409, "read_only", e.getMessage());
                }
            }).onSuccess(done -> {
                scheduler.sync();
                ctx.response().setStatusCode(204).end();
            }).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> check() {
        return ctx -> {
            String name = ctx.pathParam("name");
            ProbeDefinition probe = repository.get(name).orElseThrow(() -> notFound(name));
            scheduler.checkNow(probe).onSuccess(result -> Responses.json(ctx, 200, resultJson(result))).onFailure(ctx::fail);
        };
    }

    private boolean write(ProbeDefinition probe) {
        try {
            return repository.put(probe);
        } catch (IllegalStateException e) {
            throw new ApiException(409, "read_only", e.getMessage());
        }
    }

    private static ProbeDefinition parse(RoutingContext ctx) {
        try {
            return ProbeSpecParser.parseOne(SloHandler.plainTree(ctx), ProbeDefinition.ORIGIN_API);
        } catch (ProbeSpecException e) {
            throw new ApiException(400, "invalid_probe", e.getMessage(), new JsonArray(e.problems()));
        }
    }

    private static ApiException notFound(String name) {
        return new ApiException(404, "not_found", "no probe named '" + name + "'; GET /api/v1/probes lists them");
    }

    static JsonObject definition(ProbeDefinition probe) {
        return new JsonObject(ProbeSpecParser.toTree(probe)).put("origin", probe.origin());
    }

    static JsonObject json(ProbeStatus status) {
        JsonObject json = definition(status.probe());
        json.put("state", status.state());
        json.put("since", status.since() == null ? null : status.since().toString());
        ProbeResult last = status.lastCheck();
        json.put("last_check", last == null ? null : resultJson(last));
        json.put("last_success", status.lastSuccess() == null ? null : status.lastSuccess().toString());
        json.put("last_error", status.lastError());
        json.put("latency_seconds", last == null ? null : last.durationSeconds());
        json.put("consecutive_failures", status.consecutiveFailures());
        json.put("interval_seconds", status.probe().interval().toMillis() / 1000.0);
        return json;
    }

    static JsonObject resultJson(ProbeResult result) {
        return new JsonObject().put("probe", result.probe()).put("at", result.at().toString()).put("success", result.success())
                .put("duration_seconds", result.durationSeconds())
                .put("http_status", result.httpStatus() == 0 ? null : result.httpStatus()).put("error", result.error());
    }
}
