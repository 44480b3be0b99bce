package dev.vigil.api.receivers.loki;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

import dev.vigil.api.http.ApiException;
import dev.vigil.api.http.Responses;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.api.http.BackPressure;
import dev.vigil.api.http.BodyDecodingException;
import dev.vigil.api.http.RequestBodies;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.loki.LokiBodyTooLargeException;
import dev.vigil.ingest.loki.LokiDecoded;
import dev.vigil.ingest.loki.LokiError;
import dev.vigil.ingest.loki.LokiPushDecoder;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /loki/api/v1/push}: Loki's push API. JSON ({@code Content-Type: application/json})
 * or snappy-compressed protobuf ({@code application/x-protobuf}, also assumed when no Content-Type
 * is given, as Loki does), either optionally with {@code Content-Encoding: gzip} or {@code deflate}
 * (undone strictly by {@link RequestBodies}); {@code Content-Encoding: snappy} is accepted as a
 * label of the protobuf's own compression. The body is decoded on a worker thread; a request with
 * any invalid entry is refused whole with 400 naming stream, entry and field; otherwise all its
 * entries are appended to the journal as one batch and the client gets {@code 204 No Content} once
 * the journal holds them. When the journal or the indexer cannot keep up, or the disk is under its
 * floor, the answer is {@code 429} with {@code Retry-After}, which Loki clients retry.
 * {@code X-Scope-OrgID} becomes the attribute {@code tenant}.
 */
public final class LokiPushReceiver {
    public static final String PATH = "/loki/api/v1/push";

    private final Vertx vertx;
    private final EventPipeline pipeline;
    private final LokiPushDecoder decoder;
    private final LokiMeters meters;
    private final long bodyLimitBytes;

    private LokiPushReceiver(Vertx vertx, EventPipeline pipeline, MeterRegistry registry, long bodyLimitBytes, IngestLimits limits) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.decoder = new LokiPushDecoder(bodyLimitBytes, limits);
        this.meters = new LokiMeters(registry);
        this.bodyLimitBytes = bodyLimitBytes;
    }

    /** Adds the push route, behind {@code body} (which enforces the body limit), with the default limits. */
    public static void mount(Router router, Vertx vertx, EventPipeline pipeline, MeterRegistry registry, BodyHandler body,
                             long bodyLimitBytes) {
        mount(router, vertx, pipeline, registry, body, bodyLimitBytes, IngestLimits.defaults());
    }

    /** As above, checking lines and labels against {@code limits}. */
    public static void mount(Router router, Vertx vertx, EventPipeline pipeline, MeterRegistry registry, BodyHandler body,
                             long bodyLimitBytes, IngestLimits limits) {
        LokiPushReceiver receiver = new LokiPushReceiver(vertx, pipeline, registry, bodyLimitBytes, limits);
        router.post(PATH).handler(body).handler(receiver::push).failureHandler(receiver::failure);
    }

    private enum Format { JSON, PROTOBUF }

    private void push(RoutingContext ctx) {
        Format format = format(ctx.request().getHeader("Content-Type"));
        if (format == null) {
            meters.rejected("unsupported_media_type");
            Responses.error(ctx, 415, "unsupported_media_type", "Content-Type must be application/x-protobuf (snappy-compressed"
                    + " logproto.PushRequest) or application/json, got '" + ctx.request().getHeader("Content-Type") + "'");
            return;
        }
        byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String encoding = ctx.request().getHeader("Content-Encoding");
        String tenant = ctx.request().getHeader("X-Scope-OrgID");
        meters.bytes(raw.length);
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> {
            Timer.Sample sample = Timer.start();
            // snappy labels the protobuf's own block compression, which the decoder undoes; on JSON it is refused.
            byte[] body = format == Format.PROTOBUF ? RequestBodies.decode(raw, encoding, bodyLimitBytes, "snappy")
                    : RequestBodies.decode(raw, encoding, bodyLimitBytes);
            LokiDecoded decoded = format == Format.JSON ? decoder.json(body, tenant) : decoder.protobuf(body, tenant);
            sample.stop(meters.decode());
            if (!decoded.ok()) {
                meters.rejectedEntries(decoded.entries());
                throw invalid(decoded);
            }
            List<LogEvent> events = decoded.events();
            if (events.isEmpty()) {
                return java.util.concurrent.CompletableFuture.completedFuture(0L);
            }
            return pipeline.append(EventKind.LOG, events).thenApply(index -> (long) events.size());
        }, false).compose(stage -> Future.fromCompletionStage(stage, context)).onSuccess(count -> {
            meters.accepted(count);
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(204).end();
            }
        }).onFailure(ctx::fail);
    }

    private static Format format(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Format.PROTOBUF;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "application/json" -> Format.JSON;
            case "application/x-protobuf", "application/protobuf" -> Format.PROTOBUF;
            default -> null;
        };
    }

    private static ApiException invalid(LokiDecoded decoded) {
        JsonArray details = new JsonArray();
        for (LokiError error : decoded.errors()) {
            JsonObject item = new JsonObject();
            if (error.stream() >= 0) {
                item.put("stream", error.stream());
            }
            if (error.entry() >= 0) {
                item.put("entry", error.entry());
            }
            details.add(item.put("field", error.field()).put("message", error.message()));
        }
        String message = decoded.errorCount() + " problem(s) in the push request; nothing was stored. First: " + decoded.errors().get(0);
        return new ApiException(400, "invalid_push", message, details);
    }

    /** Counts the rejection and answers; back-pressure becomes 429 (Loki clients retry it). */
    private void failure(RoutingContext ctx) {
        Throwable cause = ctx.failure();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause == null) {
            int status = ctx.statusCode();
            if (status == 413) {
                meters.rejected("body_too_large");
                Responses.error(ctx, 413, "body_too_large", "request body is larger than the limit of " + bodyLimitBytes
                        + " bytes (setting " + RequestBodies.BODY_LIMIT_SETTING + "); send smaller batches");
            } else {
                meters.rejected("http_" + status);
                Responses.error(ctx, status, "http_" + status, "request failed");
            }
        } else if (BackPressure.is(cause)) {
            String reason = BackPressure.reason(cause);
            meters.rejected(reason);
            ctx.response().putHeader("Retry-After", BackPressure.RETRY_AFTER_SECONDS);
            Responses.error(ctx, 429, reason, cause.getMessage() + "; retry after " + BackPressure.RETRY_AFTER_SECONDS + " second(s)");
        } else if (cause instanceof BodyDecodingException encoding) {
            meters.rejected(encoding.reason());
            Responses.failure(ctx, encoding.toApiException());
        } else if (cause instanceof LokiBodyTooLargeException tooLarge) {
            meters.rejected("body_too_large");
            Responses.error(ctx, 413, "body_too_large", tooLarge.getMessage());
        } else if (cause instanceof ApiException api && api.status() == 400) {
            meters.rejected("invalid");
            Responses.failure(ctx, api);
        } else {
            meters.rejected("error");
            Responses.failure(ctx, cause);
        }
    }
}
