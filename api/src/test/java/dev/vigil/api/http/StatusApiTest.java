package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.log;
import static dev.vigil.api.http.TestServer.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health}, {@code /ready} and the Prometheus {@code /metrics} of a running node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusApiTest {
    /** {@code name{labels} value} or {@code name value}; exemplars and timestamps are not used here. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

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
    void healthAnswersOk() {
        assertEquals("ok", server.get("/health").ok().getString("status"));
    }

    @Test
    void readyAfterStart() {
        JsonObject ready = server.get("/ready").ok();
        assertEquals("ready", ready.getString("status"), ready::encode);
        assertTrue(ready.getValue("indexed_events") instanceof Number, ready::encode);
        assertTrue(ready.getValue("last_searchable_journal_index") instanceof Number, ready::encode);
    }

    @Test
    void prometheusMetricsCoverIngestIndexQueriesAndHttp() {
        String before = scrape();
        double logsBefore = value(before, "vigil_ingest_events_total", Map.of("kind", "log", "outcome", "accepted"));
        double metricsBefore = value(before, "vigil_ingest_events_total", Map.of("kind", "metric", "outcome", "accepted"));
        double rejectedBefore = value(before, "vigil_ingest_requests_rejected_total", Map.of("kind", "log"));
        double searchesBefore = valueOrZero(before, "vigil_query_latency_seconds_count", Map.of("endpoint", "search"));

        Instant t = Instant.parse("2030-03-01T01:00:00Z");
        server.ingest("/api/v1/logs", List.of(
                log(t, "status-svc", "info", "one", null),
                log(t.plusSeconds(1), "status-svc", "info", "two", null),
                log(t.plusSeconds(2), "status-svc", "error", "three", null)));
        server.ingest("/api/v1/metrics", List.of(
                sample("status_probe", new JsonObject().put("service", "status-svc"), t, 1),
                sample("status_probe", new JsonObject().put("service", "status-svc"), t.plusSeconds(1), 2)));
        server.post("/api/v1/logs", "application/x-ndjson", "{\"level\":\"info\"}\n").error(400);
        JsonObject found = server.get("/api/v1/logs/search?q=service:status-svc&" + TestServer.range(t, t.plusSeconds(60))).ok();
        assertEquals(3, found.getLong("total"));

        String after = scrape();
        assertEquals(3, value(after, "vigil_ingest_events_total", Map.of("kind", "log", "outcome", "accepted")) - logsBefore, 1e-9);
        assertEquals(2, value(after, "vigil_ingest_events_total", Map.of("kind", "metric", "outcome", "accepted")) - metricsBefore, 1e-9);
        assertEquals(1, value(after, "vigil_ingest_requests_rejected_total", Map.of("kind", "log")) - rejectedBefore, 1e-9);
        assertTrue(after.contains("# TYPE vigil_ingest_events_total counter"), "counter type line");

        // Both batches were waited for with refresh=wait_for: nothing acknowledged is left unindexed.
        assertEquals(0, value(after, "vigil_index_lag_events", Map.of()), 1e-9);
        assertTrue(value(after, "vigil_index_events_total", Map.of()) >= 5, "indexed events");
        assertEquals(1, value(after, "vigil_ready", Map.of()), 1e-9);

        assertTrue(value(after, "vigil_query_latency_seconds_count", Map.of("endpoint", "search")) - searchesBefore >= 1,
                "the search was timed");
        assertTrue(value(after, "vigil_query_latency_seconds_sum", Map.of("endpoint", "search")) > 0, "search latency sum");

        boolean http = false;
        for (String line : after.split("\n")) {
            if (line.startsWith("vertx_http_server_")) {
                http = true;
                break;
            }
        }
        assertTrue(http, "a vertx_http_server_* metric");
        assertTrue(value(after, "vertx_http_server_requests_total", Map.of("method", "POST")) >= 3,
                "Vert.x counted the POSTs");
    }

    private String scrape() {
        TestServer.Reply reply = server.get("/metrics");
        assertEquals(200, reply.status());
        String contentType = reply.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("text/plain"), contentType);
        return reply.text();
    }

    /** The sum over the samples of {@code name} whose labels include {@code labels}; fails when there is none. */
    private static double value(String exposition, String name, Map<String, String> labels) {
        Double sum = sum(exposition, name, labels);
        if (sum == null) {
            fail("no sample " + name + labels + " in\n" + exposition);
        }
        return sum;
    }

    private static double valueOrZero(String exposition, String name, Map<String, String> labels) {
        Double sum = sum(exposition, name, labels);
        return sum == null ? 0 : sum;
    }

    private static Double sum(String exposition, String name, Map<String, String> labels) {
        Double sum = null;
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    have.put(label.group(1), label.group(2));
                }
            }
            if (have.entrySet().containsAll(labels.entrySet())) {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }
}
