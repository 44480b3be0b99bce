package dev.vigil.api.receivers.promrw;

import java.util.Locale;

import dev.vigil.api.http.ApiException;
import dev.vigil.api.http.BackPressure;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.promrw.RemoteWriteBatch;
import dev.vigil.ingest.promrw.RemoteWriteDecoder;
import dev.vigil.ingest.promrw.RemoteWriteFormatException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Prometheus remote write 1.0: {@code POST /api/v1/write} and {@code POST /prometheus/api/v1/write}
 * (see docs/receivers/prometheus-remote-write.md).
 *
 * <p>Headers are checked first ({@code Content-Encoding: snappy}, {@code Content-Type:
 * application/x-protobuf}, {@code X-Prometheus-Remote-Write-Version: 0.1.x}); the body is then
 * decompressed and decoded on the worker pool and the valid samples are appended to the journal as
 * one batch. The answer is 204 once the journal holds them; 400 when anything was invalid (the
 * valid series of the request are stored all the same, as the spec allows, and the message says so);
 * 503 with {@code Retry-After} under back-pressure (journal, indexer, disk floor), which Prometheus
 * retries.
 */
public final class RemoteWriteReceiver {
    private final Vertx vertx;
    private final EventPipeline pipeline;
    private final RemoteWriteDecoder decoder;
    private final RemoteWriteMeters meters;

    private RemoteWriteReceiver(Vertx vertx, EventPipeline pipeline, RemoteWriteDecoder decoder, RemoteWriteMeters meters) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.decoder = decoder;
        this.meters = meters;
    }

    /** Adds the remote-write routes to {@code router}; bodies above {@code bodyLimitBytes} get 413. */
    public static void mount(Router router, Vertx vertx, EventPipeline pipeline, MeterRegistry registry, long bodyLimitBytes) {
        // A snappy block expands at most ~6x; allow a generous multiple of the body limit, capped.
        int maxUncompressed = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1L << 20, Math.min(bodyLimitBytes * 8, 256L << 20)));
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(vertx, pipeline, new RemoteWriteDecoder(maxUncompressed),
                new RemoteWriteMeters(registry));
        BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimitBytes).setHandleFileUploads(false);
        for (String path : new String[] {"/api/v1/write", "/prometheus/api/v1/write"}) {
            // A platform handler: Vert.x Web runs those before body handlers, as this one must.
            PlatformHandler headers = receiver::checkHeaders;
            router.post(path).handler(headers).handler(body).handler(receiver::write);
        }
    }

    /**
     * Runs before the body is read and refuses bad headers early. The snappy body arrives raw: the
     * HTTP server inflates nothing itself (handlers do, see {@code RequestBodies}).
     */
    private void checkHeaders(RoutingContext ctx) {
        String problem = headerProblem(ctx.request().getHeader("Content-Encoding"), ctx.request().getHeader("Content-Type"),
                ctx.request().getHeader("X-Prometheus-Remote-Write-Version"));
        if (problem != null) {
            int status = problem.startsWith("415 ") ? 415 : 400;
            meters.rejected("bad_header");
            ctx.fail(new ApiException(status, status == 415 ? "unsupported_media_type" : "missing_header", problem.substring(4)));
            return;
        }
        ctx.next();
    }

    /**
     * Null when the headers are acceptable, else {@code "400 message"} or {@code "415 message"}.
     * Lenient only where real senders differ: case and parameters of Content-Type, any 0.1.x version.
     */
    static String headerProblem(String encoding, String contentType, String version) {
        if (encoding == null || encoding.isBlank()) {
            return "400 header Content-Encoding is missing; remote write bodies must be snappy block-compressed (Content-Encoding: snappy)";
        }
        if (!"snappy".equalsIgnoreCase(encoding.trim())) {
            return "415 Content-Encoding '" + encoding + "' is not supported; remote write 1.0 uses Content-Encoding: snappy";
        }
        if (contentType == null || contentType.isBlank()) {
            return "400 header Content-Type is missing; remote write 1.0 sends Content-Type: application/x-protobuf";
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        if (!media.equals("application/x-protobuf")) {
            return "415 Content-Type '" + contentType + "' is not supported; remote write 1.0 sends Content-Type: application/x-protobuf";
        }
        if (semicolon >= 0) {
            String params = type.substring(semicolon + 1).replace(" ", "");
            if (params.contains("proto=") && !params.contains("proto=prometheus.writerequest")) {
                return "415 Content-Type '" + contentType + "' asks for a protobuf message other than prometheus.WriteRequest; "
                        + "only remote write 1.0 (proto=prometheus.WriteRequest) is supported";
            }
        }
        if (version == null || version.isBlank()) {
            return "400 header X-Prometheus-Remote-Write-Version is missing; remote write 1.0 senders send 0.1.0";
        }
        if (!version.trim().startsWith("0.1.")) {
            return "415 X-Prometheus-Remote-Write-Version '" + version + "' is not supported; this receiver speaks remote write 1.0 (0.1.x)";
        }
        return null;
    }

    private void write(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        meters.bytes(body.length);
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> {
            long started = System.nanoTime();
            RemoteWriteBatch batch;
            try {
                batch = decoder.decode(body);
            } catch (RemoteWriteFormatException e) {
                meters.rejected(e.reason());
                throw new ApiException(e.reason().equals("too_large") ? 413 : 400, e.reason(), e.getMessage() + "; nothing was stored");
            } finally {
                meters.decoded(System.nanoTime() - started);
            }
            if (batch.samples().isEmpty()) {
                return Future.succeededFuture(batch);
            }
            // One journal record for the whole request; throws IndexBehindException under back-pressure.
            return Future.fromCompletionStage(pipeline.append(EventKind.METRIC, batch.samples()), context).map(index -> batch);
        }, false).compose(appended -> appended).onSuccess(batch -> {
            meters.accepted(batch.samples().size());
            meters.rejectedSamples(batch.rejectedSamples());
            if (batch.ok()) {
                ctx.response().setStatusCode(204).end();
                return;
            }
            meters.rejected("invalid_series");
            JsonArray details = new JsonArray();
            batch.errors().forEach(details::add);
            String message = batch.errorCount() + " problem(s) in " + batch.series() + " time series: " + batch.invalidSeries()
                    + " series and " + batch.rejectedSamples() + " sample(s) were refused; the other " + batch.samples().size()
                    + " sample(s) were stored. First: " + batch.errors().get(0);
            ctx.fail(new ApiException(400, "invalid_series", message, details));
        }).onFailure(failure -> {
            Throwable cause = failure;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (BackPressure.is(cause)) {
                meters.rejected(BackPressure.reason(cause));
                ctx.fail(BackPressure.toApiException(cause));
                return;
            }
            ctx.fail(failure);
        });
    }
}
