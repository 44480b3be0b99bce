package dev.vigil.api.receivers.elasticsearch;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/** Replies in Elasticsearch's shapes, with the product header and the media type the client asked for. */
final class EsReplies {
    static final String PRODUCT_HEADER = "X-Elastic-Product";
    static final String PRODUCT = "Elasticsearch";
    static final String VENDOR_JSON = "application/vnd.elasticsearch+json";
    static final String VENDOR_NDJSON = "application/vnd.elasticsearch+x-ndjson";

    private EsReplies() {
    }

    /**
     * The reply's Content-Type: the vendor type with the client's {@code compatible-with} when the
     * client sent one (Accept first, then Content-Type), else {@code application/json}.
     */
    static String replyType(RoutingContext ctx) {
        for (String header : new String[] {"Accept", "Content-Type"}) {
            String value = ctx.request().getHeader(header);
            if (value != null && value.toLowerCase(Locale.ROOT).contains("application/vnd.elasticsearch+")) {
                String version = compatibleWith(value);
                if (version != null) {
                    return VENDOR_JSON + ";compatible-with=" + version;
                }
            }
        }
        return "application/json";
    }

    /** The {@code compatible-with} parameter of a media type, or {@code null}. */
    static String compatibleWith(String mediaType) {
        for (String part : mediaType.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("compatible-with")) {
                return p.substring(eq + 1).trim().replace("\"", "");
            }
        }
        return null;
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        json(ctx, status, body.toBuffer());
    }

    static void json(RoutingContext ctx, int status, Buffer body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(PRODUCT_HEADER, PRODUCT).putHeader("Content-Type", replyType(ctx));
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
            ctx.response().end();
        } else {
            ctx.response().end(body);
        }
    }

    /** {@code {"error":{"root_cause":[{type,reason}],type,reason},"status":N}}, as Elasticsearch answers. */
    static JsonObject error(String type, String reason, int status) {
        JsonObject cause = new JsonObject().put("type", type).put("reason", reason);
        JsonObject error = cause.copy().put("root_cause", new JsonArray().add(cause));
        return new JsonObject().put("error", error).put("status", status);
    }

    static void error(RoutingContext ctx, int status, String type, String reason) {
        json(ctx, status, error(type, reason, status));
    }
}
