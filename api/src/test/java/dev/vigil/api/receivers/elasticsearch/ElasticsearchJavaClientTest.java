package dev.vigil.api.receivers.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Elasticsearch Java client (co.elastic.clients:elasticsearch-java 9.5.6 over its
 * rest5 transport) against a real Vigil node. The client refuses any server whose responses lack
 * {@code X-Elastic-Product: Elasticsearch}, and it sends the vendor media type
 * {@code application/vnd.elasticsearch+json; compatible-with=9}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchJavaClientTest {
    private EsTestNode node;
    private ElasticsearchClient client;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        node = EsTestNode.start(dataDir);
        client = ElasticsearchClient.of(b -> b.host(node.base));
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client._transport().close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void infoPassesTheProductCheck() throws Exception {
        InfoResponse info = client.info();
        assertEquals("8.17.0", info.version().number());
        assertEquals("vigil", info.clusterName());
        assertEquals("You Know, for Search", info.tagline());
        assertEquals("9.12.3", info.version().luceneVersion());
        assertTrue(client.ping().value(), "HEAD / answers 200");
    }

    /** The control: the same answer without the product header makes this client give up. */
    @Test
    void theClientRefusesAnAnswerWithoutTheProductHeader() throws Exception {
        String info = node.get("/").body();
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer bare = vertx.createHttpServer().requestHandler(req -> req.response().putHeader("Content-Type", "application/json")
                    .end(info)).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            ElasticsearchClient other = ElasticsearchClient.of(b -> b.host("http://127.0.0.1:" + bare.actualPort()));
            try {
                Exception e = assertThrows(Exception.class, other::info);
                assertTrue(String.valueOf(e.getMessage()).contains("X-Elastic-Product"), String.valueOf(e));
            } finally {
                other._transport().close();
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void bulkOfDocumentsIsStoredExactly() throws Exception {
        String service = "es-java-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        int n = 40;
        BulkRequest.Builder request = new BulkRequest.Builder().refresh(Refresh.WaitFor);
        for (int i = 0; i < n; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", t0.plusSeconds(i).toString());
            doc.put("message", "order " + i + " placed");
            doc.put("service", Map.of("name", service));
            doc.put("host", Map.of("name", "web-" + (i % 3)));
            doc.put("log", Map.of("level", i % 5 == 0 ? "error" : "info"));
            doc.put("order_id", "o-" + i);
            doc.put("amount", i * 1.5);
            int k = i;
            if (i % 2 == 0) {
                request.operations(op -> op.index(idx -> idx.index("shop-logs").id("given-" + k).document(doc)));
            } else {
                request.operations(op -> op.create(c -> c.index("shop-logs").document(doc)));
            }
        }
        BulkResponse response = client.bulk(request.build());
        assertFalse(response.errors(), () -> "errors: " + response.items());
        assertEquals(n, response.items().size());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BulkResponseItem item = response.items().get(i);
            assertEquals(i % 2 == 0 ? OperationType.Index : OperationType.Create, item.operationType());
            assertEquals(201, item.status());
            assertEquals("created", item.result());
            assertEquals("shop-logs", item.index());
            assertNull(item.error());
            assertNotNull(item.id());
            if (i % 2 == 0) {
                assertEquals("given-" + i, item.id());
            }
            ids.add(item.id());
        }

        List<JsonObject> hits = node.search("service:" + service);
        assertEquals(n, hits.size(), () -> "hits: " + hits);
        for (int i = 0; i < n; i++) {
            JsonObject hit = hits.get(i);
            assertEquals("order " + i + " placed", hit.getString("message"));
            assertEquals(t0.plusSeconds(i), Instant.parse(hit.getString("timestamp")));
            assertEquals(service, hit.getString("service"));
            assertEquals(i % 5 == 0 ? "error" : "info", hit.getString("level"));
            JsonObject attributes = hit.getJsonObject("attributes");
            assertEquals("shop-logs", attributes.getString("index"));
            assertEquals(ids.get(i), attributes.getString("_id"));
            assertEquals("o-" + i, attributes.getString("order_id"));
            assertEquals(String.valueOf(i * 1.5), attributes.getString("amount"));
        }
        assertEquals(List.of("web-0", "web-1", "web-2"), hits.subList(0, 3).stream().map(h -> h.getString("host")).toList());
    }

    @Test
    void invalidItemsFailAloneAndUnsupportedActionsSaySo() throws Exception {
        String service = "es-java-mixed-" + UUID.randomUUID().toString().substring(0, 8);
        BulkResponse response = client.bulk(b -> b.refresh(Refresh.WaitFor)
                .operations(op -> op.index(i -> i.index("mixed").document(Map.of("@timestamp", "not-a-date", "message", "bad one",
                        "service", service))))
                .operations(op -> op.index(i -> i.index("mixed").document(Map.of("message", "good one", "service", service))))
                .operations(op -> op.delete(d -> d.index("mixed").id("given-0")))
                .operations(op -> op.update(u -> u.index("mixed").id("given-2").action(a -> a.doc(Map.of("message", "changed"))))));
        assertTrue(response.errors());
        List<BulkResponseItem> items = response.items();
        assertEquals(4, items.size());
        assertEquals(400, items.get(0).status());
        assertEquals("document_parsing_exception", items.get(0).error().type());
        assertTrue(items.get(0).error().reason().contains("[@timestamp]"), items.get(0).error().reason());
        assertEquals(201, items.get(1).status());
        assertEquals(OperationType.Delete, items.get(2).operationType());
        assertEquals(400, items.get(2).status());
        assertTrue(items.get(2).error().reason().contains("append-only"), items.get(2).error().reason());
        assertEquals(OperationType.Update, items.get(3).operationType());
        assertTrue(items.get(3).error().reason().contains("append-only"), items.get(3).error().reason());

        List<JsonObject> hits = node.search("service:" + service);
        assertEquals(List.of("good one"), hits.stream().map(h -> h.getString("message")).toList());
    }
}
