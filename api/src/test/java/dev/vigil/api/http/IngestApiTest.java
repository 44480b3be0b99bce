package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.enc;
import static dev.vigil.api.http.TestServer.log;
import static dev.vigil.api.http.TestServer.range;
import static dev.vigil.api.http.TestServer.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Ingest over HTTP (NDJSON, JSON arrays, Prometheus text, gzip) and reading it back through the
 * search and metric query endpoints. Every test uses its own services and its own hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IngestApiTest {
    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ndjsonLogsAreAcknowledgedAndSearchableNewestFirst() {
        Instant t = Instant.parse("2030-01-01T01:00:00Z");
        String service = "ingest-ndjson";
        JsonObject ack = server.ingest("/api/v1/logs", List.of(
                log(t.plusSeconds(0), service, "info", "alpha one", null),
                log(t.plusSeconds(10), service, "warn", "alpha two", null),
                log(t.plusSeconds(20), service, "error", "beta three", new JsonObject().put("user", "u-7"))));
        assertTrue(ack.getValue("journal_index") instanceof Number, () -> "journal_index: " + ack);
        assertTrue(ack.getLong("journal_index") >= 0);

        String window = range(t, t.plusSeconds(60));
        JsonObject desc = server.get("/api/v1/logs/search?q=" + enc("service:" + service) + "&" + window).ok();
        assertEquals(3, desc.getLong("total"));
        assertTrue(desc.getValue("took_ms") instanceof Number);
        JsonArray hits = array(desc, "hits");
        assertEquals(List.of("beta three", "alpha two", "alpha one"), messages(hits));
        JsonObject newest = hits.getJsonObject(0);
        assertEquals("log", newest.getString("kind"));
        assertEquals(service, newest.getString("service"));
        assertEquals("error", newest.getString("level"));
        assertEquals(t.plusSeconds(20), Instant.parse(newest.getString("timestamp")));
        assertEquals("u-7", newest.getJsonObject("attributes").getString("user"));

        JsonObject asc = server.get("/api/v1/logs/search?q=" + enc("service:" + service) + "&order=asc&" + window).ok();
        assertEquals(List.of("alpha one", "alpha two", "beta three"), messages(array(asc, "hits")));

        JsonObject limited = server.get("/api/v1/logs/search?q=" + enc("service:" + service) + "&limit=2&" + window).ok();
        assertEquals(3, limited.getLong("total"), "total counts every match, not just the returned page");
        assertEquals(List.of("beta three", "alpha two"), messages(array(limited, "hits")));

        JsonObject words = server.get("/api/v1/logs/search?q=" + enc("alpha service:" + service) + "&" + window).ok();
        assertEquals(2, words.getLong("total"), "bare words search the message, ANDed with the service");

        JsonObject byLevel = server.get("/api/v1/logs/search?q=" + enc("service:" + service + " level:ERROR") + "&" + window).ok();
        assertEquals(List.of("beta three"), messages(array(byLevel, "hits")));

        JsonObject narrower = server.get("/api/v1/logs/search?q=" + enc("service:" + service) + "&"
                + range(t.plusSeconds(5), t.plusSeconds(20))).ok();
        assertEquals(List.of("alpha two"), messages(array(narrower, "hits")), "from is inclusive, to exclusive");
    }

    @Test
    void jsonArrayBodyIsAccepted() {
        Instant t = Instant.parse("2030-01-01T02:00:00Z");
        String service = "ingest-array";
        String body = "[\n"
                + log(t.plusSeconds(1), service, "info", "first from array", new JsonObject().put("route", "/a")) + ",\n"
                + "{\"@timestamp\":\"" + t.plusSeconds(2) + "\",\"service.name\":\"" + service + "\",\"msg\":\"second from array\",\"tenant\":\"acme\"}\n"
                + "]";
        server.ingest("/api/v1/logs", "application/json", body, 2);

        JsonObject found = server.get("/api/v1/logs/search?q=" + enc("service:" + service) + "&order=asc&"
                + range(t, t.plusSeconds(60))).ok();
        assertEquals(2, found.getLong("total"));
        JsonArray hits = array(found, "hits");
        assertEquals(List.of("first from array", "second from array"), messages(hits));
        assertEquals("info", hits.getJsonObject(1).getString("level"), "level defaults to info");
        assertEquals("acme", hits.getJsonObject(1).getJsonObject("attributes").getString("tenant"),
                "unknown top-level fields become attributes");

        JsonObject byAttribute = server.get("/api/v1/logs/search?q=" + enc("tenant:acme") + "&" + range(t, t.plusSeconds(60))).ok();
        assertEquals(List.of("second from array"), messages(array(byAttribute, "hits")));
    }

    @Test
    void metricsNdjsonQueriedWithAvgMaxAndP95() {
        Instant t = Instant.parse("2030-01-01T03:00:00Z");
        String name = "ingest_probe_latency_ms";
        JsonObject x = new JsonObject().put("service", "x");
        JsonObject other = new JsonObject().put("service", "other");
        // Step 1 [t, t+30s): 10, 20, 60. Step 2 [t+30s, t+60s): 5, 5, 50. The other series must not leak in.
        double[] values = {10, 20, 60, 5, 5, 50};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            lines.add(sample(name, x, t.plusSeconds(10L * i), values[i]));
            lines.add(sample(name, other, t.plusSeconds(10L * i), 1000));
        }
        server.ingest("/api/v1/metrics", lines);

        String query = "/api/v1/metrics/query?query=" + enc(name + "{service=\"x\"}") + "&" + range(t, t.plusSeconds(60)) + "&step=30s";
        JsonObject avg = server.get(query + "&agg=avg").ok();
        assertEquals("avg", avg.getString("aggregation"));
        assertEquals(30_000, avg.getLong("step_ms"));
        JsonObject series = onlySeries(avg);
        assertEquals(name, series.getString("name"));
        assertEquals("x", series.getJsonObject("labels").getString("service"));
        assertPoints(series, t, 30, 30.0, 20.0);

        assertPoints(onlySeries(server.get(query + "&agg=max").ok()), t, 30, 60.0, 50.0);
        // Linear interpolation between closest ranks: rank 0.95*(3-1) = 1.9.
        // Step 1: 20 + 0.9*(60-20) = 56. Step 2: 5 + 0.9*(50-5) = 45.5.
        assertPoints(onlySeries(server.get(query + "&agg=p95").ok()), t, 30, 56.0, 45.5);
        assertPoints(onlySeries(server.get(query + "&agg=count").ok()), t, 30, 3.0, 3.0);

        JsonObject both = server.get("/api/v1/metrics/query?query=" + enc(name) + "&" + range(t, t.plusSeconds(60))
                + "&step=1m&agg=max").ok();
        assertEquals(2, array(both, "series").size(), "without a label matcher both series match");
    }

    @Test
    void prometheusTextCounterQueriedAsRate() {
        Instant t = Instant.parse("2030-01-01T04:00:00Z");
        long ms = t.toEpochMilli();
        String body = "# HELP ingest_probe_requests_total Requests served.\n"
                + "# TYPE ingest_probe_requests_total counter\n"
                + "ingest_probe_requests_total{service=\"prom\",code=\"200\"} 100 " + ms + "\n"
                + "ingest_probe_requests_total{service=\"prom\",code=\"200\"} 110 " + (ms + 10_000) + "\n"
                + "ingest_probe_requests_total{service=\"prom\",code=\"200\"} 130 " + (ms + 20_000) + "\n"
                + "ingest_probe_requests_total{service=\"prom\",code=\"200\"} 160 " + (ms + 30_000) + "\n"
                + "ingest_probe_requests_total{service=\"prom\",code=\"200\"} 160 " + (ms + 40_000) + "\n"
                + "ingest_probe_requests_total{service=\"prom\",code=\"200\"} 10 " + (ms + 50_000) + "\n";
        server.ingest("/api/v1/metrics", "text/plain; version=0.0.4", body, 6);

        JsonObject rate = server.get("/api/v1/metrics/query?query=" + enc("ingest_probe_requests_total{service=\"prom\"}")
                + "&" + range(t, t.plusSeconds(60)) + "&step=30s&agg=rate").ok();
        JsonObject series = onlySeries(rate);
        assertEquals("200", series.getJsonObject("labels").getString("code"));
        // Step 1: +10 +20 = 30 over 30 s. Step 2: +30, +0, then a reset to 10 counts as +10: 40 over 30 s.
        assertPoints(series, t, 30, 1.0, 40.0 / 30.0);

        JsonObject last = server.get("/api/v1/metrics/query?query=" + enc("ingest_probe_requests_total{service=\"prom\"}")
                + "&" + range(t, t.plusSeconds(60)) + "&step=30s&agg=last").ok();
        assertPoints(onlySeries(last), t, 30, 130.0, 10.0);
    }

    @Test
    void changeEventsAndSpansAreSearchable() {
        Instant t = Instant.parse("2030-01-01T05:00:00Z");
        String window = range(t, t.plusSeconds(300));
        server.ingest("/api/v1/events", List.of(
                new JsonObject().put("timestamp", t.plusSeconds(30).toString()).put("type", "deploy").put("service", "ingest-events")
                        .put("version", "v1.2.3").put("env", "production").put("strategy", "canary")
                        .put("description", "rolled out the new cart").encode(),
                new JsonObject().put("timestamp", t.plusSeconds(90).toString()).put("type", "config-change")
                        .put("service", "ingest-events-other").encode()));
        JsonObject changes = server.get("/api/v1/events/search?q=" + enc("service:ingest-events") + "&" + window).ok();
        assertEquals(1, changes.getLong("total"));
        JsonObject change = array(changes, "hits").getJsonObject(0);
        assertEquals("change", change.getString("kind"));
        assertEquals("deploy", change.getString("type"));
        assertEquals("v1.2.3", change.getString("version"));
        assertEquals("production", change.getString("environment"));
        assertEquals("succeeded", change.getString("status"), "status defaults to succeeded");
        assertEquals(t.plusSeconds(30), Instant.parse(change.getString("timestamp")));
        JsonObject configChanges = server.get("/api/v1/events/search?q=" + enc("type:config_change") + "&" + window).ok();
        assertEquals(1, configChanges.getLong("total"));

        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        server.ingest("/api/v1/spans", List.of(
                new JsonObject().put("trace_id", trace).put("span_id", "00f067aa0ba902b7").put("service", "ingest-spans")
                        .put("operation", "GET /cart").put("start", t.plusSeconds(10).toString()).put("duration_ms", 12.5)
                        .put("status", "ok").encode(),
                new JsonObject().put("traceId", trace).put("spanId", "00f067aa0ba902b8").put("parentSpanId", "00f067aa0ba902b7")
                        .put("service", "ingest-spans-db").put("name", "SELECT carts").put("start", t.plusSeconds(10).toString())
                        .put("end", t.plusSeconds(10).plusMillis(4).toString()).put("status", "error").encode()));
        JsonObject spans = server.get("/api/v1/spans/search?q=" + enc("trace_id:" + trace) + "&order=asc&" + window).ok();
        assertEquals(2, spans.getLong("total"));
        JsonObject root = null;
        JsonObject child = null;
        for (Object hit : array(spans, "hits")) {
            JsonObject span = (JsonObject) hit;
            assertEquals("span", span.getString("kind"));
            if (span.getString("span_id").equals("00f067aa0ba902b7")) {
                root = span;
            } else {
                child = span;
            }
        }
        assertNotNull(root);
        assertNotNull(child);
        assertEquals(12_500_000L, root.getLong("duration_ns"));
        assertEquals("GET /cart", root.getString("operation"));
        assertEquals(4_000_000L, child.getLong("duration_ns"), "duration from end - start");
        assertEquals("00f067aa0ba902b7", child.getString("parent_span_id"));
        assertEquals("error", child.getString("status"));

        // Kinds do not mix: a log search sees neither the changes nor the spans.
        assertEquals(0, server.get("/api/v1/logs/search?q=" + enc("service:ingest-events") + "&" + window).ok().getLong("total"));
        assertEquals(0, server.get("/api/v1/logs/search?q=" + enc("trace_id:" + trace) + "&" + window).ok().getLong("total"));
    }

    @Test
    void gzipRequestBodyIsDecompressed() {
        Instant t = Instant.parse("2030-01-01T06:00:00Z");
        String service = "ingest-gzip";
        String ndjson = log(t.plusSeconds(1), service, "info", "compressed hello", null) + "\n"
                + log(t.plusSeconds(2), service, "info", "compressed world", null) + "\n";
        byte[] compressed = TestServer.gzip(ndjson.getBytes(StandardCharsets.UTF_8));
        JsonObject ack = server.post("/api/v1/logs?refresh=wait_for", "application/x-ndjson", compressed,
                "Content-Encoding", "gzip").ok();
        assertEquals(2, ack.getLong("accepted"));

        JsonObject found = server.get("/api/v1/logs/search?q=" + enc("compressed service:" + service) + "&order=asc&"
                + range(t, t.plusSeconds(60))).ok();
        assertEquals(List.of("compressed hello", "compressed world"), messages(array(found, "hits")));

        // Metrics in Prometheus text, gzip-compressed as well.
        String text = "ingest_probe_gzip_bytes{service=\"gz\"} 42 " + t.plusSeconds(5).toEpochMilli() + "\n";
        JsonObject metricAck = server.post("/api/v1/metrics?refresh=wait_for", "text/plain",
                TestServer.gzip(text.getBytes(StandardCharsets.UTF_8)), "Content-Encoding", "gzip").ok();
        assertEquals(1, metricAck.getLong("accepted"));
        JsonObject series = onlySeries(server.get("/api/v1/metrics/query?query=" + enc("ingest_probe_gzip_bytes")
                + "&" + range(t, t.plusSeconds(60)) + "&step=1m&agg=max").ok());
        assertPoints(series, t, 60, 42.0);
    }

    private static List<String> messages(JsonArray hits) {
        List<String> out = new ArrayList<>();
        for (Object hit : hits) {
            out.add(((JsonObject) hit).getString("message"));
        }
        return out;
    }

    private static JsonObject onlySeries(JsonObject reply) {
        JsonArray series = array(reply, "series");
        assertEquals(1, series.size(), () -> "series: " + reply);
        return series.getJsonObject(0);
    }

    /** Asserts consecutive points from {@code start}, {@code stepSeconds} apart, with these values. */
    private static void assertPoints(JsonObject series, Instant start, long stepSeconds, double... expected) {
        JsonArray points = array(series, "points");
        assertEquals(expected.length, points.size(), () -> "points: " + points);
        for (int i = 0; i < expected.length; i++) {
            JsonArray point = points.getJsonArray(i);
            assertEquals(start.plusSeconds(stepSeconds * i), Instant.parse(point.getString(0)), "time of point " + i);
            assertEquals(expected[i], point.getDouble(1), 1e-9, "value of point " + i + " in " + points);
        }
    }
}
