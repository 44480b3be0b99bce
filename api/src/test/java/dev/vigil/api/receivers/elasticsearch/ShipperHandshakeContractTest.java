package dev.vigil.api.receivers.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls Filebeat, Logstash, Vector and Fluent Bit make before and while shipping (none of
 * them is available here; the sequences follow docs/shared protocols.md §2.2 and each shipper's
 * documented behaviour), replayed over plain HTTP against a real node, each followed by a bulk in
 * that shipper's shape and a search for exactly what it sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShipperHandshakeContractTest {
    private EsTestNode node;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        node = EsTestNode.start(dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static void product(EsTestNode.Reply reply) {
        assertEquals("Elasticsearch", reply.header("X-Elastic-Product"), () -> "X-Elastic-Product on " + reply.body());
    }

    private EsTestNode.Reply ok(String method, String path, String body, String... headers) {
        EsTestNode.Reply reply = node.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
        assertEquals(200, reply.status(), () -> method + " " + path + ": " + reply.body());
        product(reply);
        return reply;
    }

    @Test
    void rootInfoAndPing() {
        JsonObject info = ok("GET", "/", null).json();
        assertEquals("vigil", info.getString("cluster_name"));
        assertEquals("You Know, for Search", info.getString("tagline"));
        assertTrue(info.getString("name") != null && info.getString("cluster_uuid") != null);
        JsonObject version = info.getJsonObject("version");
        assertEquals("8.17.0", version.getString("number"));
        assertEquals("default", version.getString("build_flavor"));
        assertEquals("9.12.3", version.getString("lucene_version"));
        assertEquals("7.17.0", version.getString("minimum_wire_compatibility_version"));
        assertEquals("7.0.0", version.getString("minimum_index_compatibility_version"));
        assertTrue(ok("GET", "/", null).header("Content-Type").startsWith("application/json"));

        EsTestNode.Reply head = ok("HEAD", "/", null);
        assertEquals("", head.body());

        EsTestNode.Reply vendor = ok("GET", "/", null, "Accept", "application/vnd.elasticsearch+json; compatible-with=8");
        assertEquals("application/vnd.elasticsearch+json;compatible-with=8", vendor.header("Content-Type"));
        EsTestNode.Reply vendor9 = ok("GET", "/", null, "Accept", "application/vnd.elasticsearch+json;compatible-with=9");
        assertEquals("application/vnd.elasticsearch+json;compatible-with=9", vendor9.header("Content-Type"));
    }

    @Test
    void filebeatSetupAndGzippedBulk() {
        ok("GET", "/", null, "User-Agent", "Filebeat/8.17.0");
        JsonObject license = ok("GET", "/_license?human=false", null).json().getJsonObject("license");
        assertEquals("basic", license.getString("type"), "Beats refuse oss licenses");
        assertEquals("active", license.getString("status"), "Beats refuse expired licenses");
        assertTrue(license.getString("uid") != null);
        JsonObject xpack = ok("GET", "/_xpack", null).json();
        assertEquals("active", xpack.getJsonObject("license").getString("status"));
        ok("GET", "/_ilm/policy/filebeat", null);
        assertEquals(Boolean.TRUE, ok("PUT", "/_ilm/policy/filebeat", "{\"policy\":{\"phases\":{}}}", "Content-Type", "application/json")
                .json().getBoolean("acknowledged"));
        ok("HEAD", "/_index_template/filebeat-8.17.0", null);
        assertEquals(Boolean.TRUE, ok("PUT", "/_index_template/filebeat-8.17.0", "{\"index_patterns\":[\"filebeat-8.17.0\"]}",
                "Content-Type", "application/json").json().getBoolean("acknowledged"));
        ok("GET", "/_ingest/pipeline/filebeat-8.17.0-system-syslog-pipeline", null);
        ok("PUT", "/_ingest/pipeline/filebeat-8.17.0-x", "{\"processors\":[]}", "Content-Type", "application/json");
        ok("GET", "/_data_stream/filebeat-8.17.0", null);
        ok("PUT", "/_data_stream/filebeat-8.17.0", null);

        String service = "fb-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            body.append("{\"create\":{\"_index\":\"filebeat-8.17.0\"}}\n");
            body.append(new JsonObject().put("@timestamp", t.plusMillis(i).toString()).put("message", "fb line " + i)
                    .put("service", new JsonObject().put("name", service))
                    .put("host", new JsonObject().put("name", "fb-host").put("os", new JsonObject().put("family", "debian")))
                    .put("log", new JsonObject().put("file", new JsonObject().put("path", "/var/log/app.log")).put("offset", i * 10))
                    .put("agent", new JsonObject().put("type", "filebeat").put("version", "8.17.0"))
                    .put("ecs", new JsonObject().put("version", "8.0.0")).encode()).append('\n');
        }
        EsTestNode.Reply bulk = node.send("POST", "/_bulk?refresh=wait_for&filter_path=errors,items.*.error,items.*.status",
                EsTestNode.gzip(body.toString().getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/json", "Content-Encoding", "gzip", "Accept", "application/json");
        assertEquals(200, bulk.status(), bulk.body());
        product(bulk);
        JsonObject json = bulk.json();
        assertEquals(Boolean.FALSE, json.getBoolean("errors"), bulk.body());
        assertTrue(json.getValue("took") instanceof Number);
        JsonArray items = json.getJsonArray("items");
        assertEquals(3, items.size());
        for (int i = 0; i < 3; i++) {
            JsonObject item = items.getJsonObject(i).getJsonObject("create");
            assertEquals(201, item.getInteger("status"));
            assertEquals("created", item.getString("result"));
            assertEquals(1, item.getInteger("_version"));
            assertEquals(1, item.getInteger("_primary_term"));
            assertEquals(1, item.getJsonObject("_shards").getInteger("successful"));
            assertTrue(item.getValue("_seq_no") instanceof Number);
        }
        List<JsonObject> hits = node.search("service:" + service);
        assertEquals(List.of("fb line 0", "fb line 1", "fb line 2"), hits.stream().map(h -> h.getString("message")).toList());
        JsonObject first = hits.get(0);
        assertEquals(t, Instant.parse(first.getString("timestamp")));
        assertEquals("fb-host", first.getString("host"));
        assertEquals("/var/log/app.log", first.getJsonObject("attributes").getString("log.file.path"));
        assertEquals("debian", first.getJsonObject("attributes").getString("host.os.family"));
        assertEquals("filebeat-8.17.0", first.getJsonObject("attributes").getString("index"));
    }

    @Test
    void logstashPingSniffTemplateAliasAndBulk() {
        ok("HEAD", "/", null);
        ok("GET", "/", null);
        ok("GET", "/_license", null);
        JsonObject nodes = ok("GET", "/_nodes/http", null).json();
        assertEquals(1, nodes.getJsonObject("_nodes").getInteger("successful"));
        JsonObject only = nodes.getJsonObject("nodes").getJsonObject(nodes.getJsonObject("nodes").fieldNames().iterator().next());
        assertEquals("127.0.0.1:" + node.node.port(), only.getJsonObject("http").getString("publish_address"),
                "sniffing must find this very node");
        assertEquals("8.17.0", only.getString("version"));
        ok("HEAD", "/_index_template/ecs-logstash", null);
        ok("PUT", "/_index_template/ecs-logstash", "{\"index_patterns\":\"logstash-*\"}", "Content-Type", "application/json");
        ok("HEAD", "/_template/logstash", null);
        ok("PUT", "/_template/logstash", "{}", "Content-Type", "application/json");
        ok("GET", "/_ilm/policy/logstash-policy", null);
        ok("HEAD", "/_alias/logstash", null);
        JsonObject created = ok("PUT", "/%3Clogstash-%7Bnow%2Fd%7D-000001%3E", "{\"aliases\":{\"logstash\":{\"is_write_index\":true}}}",
                "Content-Type", "application/json").json();
        assertEquals(Boolean.TRUE, created.getBoolean("acknowledged"));
        ok("HEAD", "/logstash-2026.11.25", null);
        JsonObject put = ok("PUT", "/logstash-2026.11.25", "{}", "Content-Type", "application/json").json();
        assertEquals("logstash-2026.11.25", put.getString("index"));

        String service = "ls-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"index\":{\"_id\":null,\"_index\":\"logstash\",\"routing\":null}}\n"
                + "{\"@timestamp\":\"2026-11-25T10:42:00.000Z\",\"@version\":\"1\",\"message\":\"ls event\",\"app\":\"" + service
                + "\",\"host\":{\"hostname\":\"ls-host\"},\"event\":{\"original\":\"raw\"}}\n";
        EsTestNode.Reply bulk = node.send("POST", "/_bulk?refresh=wait_for", body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertEquals(200, bulk.status(), bulk.body());
        product(bulk);
        assertEquals(Boolean.FALSE, bulk.json().getBoolean("errors"), bulk.body());
        List<JsonObject> hits = node.search("service:" + service);
        assertEquals(1, hits.size());
        assertEquals("ls event", hits.get(0).getString("message"));
        assertEquals("ls-host", hits.get(0).getString("host"), "host.hostname is the ECS host name Logstash writes");
        assertEquals("1", hits.get(0).getJsonObject("attributes").getString("@version"));
    }

    @Test
    void vectorHealthcheckAndPathIndexBulk() {
        ok("GET", "/", null, "User-Agent", "Vector/0.43.0");
        JsonObject health = ok("GET", "/_cluster/health", null).json();
        assertEquals("green", health.getString("status"));
        assertEquals("vigil", health.getString("cluster_name"));

        String service = "vec-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"create\":{}}\n{\"timestamp\":\"2026-11-25T10:42:01.5Z\",\"message\":\"vector event\",\"service\":\"" + service
                + "\",\"source_type\":\"file\",\"level\":\"WARN\"}\n";
        EsTestNode.Reply bulk = node.send("PUT", "/vector-2026.11.25/_bulk?refresh=wait_for", body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-ndjson");
        assertEquals(200, bulk.status(), bulk.body());
        assertEquals("vector-2026.11.25", bulk.json().getJsonArray("items").getJsonObject(0).getJsonObject("create").getString("_index"));
        List<JsonObject> hits = node.search("service:" + service);
        assertEquals(1, hits.size());
        assertEquals("warn", hits.get(0).getString("level"));
        assertEquals(Instant.parse("2026-11-25T10:42:01.5Z"), Instant.parse(hits.get(0).getString("timestamp")),
                "Vector's 'timestamp' is used when there is no @timestamp");
        assertEquals("vector-2026.11.25", hits.get(0).getJsonObject("attributes").getString("index"));
    }

    @Test
    void fluentBitBulkWithKubernetesMetadata() {
        String container = "fbit-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"create\":{\"_index\":\"fluent-bit\"}}\n"
                + "{\"@timestamp\":\"2026-11-25T10:42:02.250Z\",\"log\":\"GET /health 200\\n\",\"stream\":\"stdout\","
                + "\"kubernetes\":{\"pod_name\":\"api-0\",\"namespace_name\":\"prod\",\"container_name\":\"" + container + "\"}}\n"
                + "{\"index\":{\"_index\":\"fluent-bit\",\"_type\":\"_doc\"}}\n"
                + "{\"@timestamp\":1795603322250,\"log\":\"second\",\"kubernetes\":{\"container_name\":\"" + container + "\"}}\n";
        EsTestNode.Reply bulk = node.send("POST", "/_bulk?refresh=wait_for", body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-ndjson");
        assertEquals(200, bulk.status(), bulk.body());
        assertFalse(bulk.json().getBoolean("errors"), bulk.body());
        List<JsonObject> hits = node.search("service:" + container);
        assertEquals(List.of("GET /health 200\n", "second"), hits.stream().map(h -> h.getString("message")).toList());
        assertEquals("prod", hits.get(0).getJsonObject("attributes").getString("kubernetes.namespace_name"));
        assertEquals("stdout", hits.get(0).getJsonObject("attributes").getString("stream"));
    }

    @Test
    void vigilsOwnRoutesAreUntouched() {
        EsTestNode.Reply health = node.get("/health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().getString("status"));
        assertNull(health.header("X-Elastic-Product"));
        assertEquals(200, node.get("/ready").status());
        EsTestNode.Reply metrics = node.get("/metrics");
        assertEquals(200, metrics.status());
        assertNull(metrics.header("X-Elastic-Product"));
        EsTestNode.Reply putHealth = node.send("PUT", "/health", "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertNotEquals(200, putHealth.status(), "PUT /health is not an index creation");
        assertNull(putHealth.header("X-Elastic-Product"));
        EsTestNode.Reply headApi = node.send("HEAD", "/api", null);
        assertNull(headApi.header("X-Elastic-Product"), "/api is not an index");
        EsTestNode.Reply search = node.get("/api/v1/logs/search?q=*");
        assertEquals(200, search.status());
        assertNull(search.header("X-Elastic-Product"));

        EsTestNode.Reply unknown = node.get("/_search");
        assertTrue(unknown.esError(404, "resource_not_found_exception").contains("/_search"));
        EsTestNode.Reply getBulk = node.get("/_bulk");
        assertEquals(405, getBulk.status());
        product(getBulk);
    }

    @Test
    void receiverMetricsAreExported() throws Exception {
        String service = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        node.bulk("/_bulk?refresh=wait_for", "{\"index\":{\"_index\":\"m\"}}\n{\"message\":\"ok\",\"service\":\"" + service + "\"}\n"
                + "{\"delete\":{\"_index\":\"m\",\"_id\":\"x\"}}\n");
        String text = node.get("/metrics").body();
        assertTrue(text.lines().anyMatch(l -> l.startsWith("vigil_receiver_events_total{") && l.contains("protocol=\"elasticsearch\"")
                && l.contains("outcome=\"accepted\"")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("vigil_receiver_rejected_total{") && l.contains("protocol=\"elasticsearch\"")
                && l.contains("reason=\"illegal_argument_exception\"")), "rejected by reason");
        assertTrue(text.lines().anyMatch(l -> l.startsWith("vigil_receiver_bytes_total{") && l.contains("protocol=\"elasticsearch\"")));
        assertTrue(text.lines().anyMatch(l -> l.startsWith("vigil_receiver_decode_seconds_count{") && l.contains("protocol=\"elasticsearch\"")));
    }
}
