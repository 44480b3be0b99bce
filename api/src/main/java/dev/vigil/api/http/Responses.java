package dev.vigil.api.http;

import dev.vigil.analytics.search.QuerySyntaxException;
import dev.vigil.ingest.journal.JournalFullException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON bodies and the one error shape: {@code {"error":{"code","message","details"?}}}. */
public final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        json(ctx, status, body.toBuffer());
    }

    public static void json(RoutingContext ctx, int status, Buffer body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    public static void error(RoutingContext ctx, int status, String code, String message) {
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        json(ctx, status, new JsonObject().put("error", error));
    }

    /** Maps anything a handler threw to a response; only our own bugs become 500s. */
    public static void failure(RoutingContext ctx, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            JsonObject error = new JsonObject().put("code", api.code()).put("message", api.getMessage());
            if (api.details() != null) {
                error.put("details", api.details());
            }
            if (api.status() == 503) {
                ctx.response().putHeader("Retry-After", "1");
            }
            json(ctx, api.status(), new JsonObject().put("error", error));
        } else if (cause instanceof QuerySyntaxException syntax) {
            JsonObject error = new JsonObject().put("code", "invalid_query").put("message", syntax.getMessage());
            if (syntax.position() >= 0) {
                error.put("position", syntax.position());
            }
            json(ctx, 400, new JsonObject().put("error", error));
        } else if (cause instanceof JournalFullException || cause instanceof dev.vigil.ingest.IndexBehindException) {
            ctx.response().putHeader("Retry-After", "1");
            error(ctx, 503, "overloaded", cause.getMessage());
        } else if (cause instanceof io.netty.handler.codec.DecoderException) {
            // e.g. Content-Encoding: gzip on a body that is not gzip
            error(ctx, 400, "invalid_request", "request body could not be decoded: " + cause.getMessage());
        } else if (cause instanceof IllegalArgumentException) {
            error(ctx, 400, "invalid_request", cause.getMessage());
        } else {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), cause);
            error(ctx, 500, "internal_error", "internal error: " + cause + " (see the server log)");
        }
    }
}
