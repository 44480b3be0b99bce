package dev.vigil.api.receivers.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.CodedInputStream;
import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventSearcher;
import dev.vigil.analytics.search.SearchRequest;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.IndexBehindException;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.journal.JournalFullException;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pipeline behind a gate that refuses batches the way the pipeline does under load
 * (IndexBehindException thrown, JournalFullException as a failed future): the receiver answers 503
 * with Retry-After and a google.rpc.Status, stores nothing, and the real Java SDK exporter, which
 * retries 503, delivers everything exactly once after the gate opens.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OtlpBackPressureTest {
    private Vertx vertx;
    private EventPipeline pipeline;
    private HttpServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private String base;

    @BeforeEach
    void start(@TempDir Path dataDir) throws Exception {
        pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir));
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        OtlpReceiver.mount(router, vertx, (kind, events) -> {
            if (refusalsLeft.getAndDecrement() > 0) {
                if (refused.incrementAndGet() % 2 == 1) {
                    throw new IndexBehindException(200_000, 100_000);
                }
                return CompletableFuture.failedFuture(new JournalFullException(4096));
            }
            return pipeline.append(kind, events);
        }, registry, 1 << 20);
        server = vertx.createHttpServer(new HttpServerOptions().setDecompressionSupported(true)).requestHandler(router)
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private List<Event> stored() {
        return new EventSearcher(pipeline).search(new SearchRequest("", "log", new TimeRange(1, Long.MAX_VALUE - 1), 1000, false))
                .hits();
    }

    private double rejected(String reason) {
        var counter = registry.find("vigil.receiver.rejected").tag("protocol", "otlp").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void refusedBatchesGet503WithRetryAfterAndTheSdkDeliversThemOnceTheGateOpens() throws Exception {
        refusalsLeft.set(2);
        byte[] body = io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(io.opentelemetry.proto.logs.v1.ResourceLogs.newBuilder().addScopeLogs(
                        io.opentelemetry.proto.logs.v1.ScopeLogs.newBuilder().addLogRecords(
                                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setTimeUnixNano(1_795_600_800_000_000_000L)
                                        .setBody(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("refused")))))
                .build().toByteArray();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/logs"))
                    .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(503, response.statusCode());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
            CodedInputStream in = CodedInputStream.newInstance(response.body());
            assertEquals(1 << 3, in.readTag());
            assertEquals(14, in.readInt32(), "google.rpc.Code UNAVAILABLE");
            assertEquals(2 << 3 | 2, in.readTag());
            assertTrue(in.readString().contains("overloaded"));
        }
        assertEquals(2, rejected("overloaded"));
        assertEquals(List.of(), stored(), "nothing from a refused request is stored");

        // The SDK exporter retries 503: the first two attempts are refused, the third is stored.
        refusalsLeft.set(2);
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs")
                .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(5).setInitialBackoff(Duration.ofMillis(100))
                        .setMaxBackoff(Duration.ofMillis(500)).build()).build();
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "bp")))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
            Logger logger = provider.get("bp");
            logger.logRecordBuilder().setBody("kept 1").emit();
            logger.logRecordBuilder().setBody("kept 2").emit();
            CompletableResultCode flushed = provider.forceFlush();
            flushed.join(60, TimeUnit.SECONDS);
            assertTrue(flushed.isSuccess(), "the exporter delivered after retrying");
        }
        assertEquals(4, refused.get());
        List<Event> stored = OtlpNode.await("both records", this::stored, s -> s.size() >= 2);
        assertEquals(List.of("kept 1", "kept 2"), stored.stream().map(e -> ((LogEvent) e).message()).sorted().toList());
        assertEquals(4, rejected("overloaded"));
        assertEquals(2, registry.find("vigil.receiver.events").tag("protocol", "otlp").tag("outcome", "accepted").counter().count());
    }
}
