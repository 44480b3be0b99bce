package dev.vigil.api.http;

import dev.vigil.rca.RcaRequest;
import dev.vigil.rca.RootCauseAnalyzer;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/rca} with {@code {"from","to","service"?,"baseline"?:{"from","to"}}}: ranked root-cause candidates. */
public final class RcaHandler implements Handler<RoutingContext> {
    private final RootCauseAnalyzer analyzer;
    private final QueryRunner runner;

    private RcaHandler(RootCauseAnalyzer analyzer, QueryRunner runner) {
        this.analyzer = analyzer;
        this.runner = runner;
    }

    public static RcaHandler create(RootCauseAnalyzer analyzer, QueryRunner runner) {
        return new RcaHandler(analyzer, runner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest("body must be a JSON object such as {\"from\":\"2026-11-02T10:40:00Z\",\"to\":\"2026-11-02T11:05:00Z\"}");
        }
        if (body == null) {
            throw ApiException.badRequest("body is required: {\"from\":..., \"to\":..., \"service\":optional}");
        }
        Object service = body.getValue("service");
        if (service != null && !(service instanceof String)) {
            throw ApiException.badRequest("field 'service' must be a string");
        }
        Object baseline = body.getValue("baseline");
        if (baseline != null && !(baseline instanceof JsonObject)) {
            throw ApiException.badRequest("field 'baseline' must be an object such as {\"from\":\"2026-11-02T09:00:00Z\",\"to\":\"2026-11-02T10:00:00Z\"}");
        }
        RcaRequest request = new RcaRequest(Params.range(body), (String) service,
                baseline == null ? null : Params.range((JsonObject) baseline));
        runner.json(ctx, "rca", () -> JsonBodies.rca(analyzer.analyze(request)));
    }
}
