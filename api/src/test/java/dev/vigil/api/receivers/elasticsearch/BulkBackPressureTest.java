package dev.vigil.api.receivers.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
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
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pipeline behind a gate that refuses batches as the pipeline does under load
 * (IndexBehindException thrown, JournalFullException as a failed future): the bulk endpoint
 * answers a top-level 429 {@code es_rejected_execution_exception} with {@code Retry-After},
 * which the official Java client reads as such; nothing is stored until the gate opens, and the
 * retried bulk is then stored exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BulkBackPressureTest {
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
        ElasticsearchReceiver.mount(router, vertx, pipeline, (kind, events) -> {
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

    private List<String> stored() {
        return new EventSearcher(pipeline).search(new SearchRequest("", "log", new TimeRange(1, Long.MAX_VALUE - 1), 1000, false))
                .hits().stream().map(e -> ((LogEvent) e).message()).sorted().toList();
    }

    private double overloaded() {
        var counter = registry.find("vigil.receiver.rejected").tag("protocol", "elasticsearch").tag("reason", "overloaded").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void refusedBulksGet429WithRetryAfterAndAreStoredOnceAccepted() throws Exception {
        refusalsLeft.set(1);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> raw = http.send(HttpRequest.newBuilder(URI.create(base + "/_bulk"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"index\":{\"_index\":\"bp\"}}\n{\"message\":\"refused raw\"}\n"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, raw.statusCode(), raw.body());
        assertEquals("1", raw.headers().firstValue("Retry-After").orElse(""));
        assertEquals("Elasticsearch", raw.headers().firstValue("X-Elastic-Product").orElse(""));
        JsonObject error = new JsonObject(raw.body()).getJsonObject("error");
        assertEquals("es_rejected_execution_exception", error.getString("type"));
        assertTrue(error.getString("reason").contains("nothing of this request was stored"), error.encode());

        ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(base));
        try {
            refusalsLeft.set(1);
            ElasticsearchException e = assertThrows(ElasticsearchException.class, () -> client.bulk(b -> b.refresh(Refresh.WaitFor)
                    .operations(op -> op.index(i -> i.index("bp").document(Map.of("message", "kept 1"))))
                    .operations(op -> op.index(i -> i.index("bp").document(Map.of("message", "kept 2"))))));
            assertEquals(429, e.status());
            assertEquals("es_rejected_execution_exception", e.error().type());
            assertEquals(2, overloaded());
            assertEquals(List.of(), stored(), "nothing from a refused request is stored");

            // The shipper retries the same bulk once Vigil takes it again.
            BulkResponse retried = client.bulk(b -> b.refresh(Refresh.WaitFor)
                    .operations(op -> op.index(i -> i.index("bp").document(Map.of("message", "kept 1"))))
                    .operations(op -> op.index(i -> i.index("bp").document(Map.of("message", "kept 2")))));
            assertFalse(retried.errors());
        } finally {
            client._transport().close();
        }
        assertEquals(2, refused.get());
        assertEquals(List.of("kept 1", "kept 2"), stored());
        assertEquals(2, registry.find("vigil.receiver.events").tag("protocol", "elasticsearch").tag("outcome", "accepted").counter().count());
    }
}
