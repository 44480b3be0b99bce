package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/bottlenecks} on hand-checkable data through the real server. Window
 * {@code [T, T+10m)}, baseline the 10 minutes before (30 s buckets: 20 + 20):
 * <ul>
 *   <li>{@code gw GET /buy}: 6 requests a minute; 20 ms in the baseline, 1000 ms in the window.</li>
 *   <li>{@code store POST /reserve}, called by every {@code /buy}: 6 a minute; 10 ms, then 950 ms.</li>
 *   <li>Spans of 3 window requests: {@code gw} 1000 ms ⊃ {@code store} 950 ms (starting 20 ms in)
 *       ⊃ a postgres client span of 900 ms.</li>
 *   <li>{@code edge GET /x}: 6 a minute of 100 ms in both periods, with {@code upstream_ms=80}
 *       and {@code upstream=billing} in its access logs; no spans.</li>
 *   <li>Every 30 s: {@code db_pool_active_connections{service="store"}} 2, 3, 2, 3, … in the
 *       baseline and 20 in the window; {@code process_cpu_usage{service="store"}} 0.10, 0.11, …
 *       in both.</li>
 * </ul>
 * So: gw costs 60 s in the window but 95% of it inside store; store costs 57 s itself and ranks
 * first; its pool rose with its latency.
 */
