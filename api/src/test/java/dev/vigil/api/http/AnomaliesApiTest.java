package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/anomalies} through the real server: six hours of past data (seed
 * {@value #SEED}) with a step change on a gauge and an error burst on an endpoint, scanned on
 * request, stored, and served again after a restart on the same data directory.
 */
class AnomaliesApiTest {
    private static final long SEED = 7L;
    /** The data ends two days before now: a window the live monitor never saw. */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2)).minus(Duration.ofHours(6));
    private static final Instant STEP_AT = START.plus(Duration.ofMinutes(5 * 60));
    private static final Instant BURST_AT = START.plus(Duration.ofMinutes(5 * 60 + 30));

    @TempDir
    Path dir;

    @Test
    void scansAPastWindowOnRequestAndServesTheEpisodesAgainAfterARestart() throws Exception {
        String window = TestServer.range(START.plus(Duration.ofHours(4)), START.plus(Duration.ofHours(6)));
        JsonArray first;
        try (TestServer server = TestServer.start(dir)) {
            ingest(server);
            JsonObject reply = server.get("/api/v1/anomalies?" + window).ok();
            first = reply.getJsonArray("anomalies");
            assertEquals(60_000L, reply.getLong("step_ms"));
            JsonObject step = find(first, "metric", "queue_depth");
            assertNear(STEP_AT, step);
            assertEquals("orders", step.getJsonObject("series").getString("service"));
            assertBetween(step.getDouble("expected"), 90, 110, step);
            assertBetween(step.getDouble("observed"), 150, 170, step);

            JsonObject burst = find(first, "error_rate", "GET /api/orders");
            assertNear(BURST_AT, burst);
            assertEquals("GET /api/orders", burst.getJsonObject("series").getString("endpoint"));
            assertBetween(burst.getDouble("expected"), 0, 0.05, burst);
            assertBetween(burst.getDouble("observed"), 0.5, 1, burst);

            JsonArray errors = server.get("/api/v1/anomalies?" + window + "&service=orders&kind=error_rate&min_score=0.5").ok()
                    .getJsonArray("anomalies");
            assertTrue(!errors.isEmpty() && errors.stream().allMatch(o -> ((JsonObject) o).getJsonObject("series")
                    .getString("kind").equals("error_rate")), errors.encodePrettily());
            assertEquals(0, server.get("/api/v1/anomalies?" + window + "&service=nobody").ok().getJsonArray("anomalies").size());
            JsonObject stored = server.get("/api/v1/logs/search?q=" + TestServer.enc("service:vigil AND vigil.kind:anomaly") + "&"
                    + TestServer.range(START, START.plus(Duration.ofHours(7)))).ok();
            assertEquals(first.size(), stored.getLong("total"), "one searchable event per episode: " + stored.encodePrettily());
        }
        try (TestServer server = TestServer.start(dir)) {
            awaitReady(server);
            assertEquals(first, server.get("/api/v1/anomalies?" + window).ok().getJsonArray("anomalies"), "after a restart");
        }
    }

    @Test
    void badParametersAnswer400NamingThem() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            assertMessage(server.get("/api/v1/anomalies?min_score=high").error(400), "min_score");
            assertMessage(server.get("/api/v1/anomalies?min_score=1.5").error(400), "min_score");
            assertMessage(server.get("/api/v1/anomalies?kind=weird").error(400), "kind");
            assertMessage(server.get("/api/v1/anomalies?from=yesterday").error(400), "from");
            assertMessage(server.get("/api/v1/anomalies?from=now-30d&to=now").error(400), "from");
            assertMessage(server.get("/api/v1/anomalies?from=now&to=now-1h").error(400), "to");
        }
    }

    private static void ingest(TestServer server) {
        Random random = new Random(SEED);
        List<String> metrics = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        for (int minute = 0; minute < 6 * 60; minute++) {
            Instant at = START.plus(Duration.ofMinutes(minute));
            double base = at.isBefore(STEP_AT) ? 100 : 160;
            metrics.add(new JsonObject().put("name", "queue_depth").put("labels", new JsonObject().put("service", "orders"))
                    .put("timestamp", at.plusSeconds(5).toString()).put("value", base + 2 * random.nextGaussian()).encode());
            boolean burst = !at.isBefore(BURST_AT) && at.isBefore(BURST_AT.plus(Duration.ofMinutes(10)));
            for (int r = 0; r < 10; r++) {
                boolean error = burst && r < 6;
                logs.add(TestServer.log(at.plusSeconds(r * 6L + 1), "orders", error ? "error" : "info", "GET /api/orders " + (error ? 503 : 200),
                        new JsonObject().put("method", "GET").put("route", "/api/orders").put("status", error ? "503" : "200")
                                .put("duration_ms", String.format(Locale.ROOT, "%.1f", 20 + 5 * random.nextDouble()))));
            }
        }
        server.ingest("/api/v1/metrics", metrics);
        for (int from = 0; from < logs.size(); from += 1000) {
            server.ingest("/api/v1/logs", logs.subList(from, Math.min(logs.size(), from + 1000)));
        }
    }

    private static void awaitReady(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.get("/ready").status() != 200) {
            assertTrue(System.nanoTime() < deadline, "not ready after 30 s");
            Thread.sleep(50);
        }
    }

    private static JsonObject find(JsonArray anomalies, String kind, String contains) {
        for (Object o : anomalies) {
            JsonObject a = (JsonObject) o;
            JsonObject series = a.getJsonObject("series");
            if (series.getString("kind").equals(kind) && series.getString("id").contains(contains)) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " anomaly on " + contains + " in " + anomalies.encodePrettily());
    }

    private static void assertNear(Instant change, JsonObject anomaly) {
        Duration lag = Duration.between(change, Instant.parse(anomaly.getString("onset")));
        assertTrue(!lag.isNegative() || lag.abs().compareTo(Duration.ofMinutes(1)) <= 0, "onset before the change: " + anomaly);
        assertTrue(lag.compareTo(Duration.ofMinutes(2)) <= 0, "onset more than 2 min after the change at " + change + ": " + anomaly);
        assertTrue(anomaly.getDouble("score") >= 0.5, "score: " + anomaly);
        assertNotNull(anomaly.getString("peak"));
        assertTrue(Instant.parse(anomaly.getString("end")).isAfter(Instant.parse(anomaly.getString("onset"))), "end: " + anomaly);
    }

    private static void assertBetween(double value, double low, double high, JsonObject anomaly) {
        assertTrue(value >= low && value <= high, value + " not in [" + low + ", " + high + "]: " + anomaly);
    }

    private static void assertMessage(JsonObject error, String names) {
        assertTrue(error.getString("message").contains(names), "message should name '" + names + "': " + error);
    }
}
