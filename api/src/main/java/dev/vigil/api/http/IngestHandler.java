package dev.vigil.api.http;

import java.util.List;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.codec.Decoded;
import dev.vigil.ingest.codec.LineError;
import dev.vigil.ingest.codec.NativeJsonDecoder;
import dev.vigil.ingest.codec.PrometheusTextParser;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/logs|metrics|events|spans}: undoes the Content-Encoding (gzip or deflate,
 * strictly, see {@link RequestBodies}) and decodes the body on a worker thread, rejects it whole
 * with 400 if any line is bad (listing line and field), otherwise appends it to the journal as one
 * batch and acknowledges once the journal holds it. Back-pressure (journal, indexer, disk floor) is
 * 503 with {@code Retry-After}. {@code ?refresh=wait_for} also waits until the batch is searchable.
 */
public final class IngestHandler implements Handler<RoutingContext> {
    private final Vertx vertx;
    private final EventPipeline pipeline;
    private final EventKind kind;
    private final IngestMeters meters;
    private final long bodyLimitBytes;
    private final NativeJsonDecoder json = new NativeJsonDecoder();
    private final PrometheusTextParser prometheus = new PrometheusTextParser();

    private IngestHandler(Vertx vertx, EventPipeline pipeline, EventKind kind, IngestMeters meters, long bodyLimitBytes) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.kind = kind;
        this.meters = meters;
        this.bodyLimitBytes = bodyLimitBytes;
    }

    /** @param bodyLimitBytes largest body accepted once its Content-Encoding is undone */
    public static IngestHandler create(Vertx vertx, EventPipeline pipeline, EventKind kind, IngestMeters meters, long bodyLimitBytes) {
        return new IngestHandler(vertx, pipeline, kind, meters, bodyLimitBytes);
    }

    @Override
    public void handle(RoutingContext ctx) {
        byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String contentEncoding = ctx.request().getHeader("Content-Encoding");
        String contentType = ctx.request().getHeader("Content-Type");
        boolean waitForRefresh = "wait_for".equals(ctx.request().getParam("refresh"));
        long received = Timestamps.toNanos(java.time.Instant.now());
        // Journal and indexer threads complete the futures; hop back onto this request's context.
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> {
            byte[] body;
            try {
                body = RequestBodies.decode(raw, contentEncoding, bodyLimitBytes);
            } catch (BodyDecodingException e) {
                meters.rejected(kind, 1);
                throw e.toApiException();
            }
            Decoded<? extends Event> decoded = decode(body, contentType, received);
            if (!decoded.ok()) {
                meters.rejected(kind, 1);
                throw new ApiException(400, "invalid_events", describe(decoded), details(decoded.errors()));
            }
            List<? extends Event> events = decoded.events();
            return pipeline.append(kind, events).thenApply(index -> new long[] {index, events.size()});
        }, false).compose(stage -> Future.fromCompletionStage(stage, context)).compose(ack -> {
            meters.accepted(kind, ack[1]);
            JsonObject reply = new JsonObject().put("accepted", ack[1]).put("journal_index", ack[0]);
            if (!waitForRefresh) {
                return Future.succeededFuture(reply);
            }
            return Future.fromCompletionStage(pipeline.awaitSearchable(ack[0]), context)
                    .map(ignored -> reply.put("searchable", true));
        }).onSuccess(reply -> Responses.json(ctx, 200, reply))
                .onFailure(failure -> ctx.fail(BackPressure.is(failure) ? BackPressure.toApiException(failure) : failure));
    }

    private Decoded<? extends Event> decode(byte[] body, String contentType, long received) {
        return switch (kind) {
            case LOG -> json.logs(body, received);
            case METRIC -> isTextExposition(contentType) ? prometheus.parse(body, received) : json.metrics(body, received);
            case CHANGE -> json.changes(body, received);
            case SPAN -> json.spans(body, received);
        };
    }

    private static boolean isTextExposition(String contentType) {
        return contentType != null && (contentType.startsWith("text/plain") || contentType.startsWith("application/openmetrics-text"));
    }

    private static String describe(Decoded<?> decoded) {
        LineError first = decoded.errors().get(0);
        String where = "line " + first.line() + (first.field() == null ? "" : ", field '" + first.field() + "'");
        return decoded.errorCount() + " invalid line(s); nothing was stored. First: " + where + ": " + first.message();
    }

    private static JsonArray details(List<LineError> errors) {
        JsonArray out = new JsonArray();
        for (LineError error : errors) {
            JsonObject item = new JsonObject().put("line", error.line()).put("message", error.message());
            if (error.field() != null) {
                item.put("field", error.field());
            }
            out.add(item);
        }
        return out;
    }
}
