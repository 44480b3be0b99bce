package dev.vigil.api.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.slo.BurnRateAlertState;
import dev.vigil.analytics.slo.BurnRateEvaluator;
import dev.vigil.analytics.slo.SloDefinition;
import dev.vigil.analytics.slo.SloDurations;
import dev.vigil.analytics.slo.SloRepository;
import dev.vigil.analytics.slo.SloSpecParser;
import dev.vigil.analytics.slo.SloStatus;
import dev.vigil.analytics.slo.SloValidationException;
import dev.vigil.analytics.slo.WindowBurn;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code /api/v1/slos}: SLOs with their SLI, error budget, burn rates and burn-rate alert states
 * ({@code GET}), and the SLOs kept by the API ({@code POST}, {@code PUT}, {@code DELETE}); those of
 * the SLO file answer 409 to changes. Evaluation and file writes run on the worker pool.
 */
public final class SloHandler {
    private static final int MAX_BODY = 64 * 1024;

    private final SloRepository repository;
    private final BurnRateEvaluator evaluator;
    private final QueryRunner runner;

    private SloHandler(SloRepository repository, BurnRateEvaluator evaluator, QueryRunner runner) {
        this.repository = repository;
        this.evaluator = evaluator;
        this.runner = runner;
    }

    public static SloHandler create(SloRepository repository, BurnRateEvaluator evaluator, QueryRunner runner) {
        return new SloHandler(repository, evaluator, runner);
    }

