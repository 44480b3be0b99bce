package dev.vigil.api.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.vigil.analytics.TimeRange;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentCodec;
import dev.vigil.rca.incidents.IncidentConflictException;
import dev.vigil.rca.incidents.IncidentIds;
import dev.vigil.rca.incidents.IncidentQuery;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.IncidentStatus;
import dev.vigil.rca.incidents.UnknownIncidentException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The incident routes (docs/api.md, "Incidents"):
 * <ul>
 *   <li>{@code POST /api/v1/incidents} with {@code {"from","to","service"?,"title"?}}: opens and
 *       analyses an incident; 201 with the incident and {@code Location: /api/v1/incidents/ID}</li>
 *   <li>{@code GET /api/v1/incidents?status&from&to&service&limit&offset}: incidents whose window
 *       overlaps {@code from..to}, newest opened first, without analysis and timeline</li>
 *   <li>{@code GET /api/v1/incidents/:id}: one incident with its analysis and timeline</li>
 *   <li>{@code POST /api/v1/incidents/:id/resolve} with an optional {@code {"note"}}; 409 when resolved already</li>
 *   <li>{@code POST /api/v1/incidents/:id/reanalyze}: runs the analysis again</li>
 * </ul>
 * A malformed id is a 400 naming {@code id}, an unknown one a 404. Analyses and disk writes run on
 * the worker pool through {@link QueryRunner}.
 */
public final class IncidentHandler {
    static final String PATH = "/api/v1/incidents";
    private static final int DEFAULT_LIMIT = 50;

    private final IncidentService incidents;
    private final QueryRunner runner;

    private IncidentHandler(IncidentService incidents, QueryRunner runner) {
        this.incidents = incidents;
        this.runner = runner;
    }

    public static IncidentHandler create(IncidentService incidents, QueryRunner runner) {
        return new IncidentHandler(incidents, runner);
    }

    /**
     * The analysis as {@code POST /api/v1/rca} renders it: the one encoder both routes share, handed
     * to {@link IncidentService} so stored incidents carry every field the analysis has.
     */
    public static String rcaDocument(RcaResult result) {
        return JsonBodies.rca(result).toString(StandardCharsets.UTF_8);
    }

    public Handler<RoutingContext> open() {
        return ctx -> {
            JsonObject body = body(ctx, true);
            TimeRange window = Params.range(body);
            String service = optionalString(body, "service");
            String title = optionalString(body, "title");
            run(ctx, "incident_open", () -> incidents.open(window, service, title)).onSuccess(incident -> {
                ctx.response().putHeader("Location", PATH + "/" + incident.id());
                Responses.json(ctx, 201, Buffer.buffer(IncidentCodec.full(incident)));
            }).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> list() {
        return ctx -> {
            String statusText = Params.string(ctx, "status", null);
            IncidentStatus status;
            try {
                status = statusText == null ? null : IncidentStatus.parse("status", statusText);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("parameter " + e.getMessage());
            }
            // Without from and to, every incident; with one of them, the usual defaults (to = now, from = to - 1h).
            TimeRange range = ctx.request().getParam("from") == null && ctx.request().getParam("to") == null ? null : Params.range(ctx);
            IncidentQuery query = new IncidentQuery(status, range, Params.string(ctx, "service", null),
                    Params.integer(ctx, "limit", DEFAULT_LIMIT, 1, IncidentQuery.MAX_LIMIT),
                    Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE));
            runner.json(ctx, "incident_list", () -> {
                IncidentQuery.Page page = incidents.list(query);
                Buffer out = Buffer.buffer(256 + 512 * page.incidents().size()).appendString("{\"incidents\":[");
                for (int i = 0; i < page.incidents().size(); i++) {
                    out.appendString(i == 0 ? "" : ",").appendBytes(IncidentCodec.summary(page.incidents().get(i)));
                }
                return out.appendString("],\"total\":" + page.total() + ",\"limit\":" + query.limit() + ",\"offset\":" + query.offset() + "}");
            });
        };
    }

    public Handler<RoutingContext> get() {
        return ctx -> {
            String id = id(ctx);
            run(ctx, "incident_get", () -> incidents.get(id).orElseThrow(() -> new UnknownIncidentException(id)))
                    .onSuccess(incident -> Responses.json(ctx, 200, Buffer.buffer(IncidentCodec.full(incident)))).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> resolve() {
        return ctx -> {
            String id = id(ctx);
            JsonObject body = body(ctx, false);
            String note = body == null ? null : optionalString(body, "note");
            run(ctx, "incident_resolve", () -> incidents.resolve(id, note))
                    .onSuccess(incident -> Responses.json(ctx, 200, Buffer.buffer(IncidentCodec.full(incident)))).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> reanalyze() {
        return ctx -> {
            String id = id(ctx);
            run(ctx, "incident_reanalyze", () -> incidents.reanalyze(id))
                    .onSuccess(incident -> Responses.json(ctx, 200, Buffer.buffer(IncidentCodec.full(incident)))).onFailure(ctx::fail);
        };
    }

    /** Runs on the worker pool and turns the service's exceptions into API errors. */
    private io.vertx.core.Future<Incident> run(RoutingContext ctx, String endpoint, Callable<Incident> work) {
        return runner.run(endpoint, () -> {
            try {
                return work.call();
            } catch (UnknownIncidentException e) {
                throw new ApiException(404, "not_found", e.getMessage());
            } catch (IncidentConflictException e) {
                throw new ApiException(409, "conflict", e.getMessage());
            }
        });
    }

    private static String id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!IncidentIds.isValid(id)) {
            throw ApiException.badRequest("'id' must be an incident id such as 20261102-k3f9qz (8 digits, '-', 6 of a-z0-9)");
        }
        return id;
    }

    private static JsonObject body(RoutingContext ctx, boolean required) {
        JsonObject body;
        try {
            body = ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest("body must be a JSON object such as {\"from\":\"2026-11-02T10:40:00Z\",\"to\":\"2026-11-02T11:05:00Z\"}");
        }
        if (body == null && required) {
            throw ApiException.badRequest("body is required: {\"from\":..., \"to\":..., \"service\":optional, \"title\":optional}");
        }
        return body;
    }

    private static String optionalString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return (String) value;
    }
}
