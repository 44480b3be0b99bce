package dev.vigil.api.receivers.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.api.http.BackPressure;
import dev.vigil.api.http.BodyDecodingException;
import dev.vigil.api.http.RequestBodies;
import dev.vigil.ingest.elasticsearch.BulkBatch;
import dev.vigil.ingest.elasticsearch.BulkDecoder;
import dev.vigil.ingest.elasticsearch.BulkFormatException;
import dev.vigil.ingest.elasticsearch.BulkItem;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST|PUT /_bulk} and {@code /{index}/_bulk}: decodes on a worker thread, stores the valid
 * items as one journal batch and answers, once the journal holds them, with Elasticsearch's
 * per-item results. {@code Content-Encoding: gzip} and {@code deflate} are undone strictly by
 * {@link RequestBodies} (damaged: 400 {@code parse_exception}; inflating past the body limit: 413).
 * A malformed request is refused whole (top-level 400, nothing stored); back-pressure (journal,
 * indexer, disk floor) is a top-level 429 with {@code Retry-After}. {@code ?refresh=wait_for} (or
 * {@code true}) also waits until the documents are searchable.
 */
final class BulkHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(BulkHandler.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** A created item between {@code _id} and {@code _seq_no}, and after {@code _seq_no}. */
    private static final String CREATED_HEAD =
            ",\"_version\":1,\"result\":\"created\",\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0}";
    private static final String CREATED_TAIL = ",\"_primary_term\":1,\"status\":201";

    private final Vertx vertx;
    private final EventPipeline pipeline;
    private final ElasticsearchReceiver.Appender appender;
    private final EsMeters meters;
    private final long bodyLimitBytes;
    private final BulkDecoder decoder = new BulkDecoder();
    private final AtomicLong seqNo = new AtomicLong();

    BulkHandler(Vertx vertx, EventPipeline pipeline, ElasticsearchReceiver.Appender appender, EsMeters meters, long bodyLimitBytes) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.appender = appender;
        this.meters = meters;
        this.bodyLimitBytes = bodyLimitBytes;
    }

    private record Outcome(BulkBatch batch, long journalIndex) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String contentType = ctx.request().getHeader("Content-Type");
        String unsupported = unsupportedContentType(contentType);
        if (unsupported != null) {
            meters.rejected("unsupported_media_type");
            EsReplies.json(ctx, 406, new io.vertx.core.json.JsonObject().put("error", unsupported).put("status", 406));
            return;
        }
        byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String encoding = ctx.request().getHeader("Content-Encoding");
        meters.bytes(raw.length);
        String pathIndex = pathIndex(ctx.request().path());
        String refresh = ctx.request().getParam("refresh");
        boolean waitForRefresh = "wait_for".equals(refresh) || "true".equals(refresh) || "".equals(refresh);
        long received = Timestamps.toNanos(Instant.now());
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> {
            long t0 = System.nanoTime();
            BulkBatch batch;
            try {
                batch = decoder.decode(RequestBodies.decode(raw, encoding, bodyLimitBytes), pathIndex, received);
            } finally {
                meters.decoded(System.nanoTime() - t0);
            }
            List<LogEvent> events = batch.events();
            if (events.isEmpty()) {
                return CompletableFuture.completedFuture(new Outcome(batch, -1));
            }
            return appender.append(EventKind.LOG, events).thenApply(index -> new Outcome(batch, index));
        }, false).compose(stage -> Future.fromCompletionStage(stage, context)).compose(outcome -> {
            if (!waitForRefresh || outcome.journalIndex < 0) {
                return Future.succeededFuture(outcome);
            }
            return Future.fromCompletionStage(pipeline.awaitSearchable(outcome.journalIndex), context).map(ignored -> outcome);
        }).onSuccess(outcome -> reply(ctx, outcome, started)).onFailure(failure -> failed(ctx, failure));
    }

    private void reply(RoutingContext ctx, Outcome outcome, long started) {
        BulkBatch batch = outcome.batch;
        int failed = batch.failedCount();
        meters.accepted(batch.items().size() - failed);
        meters.rejectedEvents(failed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + batch.items().size() * 200);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("took", (System.nanoTime() - started) / 1_000_000);
            g.writeBooleanField("errors", failed > 0);
            g.writeArrayFieldStart("items");
            for (BulkItem item : batch.items()) {
                g.writeStartObject();
                g.writeObjectFieldStart(item.action());
                g.writeStringField("_index", item.index());
                g.writeStringField("_id", item.id());
                if (item.failed()) {
                    meters.rejected(item.errorType());
                    g.writeNumberField("status", item.errorStatus());
                    g.writeObjectFieldStart("error");
                    g.writeStringField("type", item.errorType());
                    g.writeStringField("reason", item.errorReason());
                    g.writeStringField("index", item.index());
                    g.writeEndObject();
                } else {
                    // Constant parts as prepared bytes: the generator only escapes and separates the
                    // fields around them (each raw part starts with its comma, as the generator would).
                    g.writeRaw(CREATED_HEAD);
                    g.writeNumberField("_seq_no", seqNo.getAndIncrement());
                    g.writeRaw(CREATED_TAIL);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EsReplies.json(ctx, 200, Buffer.buffer(out.toByteArray()));
    }

    private void failed(RoutingContext ctx, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BulkFormatException malformed) {
            meters.rejected("malformed_request");
            EsReplies.error(ctx, 400, malformed.type(), malformed.reason());
        } else if (cause instanceof BodyDecodingException encoding) {
            meters.rejected(encoding.reason());
            String type = switch (encoding.status()) {
                case 413 -> "content_too_long_exception";
                case 415 -> "illegal_argument_exception";
                default -> "parse_exception";
            };
            EsReplies.error(ctx, encoding.status(), type, encoding.getMessage());
        } else if (BackPressure.is(cause)) {
            meters.rejected(BackPressure.reason(cause));
            ctx.response().putHeader("Retry-After", BackPressure.RETRY_AFTER_SECONDS);
            EsReplies.error(ctx, 429, "es_rejected_execution_exception",
                    "Vigil cannot take more events right now (" + cause.getMessage() + "); nothing of this request was stored, retry later");
        } else {
            meters.rejected("internal_error");
            LOG.error("bulk request {} failed", ctx.request().path(), cause);
            EsReplies.error(ctx, 500, "exception", "internal error: " + cause + "; nothing of this request was stored (see the server log)");
        }
    }

    /** Why the Content-Type is refused, in Elasticsearch's words, or {@code null} when it is fine (or absent). */
    static String unsupportedContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        String base = lower.split(";", 2)[0].trim();
        switch (base) {
            case "application/x-ndjson", "application/json":
                return null;
            case EsReplies.VENDOR_JSON, EsReplies.VENDOR_NDJSON:
                String version = EsReplies.compatibleWith(lower);
                if (version == null || version.equals("7") || version.equals("8") || version.equals("9")) {
                    return null;
                }
                return "Content-Type header [" + contentType + "] is not supported: compatible-with=" + version
                        + " is not one of 7, 8, 9";
            default:
                return "Content-Type header [" + contentType + "] is not supported; send application/x-ndjson";
        }
    }

    /** The index of {@code /{index}/_bulk}, or {@code null} for {@code /_bulk}. */
    static String pathIndex(String path) {
        int cut = path.indexOf("/_bulk");
        if (cut <= 1) {
            return null;
        }
        String raw = path.substring(1, cut);
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