    /** Mounts the SLO routes on {@code router}. */
    public static void mount(Router router, Vertx vertx, MeterRegistry registry, SloRepository repository, BurnRateEvaluator evaluator) {
        SloHandler slos = create(repository, evaluator, new QueryRunner(vertx, registry));
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY).setHandleFileUploads(false);
        router.get("/api/v1/slos").handler(slos.list());
        router.post("/api/v1/slos").handler(body).handler(slos.create());
        router.get("/api/v1/slos/:id").handler(slos.get());
        router.put("/api/v1/slos/:id").handler(body).handler(slos.replace());
        router.delete("/api/v1/slos/:id").handler(slos.delete());
    }

    public Handler<RoutingContext> list() {
        return ctx -> runner.run("slos", () -> {
            Instant now = Instant.now();
            JsonArray slos = new JsonArray();
            for (SloStatus status : evaluator.statuses(now)) {
                slos.add(json(status));
            }
            return new JsonObject().put("evaluated_at", now.toString()).put("slos", slos);
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    public Handler<RoutingContext> get() {
        return ctx -> {
            String id = ctx.pathParam("id");
            runner.run("slo", () -> evaluator.status(id, Instant.now()).map(SloHandler::json).orElseThrow(() -> notFound(id)))
                    .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
        };
    }

    /** {@code POST /api/v1/slos}: a new SLO; its id (or the name's slug) must not exist yet. */
    public Handler<RoutingContext> create() {
        return ctx -> {
            SloDefinition slo = parse(ctx, null);
            runner.run("slo_write", () -> {
                if (repository.get(slo.id()).isPresent()) {
                    throw new ApiException(409, "conflict", "SLO '" + slo.id() + "' exists; PUT /api/v1/slos/" + slo.id() + " replaces it");
                }
                write(slo);
                return definition(repository.get(slo.id()).orElseThrow());
            }).onSuccess(body -> Responses.json(ctx, 201, body)).onFailure(ctx::fail);
        };
    }

    /** {@code PUT /api/v1/slos/{id}}: creates or replaces the SLO with that id. */
    public Handler<RoutingContext> replace() {
        return ctx -> {
            String id = ctx.pathParam("id");
            SloDefinition slo = parse(ctx, id);
            if (!slo.id().equals(id)) {
                throw ApiException.badRequest("field 'id': '" + slo.id() + "' differs from the id in the path, '" + id + "'");
            }
            runner.run("slo_write", () -> {
                boolean created = write(slo);
                return new Object[] {created, definition(repository.get(id).orElseThrow())};
            }).onSuccess(result -> Responses.json(ctx, (Boolean) result[0] ? 201 : 200, (JsonObject) result[1])).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> delete() {
        return ctx -> {
            String id = ctx.pathParam("id");
            runner.run("slo_write", () -> {
                try {
                    if (!repository.delete(id)) {
                        throw notFound(id);
                    }
                    return true;
                } catch (SloRepository.ReadOnlySloException e) {
                    throw new ApiException(409, "read_only", e.getMessage());
                }
            }).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
        };
    }

    private boolean write(SloDefinition slo) {
        try {
            return repository.put(slo);
        } catch (SloRepository.ReadOnlySloException e) {
            throw new ApiException(409, "read_only", e.getMessage());
        }
    }

    private static SloDefinition parse(RoutingContext ctx, String fallbackId) {
        try {
            return SloSpecParser.parseOne(plainTree(ctx), fallbackId, SloDefinition.ORIGIN_API);
        } catch (SloValidationException e) {
            JsonArray details = new JsonArray();
            e.problems().forEach(p -> details.add(new JsonObject().put("field", p.field()).put("message", p.message())));
            throw new ApiException(400, "invalid_slo", e.getMessage(), details);
        }
    }

    /** The JSON object body as plain maps and lists, as the definition parsers read them. */
    static Object plainTree(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw ApiException.badRequest("a JSON object body is required");
        }
        try {
            Object value = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
            if (!(value instanceof JsonObject object)) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return plain(object);
        } catch (DecodeException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static Object plain(Object value) {
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
            return map;
        }
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>();
            array.forEach(item -> list.add(plain(item)));
            return list;
        }
        // JsonObject and JsonArray iteration wrap nested maps and lists, so only scalars are left.
        return value;
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "not_found", "no SLO with id '" + id + "'; GET /api/v1/slos lists them");
    }

    /** The definition as the API accepts it, plus its origin. */
    static JsonObject definition(SloDefinition slo) {
        return new JsonObject(SloSpecParser.toTree(slo)).put("origin", slo.origin());
    }

    static JsonObject json(SloStatus status) {
        JsonObject json = definition(status.slo());
        json.put("evaluated_at", status.at().toString());
        json.put("sli", status.sli());
        json.put("met", status.met());
        json.put("events", new JsonObject().put("good", status.counts().good()).put("bad", status.counts().bad())
                .put("total", status.counts().total()));
        var budget = status.budget();
        json.put("error_budget", new JsonObject()
                .put("total", new JsonObject().put("fraction", budget.ratio()).put("events", budget.allowedEvents()))
                .put("consumed", new JsonObject().put("fraction", budget.consumedFraction()).put("events", budget.consumedEvents()))
                .put("remaining", new JsonObject().put("fraction", budget.remainingFraction()).put("events", budget.remainingEvents())));
        JsonArray burns = new JsonArray();
        for (WindowBurn burn : status.burnRates()) {
            burns.add(new JsonObject().put("window", SloDurations.format(burn.window())).put("burn_rate", burn.burnRate())
                    .put("error_ratio", burn.errorRatio()).put("good", burn.counts().good()).put("total", burn.counts().total()));
        }
        json.put("burn_rates", burns);
        JsonArray alerts = new JsonArray();
        for (BurnRateAlertState alert : status.alerts()) {
            alerts.add(alertJson(alert));
        }
        json.put("alerts", alerts);
        return json;
    }

    static JsonObject alertJson(BurnRateAlertState alert) {
        return new JsonObject().put("key", alert.key()).put("severity", alert.severity().label())
                .put("long_window", SloDurations.format(alert.longWindow())).put("short_window", SloDurations.format(alert.shortWindow()))
                .put("burn_long", alert.burnLong()).put("burn_short", alert.burnShort()).put("threshold", alert.threshold())
                .put("active", alert.active()).put("active_since", alert.activeSince() == null ? null : alert.activeSince().toString());
    }
}
