package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.enc;
import static dev.vigil.api.http.TestServer.log;
import static dev.vigil.api.http.TestServer.range;
import static dev.vigil.api.http.TestServer.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Request statistics from access logs, the log histogram and metric anomaly detection, each
 * checked against figures worked out by hand from the data the test sends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnalyticsApiTest {
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
    void endpointStatisticsMatchHandComputedNearestRankPercentiles() {
        Instant a = Instant.parse("2030-04-01T01:00:00Z");
        List<String> lines = new ArrayList<>();
        // shop-stats GET /cart: durations 1..20 ms in a scrambled order; 19 and 20 ms failed with 500, 7 ms got a 404.
        for (int i = 0; i < 20; i++) {
            int duration = (i * 7) % 20 + 1;
            int status = duration >= 19 ? 500 : duration == 7 ? 404 : 200;
            lines.add(log(a.plusSeconds(20L * i), "shop-stats", "info", "GET /cart " + status,
                    new JsonObject().put("method", "GET").put("route", "/cart").put("status", status).put("duration_ms", duration)));
        }
        // shop-stats POST /checkout: sorted 80 90 95 99 101 105 110 120 250 300; the 250 ms one failed with 503.
        int[] checkout = {120, 80, 300, 95, 110, 105, 99, 101, 250, 90};
        for (int j = 0; j < checkout.length; j++) {
            int status = checkout[j] == 250 ? 503 : 201;
            lines.add(log(a.plusSeconds(30 + 45L * j), "shop-stats", "info", "POST /checkout " + status,
                    new JsonObject().put("method", "POST").put("route", "/checkout").put("status", status).put("duration_ms", checkout[j])));
        }
        // Application logs without a route: log lines, not requests.
        lines.add(log(a.plusSeconds(100), "shop-stats", "error", "cache eviction failed", null));
        lines.add(log(a.plusSeconds(101), "shop-stats", "info", "cache warmed", null));
        // auth-stats GET /login, written flat with alias spellings: sorted 3 7 8 9 12.5 15 41; the 15 ms one got a 502.
        double[] login = {12.5, 3, 7, 41, 9, 15, 8};
        for (int k = 0; k < login.length; k++) {
            int status = login[k] == 15 ? 502 : 200;
            lines.add(new JsonObject().put("timestamp", a.plusSeconds(60 + 60L * k).toString()).put("service", "auth-stats")
                    .put("message", "login").put("method", "GET").put("path", "/login").put("status", String.valueOf(status))
                    .put("latency_ms", login[k]).encode());
        }
        // The same endpoint an hour later must not count.
        lines.add(log(a.plusSeconds(3600), "shop-stats", "info", "GET /cart 200",
                new JsonObject().put("method", "GET").put("route", "/cart").put("status", 200).put("duration_ms", 9999)));
        server.ingest("/api/v1/logs", lines);

        JsonObject stats = server.get("/api/v1/analytics/endpoints?" + range(a, a.plusSeconds(600))).ok();
        assertEquals(a, Instant.parse(stats.getJsonObject("window").getString("from")));
        JsonArray endpoints = array(stats, "endpoints");
        assertEquals(3, endpoints.size(), endpoints::encode);

        JsonObject cart = endpoint(endpoints, "shop-stats", "GET /cart");
        assertEquals(20, cart.getLong("requests"));
        assertEquals(2, cart.getLong("errors"), "only 5xx are errors");
        assertEquals(0.1, cart.getDouble("error_rate"), 1e-12);
        assertEquals(20 / 600.0, cart.getDouble("rate_per_second"), 1e-12);
        // Nearest rank over n=20: p50 = 10th value, p95 = 19th, p99 = 20th.
        assertLatency(cart, 10, 19, 20, 20);

        JsonObject post = endpoint(endpoints, "shop-stats", "POST /checkout");
        assertEquals(10, post.getLong("requests"));
        assertEquals(1, post.getLong("errors"));
        assertEquals(0.1, post.getDouble("error_rate"), 1e-12);
        // n=10: p50 = 5th value (101), p95 = p99 = 10th (300).
        assertLatency(post, 101, 300, 300, 300);

        JsonObject auth = endpoint(endpoints, "auth-stats", "GET /login");
        assertEquals(7, auth.getLong("requests"));
        assertEquals(1, auth.getLong("errors"));
        assertEquals(1 / 7.0, auth.getDouble("error_rate"), 1e-12);
        // n=7: p50 = 4th value (9), p95 = p99 = 7th (41).
        assertLatency(auth, 9, 41, 41, 41);

        JsonObject shop = service(array(stats, "services"), "shop-stats");
        assertEquals(30, shop.getLong("requests"));
        assertEquals(3, shop.getLong("errors"));
        assertEquals(0.1, shop.getDouble("error_rate"), 1e-12);
        assertEquals(32, shop.getLong("log_lines"));
        assertEquals(1, shop.getLong("error_log_lines"));
        // n=30 over both endpoints: p50 = 15th value (15), p95 = 29th (250), p99 = 30th (300).
        assertLatency(shop, 15, 250, 300, 300);

        JsonObject only = server.get("/api/v1/analytics/endpoints?service=auth-stats&" + range(a, a.plusSeconds(600))).ok();
        assertEquals(1, array(only, "endpoints").size());
        assertEquals(1, array(only, "services").size());

        JsonObject bucketed = server.get("/api/v1/analytics/endpoints?service=shop-stats&bucket=5m&buckets=true&"
                + range(a, a.plusSeconds(600))).ok();
        assertEquals(300_000, bucketed.getLong("bucket_ms"));
        JsonArray cartBuckets = array(endpoint(array(bucketed, "endpoints"), "shop-stats", "GET /cart"), "buckets");
        assertEquals(2, cartBuckets.size());
        assertEquals(a, Instant.parse(cartBuckets.getJsonObject(0).getString("start")));
        assertEquals(15, cartBuckets.getJsonObject(0).getLong("requests"), "requests at 0..280 s");
        assertEquals(5, cartBuckets.getJsonObject(1).getLong("requests"), "requests at 300..380 s");
        JsonArray checkoutBuckets = array(endpoint(array(bucketed, "endpoints"), "shop-stats", "POST /checkout"), "buckets");
        assertEquals(6, checkoutBuckets.getJsonObject(0).getLong("requests"), "requests at 30..255 s");
        assertEquals(4, checkoutBuckets.getJsonObject(1).getLong("requests"), "requests at 300..435 s");
        assertEquals(1, checkoutBuckets.getJsonObject(1).getLong("errors"), "the 503 came at 390 s");
    }

    @Test
    void histogramCountsPerMinute() {
        Instant b = Instant.parse("2030-04-01T03:00:00Z");
        List<String> lines = new ArrayList<>();
        for (int second : new int[] {10, 50, 65, 150, 151, 179}) {
            lines.add(log(b.plusSeconds(second), "histo-svc", "info", "tick " + second, null));
        }
        lines.add(log(b.plusSeconds(239), "histo-svc", "error", "tock", null));
        lines.add(log(b.plusSeconds(20), "histo-other", "info", "other service", null));
        lines.add(log(b.plusSeconds(240), "histo-svc", "info", "just outside", null));
        server.ingest("/api/v1/logs", lines);
        String window = range(b, b.plusSeconds(240));

        JsonObject histogram = server.get("/api/v1/logs/histogram?q=" + enc("service:histo-svc") + "&interval=1m&" + window).ok();
        assertEquals(60_000, histogram.getLong("interval_ms"));
        assertEquals(7, histogram.getLong("total"));
        assertBuckets(histogram, b, 2, 1, 3, 1);

        assertBuckets(server.get("/api/v1/logs/histogram?q=" + enc("service:histo-svc AND level:ERROR") + "&interval=1m&" + window).ok(),
                b, 0, 0, 0, 1);
        JsonObject everything = server.get("/api/v1/logs/histogram?q=&interval=1m&" + window).ok();
        assertEquals(8, everything.getLong("total"));
        assertBuckets(everything, b, 3, 1, 3, 1);

        // Buckets align to the interval; events before 'from' are not counted.
        assertBuckets(server.get("/api/v1/logs/histogram?q=" + enc("service:histo-svc") + "&interval=1m&"
                + range(b.plusSeconds(30), b.plusSeconds(240))).ok(), b, 1, 1, 3, 1);
        assertBuckets(server.get("/api/v1/logs/histogram?q=" + enc("service:histo-svc") + "&interval=2m&" + window).ok(), b, 3, 4);
    }

    @Test
    void anomalyOnsetIsAtTheSpike() {
        Instant c = Instant.parse("2030-04-01T05:00:00Z");
        JsonObject labels = new JsonObject().put("service", "anom");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double value = switch (i) {
                case 30 -> 480;
                case 31 -> 500;
                case 32 -> 490;
                default -> 100 + (i % 5 - 2);
            };
            lines.add(sample("anomaly_probe_ms", labels, c.plusSeconds(60L * i), value));
        }
        // A calm series under the same name must not be confused with it.
        for (int i = 0; i < 40; i++) {
            lines.add(sample("anomaly_probe_ms", new JsonObject().put("service", "calm"), c.plusSeconds(60L * i), 50));
        }
        server.ingest("/api/v1/metrics", lines);

        JsonObject reply = server.get("/api/v1/analytics/anomalies?query=" + enc("anomaly_probe_ms{service=\"anom\"}") + "&"
                + range(c, c.plusSeconds(2400)) + "&step=1m").ok();
        assertEquals(60_000, reply.getLong("step_ms"));
        assertEquals("anom", reply.getJsonObject("labels").getString("service"));
        JsonArray points = array(reply, "points");
        assertEquals(40, points.size());
        assertNull(points.getJsonObject(0).getValue("score"), "too little history to score the first point");
        assertEquals(480, points.getJsonObject(30).getDouble("value"), 1e-9);
        assertTrue(points.getJsonObject(30).getDouble("score") >= 4, points.getJsonObject(30)::encode);
        for (int i = 5; i < 30; i++) {
            assertTrue(Math.abs(points.getJsonObject(i).getDouble("score")) < 4, points.getJsonObject(i)::encode);
        }

        JsonArray anomalies = array(reply, "anomalies");
        assertEquals(1, anomalies.size(), anomalies::encode);
        JsonObject spike = anomalies.getJsonObject(0);
        assertEquals(c.plusSeconds(30 * 60), Instant.parse(spike.getString("onset")));
        assertEquals(c.plusSeconds(33 * 60), Instant.parse(spike.getString("end")));
        assertEquals(500, spike.getDouble("peak_value"), 1e-9);
        assertTrue(spike.getDouble("peak_score") > 4);

        JsonObject calm = server.get("/api/v1/analytics/anomalies?query=" + enc("anomaly_probe_ms{service=\"calm\"}") + "&"
                + range(c, c.plusSeconds(2400)) + "&step=1m").ok();
        assertEquals(0, array(calm, "anomalies").size(), calm::encode);

        JsonObject ambiguous = server.get("/api/v1/analytics/anomalies?query=anomaly_probe_ms&" + range(c, c.plusSeconds(2400))
                + "&step=1m").error(400);
        assertTrue(ambiguous.getString("message").contains("2 series"), ambiguous::encode);
    }

    private static JsonObject endpoint(JsonArray endpoints, String service, String endpoint) {
        for (Object item : endpoints) {
            JsonObject e = (JsonObject) item;
            if (service.equals(e.getString("service")) && endpoint.equals(e.getString("endpoint"))) {
                return e;
            }
        }
        throw new AssertionError("no endpoint " + service + " " + endpoint + " in " + endpoints.encode());
    }

    private static JsonObject service(JsonArray services, String service) {
        for (Object item : services) {
            if (service.equals(((JsonObject) item).getString("service"))) {
                return (JsonObject) item;
            }
        }
        throw new AssertionError("no service " + service + " in " + services.encode());
    }

    private static void assertLatency(JsonObject stats, double p50, double p95, double p99, double max) {
        assertNotNull(stats.getDouble("p50_ms"), stats::encode);
        assertEquals(p50, stats.getDouble("p50_ms"), 1e-9, () -> "p50 of " + stats.encode());
        assertEquals(p95, stats.getDouble("p95_ms"), 1e-9, () -> "p95 of " + stats.encode());
        assertEquals(p99, stats.getDouble("p99_ms"), 1e-9, () -> "p99 of " + stats.encode());
        assertEquals(max, stats.getDouble("max_ms"), 1e-9, () -> "max of " + stats.encode());
    }

    private static void assertBuckets(JsonObject histogram, Instant start, long... counts) {
        JsonArray buckets = array(histogram, "buckets");
        assertEquals(counts.length, buckets.size(), buckets::encode);
        long interval = histogram.getLong("interval_ms");
        for (int i = 0; i < counts.length; i++) {
            JsonObject bucket = buckets.getJsonObject(i);
            assertEquals(start.plusMillis(interval * i), Instant.parse(bucket.getString("start")), buckets::encode);
            assertEquals(counts[i], bucket.getLong("count"), () -> "bucket " + bucket.encode() + " of " + buckets.encode());
        }
    }
}
