package dev.vigil.api.http;

import java.util.List;
import java.util.Map;

import dev.vigil.rca.alerts.AlertConflictException;
import dev.vigil.rca.alerts.JsonMaps;
import dev.vigil.rca.alerts.RuleValidationException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON in and out for the alerting routes: bodies as plain maps, answers from plain maps, and the
 * alerting errors as the API's error shape ({@code invalid_rule} with the {@code field}, 409
 * {@code conflict}, 404 {@code not_found}).
 */
final class AlertJson {
    private AlertJson() {
    }

    /** The request body as a parsed JSON value. @throws ApiException 400 when it is not JSON */
    static Object body(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("a JSON object body is required");
        }
        try {
            return JsonMaps.read(body.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_json", e.getMessage());
        }
    }

    static Buffer write(Object value) {
        return Buffer.buffer(JsonMaps.write(value));
    }

    static Map<String, Object> list(String field, List<?> items) {
        return new java.util.LinkedHashMap<>(Map.of(field, items));
    }

    static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", "no " + what + " with id '" + id + "'");
    }

    /** Maps the alerting errors; anything else goes to the router's failure handler. */
    static void fail(RoutingContext ctx, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuleValidationException invalid) {
            JsonObject error = new JsonObject().put("code", "invalid_rule").put("message", invalid.getMessage()).put("field", invalid.field());
            Responses.json(ctx, 400, new JsonObject().put("error", error));
        } else if (cause instanceof AlertConflictException conflict) {
            Responses.error(ctx, 409, "conflict", conflict.getMessage());
        } else {
            ctx.fail(cause);
        }
    }
}
