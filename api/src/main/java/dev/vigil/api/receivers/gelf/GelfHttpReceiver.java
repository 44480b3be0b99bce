package dev.vigil.api.receivers.gelf;

import java.time.Instant;
import java.util.List;

import dev.vigil.api.http.ApiException;
import dev.vigil.api.http.BackPressure;
import dev.vigil.api.http.BodyDecodingException;
import dev.vigil.api.http.RequestBodies;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.gelf.GelfException;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /gelf}: one GELF 1.1 JSON message per request, plain or compressed: with
 * {@code Content-Encoding: gzip} or {@code deflate} (undone strictly by {@link RequestBodies}), or
 * without a Content-Encoding as a gzip/zlib body recognised by its magic bytes, as Graylog does.
 * Answers 202 Accepted with an empty body once the journal holds it, like Graylog; 400 naming the
 * field for an invalid message or what is wrong with its compression; 413 above the body limit,
 * before or after inflating; 415 for an unknown Content-Encoding; 503 with Retry-After under
 * back-pressure (journal, indexer, disk floor).
 */
public final class GelfHttpReceiver implements Handler<RoutingContext> {
    private final Vertx vertx;
    private final GelfIngest ingest;
    private final long bodyLimitBytes;

    /** Inflated bodies are bounded by the largest message {@code ingest} takes. */
    GelfHttpReceiver(Vertx vertx, GelfIngest ingest) {
        this(vertx, ingest, ingest.maxMessageBytes);
    }

    GelfHttpReceiver(Vertx vertx, GelfIngest ingest, long bodyLimitBytes) {
        this.vertx = vertx;
        this.ingest = ingest;
        this.bodyLimitBytes = bodyLimitBytes;
    }

    /** Adds {@code POST /gelf} to the router. */
    public static void mount(Router router, Vertx vertx, EventPipeline pipeline, MeterRegistry registry, BodyHandler body,
                             long bodyLimitBytes) {
        GelfIngest ingest = new GelfIngest(pipeline, new GelfMeters(registry), (int) Math.min(Integer.MAX_VALUE - 16, bodyLimitBytes));
        router.post("/gelf").handler(body).handler(new GelfHttpReceiver(vertx, ingest, bodyLimitBytes));
    }

    @Override
    public void handle(RoutingContext ctx) {
        byte[] wire = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String encoding = ctx.request().getHeader("Content-Encoding");
        ingest.meters.bytes(wire.length);
        long received = Timestamps.toNanos(Instant.now());
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> {
            LogEvent event;
            byte[] raw;
            try {
                raw = RequestBodies.decode(wire, encoding, bodyLimitBytes);
            } catch (BodyDecodingException e) {
                ingest.meters.rejected(e.reason());
                throw e.toApiException();
            }
            try {
                if (raw.length == 0) {
                    throw new GelfException("malformed_json", null, "request body is empty; send one GELF JSON object");
                }
                event = ingest.decode(raw, received);
            } catch (GelfException e) {
                ingest.meters.rejected(e.reason());
                JsonObject detail = new JsonObject().put("reason", e.reason()).put("message", e.getMessage());
                if (e.field() != null) {
                    detail.put("field", e.field());
                }
                throw new ApiException(400, "invalid_gelf", "invalid GELF message; nothing was stored: " + e.getMessage(),
                        new JsonArray().add(detail));
            }
            return ingest.append(List.of(event));
        }, false).compose(stage -> Future.fromCompletionStage(stage, context)).onSuccess(index -> {
            ingest.meters.accepted(1);
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(202).end();
            }
        }).onFailure(failure -> {
            if (GelfIngest.isOverload(failure)) {
                ingest.meters.rejected(BackPressure.reason(failure));
                ctx.fail(BackPressure.toApiException(failure));
                return;
            }
            ctx.fail(failure);
        });
    }
}