class BottlenecksApiTest {
    private static final Instant T = Instant.parse("2026-03-02T12:00:00Z");
    private static final double EPS = 1e-6;

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void load() throws Exception {
        server = TestServer.start(dir);
        List<String> logs = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (int second = -600; second < 600; second += 10) {
            Instant at = T.plusSeconds(second);
            boolean window = second >= 0;
            logs.add(access(at, "gw", "GET", "/buy", window ? 1000 : 20, null));
            logs.add(access(at, "store", "POST", "/reserve", window ? 950 : 10, null));
            logs.add(access(at, "edge", "GET", "/x", 100, new JsonObject().put("upstream_ms", "80").put("upstream", "billing")));
            if (second % 30 == 0) {
                int step = Math.floorMod(second / 30, 2);
                metrics.add(TestServer.sample("db_pool_active_connections", new JsonObject().put("service", "store"), at,
                        window ? 20 : 2 + step));
                metrics.add(TestServer.sample("process_cpu_usage", new JsonObject().put("service", "store"), at, 0.10 + 0.01 * step));
            }
        }
        server.ingest("/api/v1/logs", logs);
        server.ingest("/api/v1/metrics", metrics);
        List<String> spans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant start = T.plusSeconds(60 + 120L * i);
            String trace = String.format(Locale.ROOT, "%032x", 0xabc0 + i);
            String gw = String.format(Locale.ROOT, "%016x", 0x100 + i);
            String store = String.format(Locale.ROOT, "%016x", 0x200 + i);
            spans.add(span(trace, gw, null, "gw", "GET /buy", start, 1000, new JsonObject()));
            spans.add(span(trace, store, gw, "store", "POST /reserve", start.plusMillis(20), 950, new JsonObject()));
            spans.add(span(trace, String.format(Locale.ROOT, "%016x", 0x300 + i), store, "store", "SELECT stock", start.plusMillis(40), 900,
                    new JsonObject().put("db.system", "postgresql")));
        }
        server.ingest("/api/v1/spans", spans);
    }

    @AfterAll
    static void close() throws IOException {
        server.close();
    }

    private static String access(Instant at, String service, String method, String route, double ms, JsonObject extra) {
        JsonObject attributes = new JsonObject().put("method", method).put("route", route).put("status", "200")
                .put("duration_ms", Double.toString(ms));
        if (extra != null) {
            attributes.mergeIn(extra);
        }
        return TestServer.log(at, service, "info", method + " " + route + " 200", attributes);
    }

    private static String span(String trace, String id, String parent, String service, String operation, Instant start, long ms,
                               JsonObject attributes) {
        JsonObject span = new JsonObject().put("trace_id", trace).put("span_id", id).put("service", service).put("operation", operation)
                .put("start", start.toString()).put("duration_ns", ms * 1_000_000L).put("status", "ok").put("attributes", attributes);
        if (parent != null) {
            span.put("parent_span_id", parent);
        }
        return span.encode();
    }

    private static JsonObject analyse(String extra) {
        return server.get("/api/v1/bottlenecks?" + TestServer.range(T, T.plus(Duration.ofMinutes(10))) + extra).ok();
    }

    private static JsonObject endpoint(JsonObject body, String service, String endpoint) {
        for (Object o : TestServer.array(body, "endpoints")) {
            JsonObject e = (JsonObject) o;
            if (e.getString("service").equals(service) && e.getString("endpoint").equals(endpoint)) {
                return e;
            }
        }
        throw new AssertionError("no " + service + " " + endpoint + " in " + body.encodePrettily());
    }

    @Test
    void ranksByTheTimeAnEndpointCostsItself() {
        JsonObject body = analyse("");
        JsonArray endpoints = TestServer.array(body, "endpoints");
        assertEquals(3, endpoints.size(), body::encodePrettily);
        assertEquals(3, body.getInteger("endpoint_count"));
        assertEquals(30_000, body.getLong("bucket_ms"));
        assertEquals(20, body.getInteger("baseline_buckets"));
        assertEquals(20, body.getInteger("window_buckets"));
        assertEquals("2026-03-02T11:50:00Z", body.getJsonObject("baseline").getString("from"));
        assertEquals(9, body.getLong("spans"));
        assertEquals(120, body.getLong("upstream_logs"));

        JsonObject store = endpoints.getJsonObject(0);
        assertEquals("store", store.getString("service"), body::encodePrettily);
        assertEquals("POST /reserve", store.getString("endpoint"));
        assertEquals(1, store.getInteger("rank"));
        assertEquals("access_logs", store.getString("source"));
        JsonObject window = store.getJsonObject("window");
        assertEquals(60, window.getLong("requests"));
        assertEquals(0.1, window.getDouble("rate_per_s"), EPS);
        assertEquals(950, window.getDouble("p50_ms"), EPS);
        assertEquals(950, window.getDouble("p95_ms"), EPS);
        assertEquals(57_000, store.getDouble("total_time_ms"), EPS);
        assertEquals(0, store.getDouble("nested_share"), EPS);
        assertEquals(57_000, store.getDouble("self_time_ms"), EPS);
        assertEquals(10, store.getJsonObject("baseline").getDouble("p95_ms"), EPS);
        assertEquals(940, store.getJsonObject("change").getDouble("p95_ms"), EPS);
        assertEquals(95, store.getJsonObject("change").getDouble("p95_ratio"), EPS);
        assertEquals(1.0, store.getJsonObject("change").getDouble("rate_ratio"), EPS);

        // gw: 60 s in all, 950/1000 of it inside store, so 3 s of its own.
        JsonObject gw = endpoint(body, "gw", "GET /buy");
        assertEquals(60_000, gw.getDouble("total_time_ms"), EPS);
        assertEquals(0.95, gw.getDouble("nested_share"), EPS);
        assertEquals(3, gw.getLong("nested_sample"));
        assertEquals(3_000, gw.getDouble("self_time_ms"), 1e-3);
        // edge: 6 s, 80% waiting on billing (upstream fields), so 1.2 s of its own.
        JsonObject edge = endpoint(body, "edge", "GET /x");
        assertEquals(0.8, edge.getDouble("nested_share"), EPS);
        assertEquals(1_200, edge.getDouble("self_time_ms"), 1e-3);
        assertEquals(List.of("store", "gw", "edge"), endpoints.stream().map(e -> ((JsonObject) e).getString("service")).toList());

        double selfTotal = 57_000 + 3_000 + 1_200;
        assertEquals(selfTotal, body.getDouble("self_time_ms"), 1e-3);
        assertEquals(57_000 / selfTotal, store.getDouble("self_share"), 1e-4);
        assertEquals(60_000 / 123_000.0, gw.getDouble("time_share"), 1e-4);
    }

    @Test
    void dependenciesCarryTheirShareOfTheEndpointsTime() {
        JsonObject body = analyse("");
        JsonObject gwCalls = endpoint(body, "gw", "GET /buy").getJsonArray("dependencies").getJsonObject(0);
        assertEquals("service", gwCalls.getString("kind"));
        assertEquals("store", gwCalls.getString("name"));
        assertEquals("POST /reserve", gwCalls.getString("operation"));
        assertEquals("spans", gwCalls.getString("source"));
        assertEquals(3, gwCalls.getLong("calls"));
        assertEquals(0.95, gwCalls.getDouble("time_share"), EPS);
        assertEquals(950, gwCalls.getDouble("mean_ms"), EPS);

        JsonObject storeCalls = endpoint(body, "store", "POST /reserve").getJsonArray("dependencies").getJsonObject(0);
        assertEquals("database", storeCalls.getString("kind"));
        assertEquals("postgresql", storeCalls.getString("name"));
        assertEquals("SELECT stock", storeCalls.getString("operation"));
        assertEquals(900 / 950.0, storeCalls.getDouble("time_share"), 1e-4);

        JsonObject edgeCalls = endpoint(body, "edge", "GET /x").getJsonArray("dependencies").getJsonObject(0);
        assertEquals("billing", edgeCalls.getString("name"));
        assertEquals("access_logs", edgeCalls.getString("source"));
        assertEquals(60, edgeCalls.getLong("calls"));
        assertEquals(60, edgeCalls.getLong("baseline_calls"));
        assertEquals(0.8, edgeCalls.getDouble("time_share"), EPS);
        assertEquals(80, edgeCalls.getDouble("p95_ms"), EPS);
    }

    @Test
    void linksThePoolThatRoseWithTheLatency() {
        JsonObject store = endpoint(analyse(""), "store", "POST /reserve");
        JsonArray saturation = store.getJsonArray("saturation");
        assertEquals(2, saturation.size(), store::encodePrettily);
        JsonObject pool = saturation.getJsonObject(0);
        assertEquals("pool", pool.getString("resource"), store::encodePrettily);
        assertEquals("db_pool_active_connections", pool.getString("metric"));
        JsonObject evidence = pool.getJsonArray("signals").getJsonObject(0);
        assertEquals("db_pool_active_connections{service=\"store\"}", evidence.getString("series"));
        assertEquals("utilization", evidence.getString("role"));
        assertEquals(40, evidence.getInteger("buckets"));
        assertTrue(evidence.getDouble("correlation") > 0.99, evidence::encodePrettily);
        assertEquals(2.5, evidence.getDouble("baseline_mean"), EPS);
        assertEquals(20, evidence.getDouble("window_mean"), EPS);
        assertEquals(20, evidence.getDouble("peak"), EPS);
        assertEquals(17.5, evidence.getDouble("change"), EPS);
        assertEquals(8, evidence.getDouble("change_ratio"), EPS);
        assertTrue(evidence.getDouble("change_sigmas") > 30, evidence::encodePrettily);
        assertTrue(pool.getDouble("score") > 1, pool::encodePrettily);

        // CPU did not move: linked with no weight.
        JsonObject cpu = saturation.getJsonObject(1);
        assertEquals("cpu", cpu.getString("resource"));
        assertEquals(0, cpu.getDouble("score"), EPS, cpu::encodePrettily);
        assertEquals("db_pool_active_connections", analyse("").getJsonArray("resources").getJsonObject(0).getString("metric"));
    }

    @Test
    void serviceLimitAndBaselineParameters() {
        JsonArray onlyGw = TestServer.array(analyse("&service=gw"), "endpoints");
        assertEquals(1, onlyGw.size());
        assertEquals("gw", onlyGw.getJsonObject(0).getString("service"));

        JsonObject limited = analyse("&limit=1");
        assertEquals(1, limited.getJsonArray("endpoints").size());
        assertEquals(3, limited.getInteger("endpoint_count"));

        // A baseline with no traffic: nothing to compare with, but the window is still ranked.
        JsonObject empty = analyse("&baseline_from=" + TestServer.enc(T.minus(Duration.ofHours(2)))
                + "&baseline_to=" + TestServer.enc(T.minus(Duration.ofHours(1))));
        JsonObject store = empty.getJsonArray("endpoints").getJsonObject(0);
        assertEquals("2026-03-02T10:00:00Z", empty.getJsonObject("baseline").getString("from"));
        assertEquals(0, store.getJsonObject("baseline").getLong("requests"));
        assertEquals(null, store.getJsonObject("change").getValue("p95_ms"));

        // baseline_to alone: a baseline as long as the window, ending there.
        JsonObject shifted = analyse("&baseline_to=" + TestServer.enc(T.minus(Duration.ofMinutes(5))));
        assertEquals("2026-03-02T11:45:00Z", shifted.getJsonObject("baseline").getString("from"));
        assertEquals(30, endpoint(shifted, "store", "POST /reserve").getJsonObject("baseline").getLong("requests"));
    }

    @Test
    void badParametersAnswer400NamingThem() {
        String window = TestServer.range(T, T.plus(Duration.ofMinutes(10)));
        assertTrue(server.get("/api/v1/bottlenecks?" + window + "&limit=0").error(400).getString("message").contains("limit"));
        assertTrue(server.get("/api/v1/bottlenecks?" + window + "&bucket=soon").error(400).getString("message").contains("bucket"));
        assertTrue(server.get("/api/v1/bottlenecks?" + window + "&bucket=1ms").error(400).getString("message").contains("bucket"));
        assertTrue(server.get("/api/v1/bottlenecks?" + window + "&baseline_from=yesterday").error(400).getString("message")
                .contains("baseline_from"));
        assertTrue(server.get("/api/v1/bottlenecks?" + window + "&baseline_from=" + TestServer.enc(T) + "&baseline_to="
                + TestServer.enc(T.minusSeconds(60))).error(400).getString("message").contains("baseline_to"));
        assertTrue(server.get("/api/v1/bottlenecks?from=" + TestServer.enc(T) + "&to=" + TestServer.enc(T.minusSeconds(1)))
                .error(400).getString("message").contains("'to'"));
    }
}
