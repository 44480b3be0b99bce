package dev.vigil.api.receivers.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import dev.vigil.api.http.BackPressure;
import dev.vigil.api.http.BodyDecodingException;
import dev.vigil.api.http.RequestBodies;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.ingest.otlp.OtlpBatch;
import dev.vigil.ingest.otlp.OtlpDecoder;
import dev.vigil.ingest.otlp.OtlpFormatException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP: {@code POST /v1/logs}, {@code /v1/metrics} and {@code /v1/traces} with
 * {@code application/x-protobuf} or {@code application/json} bodies (gzip'd or not; the HTTP server
 * inflates {@code Content-Encoding: gzip}). Replies in the request's content type: 200 with an empty
 * {@code Export*ServiceResponse}, or with {@code partialSuccess} counting the rejected items when
 * some were invalid (the valid ones are stored); 400 with a {@code google.rpc.Status} when the body
 * cannot be decoded (damaged compression included); 413 above the body limit, before or after
 * inflating; 415 for other content types and codings; 503 with {@code Retry-After} under
 * back-pressure (journal, indexer, disk floor). Acknowledges only after the journal holds the batch.
 * See docs/receivers/otlp.md.
 */
public final class OtlpReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpReceiver.class);
    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";
    // google.rpc.Code
    private static final int INVALID_ARGUMENT = 3;
    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int INTERNAL = 13;
    private static final int UNAVAILABLE = 14;

    private enum Signal {
        LOGS(EventKind.LOG), METRICS(EventKind.METRIC), TRACES(EventKind.SPAN);

        final EventKind kind;

        Signal(EventKind kind) {
            this.kind = kind;
        }
    }

    /** Where decoded batches go: {@link EventPipeline#append} in a node; a gate in back-pressure tests. */
    @FunctionalInterface
    public interface Appender {
        /** Completes with the journal index once the journal holds the batch; may throw or fail under back-pressure. */
        CompletableFuture<Long> append(EventKind kind, List<? extends Event> events);
    }

    private final Vertx vertx;
    private final Appender pipeline;
    private final OtlpMeters meters;
    private final long bodyLimitBytes;
    private final OtlpDecoder decoder = new OtlpDecoder();

    private OtlpReceiver(Vertx vertx, Appender pipeline, MeterRegistry registry, long bodyLimitBytes) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.meters = new OtlpMeters(registry);
        this.bodyLimitBytes = bodyLimitBytes;
    }

    /** Adds the three OTLP routes to {@code router}. */
    public static void mount(Router router, Vertx vertx, EventPipeline pipeline, MeterRegistry registry, long bodyLimitBytes) {
        mount(router, vertx, pipeline::append, registry, bodyLimitBytes);
    }

    /** As above, appending through {@code pipeline}. */
    public static void mount(Router router, Vertx vertx, Appender pipeline, MeterRegistry registry, long bodyLimitBytes) {
        OtlpReceiver receiver = new OtlpReceiver(vertx, pipeline, registry, bodyLimitBytes);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimitBytes).setHandleFileUploads(false);
        for (Signal signal : Signal.values()) {
            router.post("/v1/" + signal.name().toLowerCase(Locale.ROOT))
                    .handler(body)
                    .handler(receiver::checkContentType)
                    .handler(ctx -> receiver.handle(ctx, signal))
                    .failureHandler(receiver::failure);
        }
    }

    /** null for a content type this receiver does not speak. */
    private static String format(RoutingContext ctx) {
        String header = ctx.request().getHeader("Content-Type");
        if (header == null) {
            return null;
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case PROTOBUF, "application/protobuf" -> PROTOBUF;
            case JSON -> JSON;
            default -> null;
        };
    }

    private void checkContentType(RoutingContext ctx) {
        if (format(ctx) == null) {
            meters.rejectedRequest("unsupported_media_type");
            String header = ctx.request().getHeader("Content-Type");
            status(ctx, 415, INVALID_ARGUMENT, "unsupported Content-Type '" + (header == null ? "" : header)
                    + "'; OTLP/HTTP accepts application/x-protobuf or application/json");
            return;
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx, Signal signal) {
        String format = format(ctx);
        boolean json = JSON.equals(format);
        Buffer buffer = ctx.body().buffer();
        byte[] raw = buffer == null ? new byte[0] : buffer.getBytes();
        String encoding = ctx.request().getHeader("Content-Encoding");
        meters.bytes(raw.length);
        long received = Timestamps.toNanos(java.time.Instant.now());
        // Journal threads complete the append; hop back onto this request's context to reply.
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> {
            long started = System.nanoTime();
            OtlpBatch<? extends Event> batch;
            try {
                byte[] body = RequestBodies.decode(raw, encoding, bodyLimitBytes);
                batch = switch (signal) {
                    case LOGS -> decoder.logs(body, json, received);
                    case METRICS -> decoder.metrics(body, json);
                    case TRACES -> decoder.traces(body, json);
                };
            } finally {
                meters.decodeNanos(System.nanoTime() - started);
            }
            if (batch.events().isEmpty()) {
                return CompletableFuture.completedFuture(batch);
            }
            CompletionStage<OtlpBatch<? extends Event>> stored = pipeline.append(signal.kind, batch.events()).thenApply(index -> batch);
            return stored;
        }, false).compose(stage -> Future.fromCompletionStage(stage, context)).onSuccess(batch -> {
            meters.accepted(batch.accepted());
            meters.rejectedItems(batch.rejected());
            reply(ctx, signal, json, batch);
        }).onFailure(error -> failure(ctx, error));
    }

    private void reply(RoutingContext ctx, Signal signal, boolean json, OtlpBatch<?> batch) {
        long rejected = batch.rejected();
        String message = batch.firstError();
        Buffer body;
        if (json) {
            JsonObject reply = new JsonObject();
            if (rejected > 0) {
                String field = switch (signal) {
                    case LOGS -> "rejectedLogRecords";
                    case METRICS -> "rejectedDataPoints";
                    case TRACES -> "rejectedSpans";
                };
                reply.put("partialSuccess", new JsonObject().put(field, rejected).put("errorMessage", message));
            }
            body = reply.toBuffer();
        } else {
            byte[] bytes = switch (signal) {
                case LOGS -> (rejected > 0 ? ExportLogsServiceResponse.newBuilder().setPartialSuccess(
                        ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected).setErrorMessage(message))
                        : ExportLogsServiceResponse.newBuilder()).build().toByteArray();
                case METRICS -> (rejected > 0 ? ExportMetricsServiceResponse.newBuilder().setPartialSuccess(
                        ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(rejected).setErrorMessage(message))
                        : ExportMetricsServiceResponse.newBuilder()).build().toByteArray();
                case TRACES -> (rejected > 0 ? ExportTraceServiceResponse.newBuilder().setPartialSuccess(
                        ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message))
                        : ExportTraceServiceResponse.newBuilder()).build().toByteArray();
            };
            body = Buffer.buffer(bytes);
        }
        send(ctx, 200, json ? JSON : PROTOBUF, body);
    }

    /** Route failures (body limit, bad gzip) and decode/append failures, as google.rpc.Status. */
    private void failure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            failure(ctx, ctx.failure());
        } else if (ctx.statusCode() == 413) {
            meters.rejectedRequest("too_large");
            status(ctx, 413, RESOURCE_EXHAUSTED, "request body is larger than the limit of " + bodyLimitBytes
                    + " bytes (setting " + RequestBodies.BODY_LIMIT_SETTING + "); split it into smaller batches");
        } else {
            meters.rejectedRequest("http_" + ctx.statusCode());
            status(ctx, ctx.statusCode(), INVALID_ARGUMENT, "request failed with HTTP " + ctx.statusCode());
        }
    }

    private void failure(RoutingContext ctx, Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OtlpFormatException) {
            meters.rejectedRequest("undecodable");
            status(ctx, 400, INVALID_ARGUMENT, cause.getMessage());
        } else if (BackPressure.is(cause)) {
            meters.rejectedRequest(BackPressure.reason(cause));
            ctx.response().putHeader("Retry-After", BackPressure.RETRY_AFTER_SECONDS);
            status(ctx, 503, UNAVAILABLE, ("overloaded".equals(BackPressure.reason(cause)) ? "Vigil is overloaded, retry later: "
                    : "Vigil cannot store more now: ") + cause.getMessage());
        } else if (cause instanceof BodyDecodingException encoding) {
            meters.rejectedRequest(encoding.reason());
            status(ctx, encoding.status(), encoding.status() == 413 ? RESOURCE_EXHAUSTED : INVALID_ARGUMENT, encoding.getMessage());
        } else {
            meters.rejectedRequest("internal");
            LOG.error("OTLP request {} failed", ctx.request().path(), cause);
            status(ctx, 500, INTERNAL, "internal error: " + cause + " (see the server log)");
        }
    }

    private static void status(RoutingContext ctx, int http, int code, String message) {
        String format = format(ctx);
        if (PROTOBUF.equals(format)) {
            send(ctx, http, PROTOBUF, Buffer.buffer(rpcStatus(code, message)));
        } else {
            send(ctx, http, JSON, new JsonObject().put("code", code).put("message", message).put("details", List.of()).toBuffer());
        }
    }

    /** google.rpc.Status{int32 code = 1; string message = 2}, encoded by hand (the class is not on the classpath). */
    static byte[] rpcStatus(int code, String message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(RoutingContext ctx, int status, String contentType, Buffer body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body);
    }
}
