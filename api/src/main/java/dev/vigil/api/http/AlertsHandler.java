package dev.vigil.api.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.AlertState;
import dev.vigil.rca.alerts.Transition;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/alerts?state=firing,pending&rule=ID&silenced=true|false} (the alerts as of
 * the last evaluation) and {@code GET /api/v1/alerts/history?from&to&rule&fingerprint&limit}
 * (transitions, newest first).
 */
public final class AlertsHandler {
    static final int DEFAULT_HISTORY_LIMIT = 100;
    static final int MAX_HISTORY_LIMIT = 10_000;

    private final AlertEngine engine;
    private final QueryRunner runner;

    private AlertsHandler(AlertEngine engine, QueryRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    /** Largest alert-rule or silence body: they are a few hundred bytes. */
    static final long BODY_LIMIT = 1 << 20;

    /** Mounts the alerts, silences and alert-rules routes. */
    public static void mountAll(Router router, io.vertx.core.Vertx vertx, io.micrometer.core.instrument.MeterRegistry registry,
                                AlertEngine engine) {
        QueryRunner runner = new QueryRunner(vertx, registry);
        io.vertx.ext.web.handler.BodyHandler body = io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(BODY_LIMIT)
                .setHandleFileUploads(false);
        mount(router, runner, engine);
        SilencesHandler.mount(router, body, runner, engine);
        AlertRulesHandler.mount(router, body, runner, engine);
    }

    public static void mount(Router router, QueryRunner runner, AlertEngine engine) {
        AlertsHandler handler = new AlertsHandler(engine, runner);
        router.get("/api/v1/alerts").handler(handler::current);
        router.get("/api/v1/alerts/history").handler(handler::history);
    }

    private void current(RoutingContext ctx) {
        Set<AlertState> states = states(Params.string(ctx, "state", null));
        String rule = Params.string(ctx, "rule", null);
        Boolean silenced = bool(Params.string(ctx, "silenced", null));
        List<Object> out = new ArrayList<>();
        for (Alert a : engine.alerts()) {
            if (states.contains(a.state()) && (rule == null || rule.equals(a.ruleId())) && (silenced == null || silenced == a.silenced())) {
                out.add(a.fields());
            }
        }
        Responses.json(ctx, 200, AlertJson.write(AlertJson.list("alerts", out)));
    }

    private void history(RoutingContext ctx) {
        long now = Timestamps.toNanos(Instant.now());
        String fromText = Params.string(ctx, "from", null);
        String toText = Params.string(ctx, "to", null);
        Instant from = fromText == null ? null : Timestamps.toInstant(Params.time("", "from", fromText, now));
        Instant to = toText == null ? null : Timestamps.toInstant(Params.time("", "to", toText, now));
        String rule = Params.string(ctx, "rule", null);
        String fingerprint = Params.string(ctx, "fingerprint", null);
        int limit = Params.integer(ctx, "limit", DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT);
        runner.run("alert_history", () -> {
            List<Object> out = new ArrayList<>();
            for (Transition t : engine.history().find(from, to, rule, fingerprint, limit)) {
                out.add(t.fields());
            }
            return AlertJson.write(Map.of("transitions", out));
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private static Set<AlertState> states(String text) {
        if (text == null) {
            return EnumSet.allOf(AlertState.class);
        }
        Set<AlertState> states = EnumSet.noneOf(AlertState.class);
        for (String part : text.split(",")) {
            try {
                states.add(AlertState.parse(part));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state: " + e.getMessage());
            }
        }
        return states;
    }

    private static Boolean bool(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("silenced: '" + text + "' is not true or false");
        };
    }
}
