package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
 * Change verdicts through the real HTTP server on synthetic traffic where the truth is known.
 *
 * <p>Three services take a request every two seconds from 20 minutes before T0 to 20 minutes
 * after it, all on the old version before T0:
 * <ul>
 *   <li>{@code cart}: a blue-green deploy at T0; from then on requests alternate between
 *       {@code color=blue} and {@code color=green}, and green fails one request in four with a
 *       new error line;</li>
 *   <li>{@code pricing}: a canary at T0 taking one request in ten ({@code version=v3.1}), each
 *       three times as slow, nothing failing;</li>
 *   <li>{@code catalog}: a canary at T0 of a version that behaves exactly like the old one.</li>
 * </ul>
 * Latencies are log-normal with a fixed seed, so the healthy canary differs from its old side
 * by noise alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChangesApiTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final long SEED = 20260601L;
    private static final String WINDOW = "from=2026-06-01T11:00:00Z&to=2026-06-01T13:00:00Z";

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
        Random random = new Random(SEED);
        List<String> logs = new ArrayList<>();
        int tick = 0;
        for (Instant t = T0.minus(Duration.ofMinutes(20)); t.isBefore(T0.plus(Duration.ofMinutes(20))); t = t.plusSeconds(2), tick++) {
            boolean after = !t.isBefore(T0);
            boolean green = after && tick % 2 == 0;
            boolean greenFails = green && tick % 8 == 0;
            logs.add(request(t, "cart", "color", green ? "green" : "blue", greenFails ? 503 : 200, latency(random, 50)));
            if (greenFails) {
                logs.add(log(t.plusMillis(1), "cart", "error", "Cart store write failed for cart " + tick + ": deadlock detected",
                        new JsonObject().put("color", "green")));
            }
            boolean canary = after && tick % 10 == 0;
            logs.add(request(t.plusMillis(3), "pricing", "version", canary ? "v3.1" : "v3.0", 200, latency(random, 80) * (canary ? 3 : 1)));
            boolean quietCanary = after && tick % 10 == 5;
            logs.add(request(t.plusMillis(5), "catalog", "version", quietCanary ? "v7.2" : "v7.1", 200, latency(random, 40)));
        }
        server.ingest("/api/v1/logs", logs);
        server.ingest("/api/v1/events", List.of(
                change("cart", "deploy", "v9.0", "blue_green", new JsonObject().put("color", "green")),
                change("pricing", "deploy", "v3.1", "canary", new JsonObject()),
                change("catalog", "deploy", "v7.2", "canary", new JsonObject().put("previous_version", "v7.1"))));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static double latency(Random random, double medianMs) {
        return Math.round(medianMs * Math.exp(0.35 * random.nextGaussian()) * 10) / 10.0;
    }

    private static String request(Instant at, String service, String sideName, String side, int status, double ms) {
        JsonObject attributes = new JsonObject().put("method", "GET").put("route", "/api/" + service).put("status", String.valueOf(status))
                .put("duration_ms", String.format(Locale.ROOT, "%.1f", ms)).put(sideName, side);
        return log(at, service, status >= 500 ? "error" : "info", "GET /api/" + service + " " + status + " " + ms + "ms", attributes);
    }

    private static String change(String service, String type, String version, String strategy, JsonObject attributes) {
        return new JsonObject().put("kind", "change").put("timestamp", T0.toString()).put("type", type).put("service", service)
                .put("version", version).put("strategy", strategy).put("attributes", attributes).encode();
    }

    private JsonObject verdictOf(String service) {
        JsonArray changes = array(server.get("/api/v1/changes?" + WINDOW + "&service=" + service).ok(), "changes");
        assertEquals(1, changes.size(), changes::encodePrettily);
        JsonObject verdict = server.get("/api/v1/changes/" + changes.getJsonObject(0).getString("id") + "/verdict").ok();
        System.out.printf(Locale.ROOT, "seed %d, %s: %s%n", SEED, service, verdict.getString("summary"));
        return verdict;
    }

    @Test
    void blueGreenComparesGreenWithBlueAndFindsGreenWorse() {
        JsonObject verdict = verdictOf("cart");
        JsonObject plan = verdict.getJsonObject("plan");
        assertEquals("side_by_side", plan.getString("mode"), verdict::encodePrettily);
        assertEquals("color", plan.getString("side_attribute"));
        assertEquals("green", plan.getString("new_side"));
        assertEquals("degraded", verdict.getString("verdict"), verdict::encodePrettily);
        JsonObject newer = verdict.getJsonObject("new");
        JsonObject older = verdict.getJsonObject("old");
        // Green takes every other request in the 19 minutes compared and fails one in four of them.
        assertEquals(0.25, newer.getDouble("error_rate"), 0.02, newer::encode);
        assertEquals(0, older.getLong("failures"), older::encode);
        assertTrue(Math.abs(newer.getLong("requests") - older.getLong("requests")) <= 2, verdict::encode);
        assertTrue(verdict.getJsonObject("tests").getJsonObject("error_rate").getBoolean("degraded"));
        JsonArray templates = verdict.getJsonObject("tests").getJsonObject("templates").getJsonArray("more_frequent");
        assertTrue(templates.getJsonObject(0).getString("example").contains("deadlock"), templates::encodePrettily);
        assertEquals(Boolean.TRUE, verdict.getJsonObject("recommendation").getBoolean("rollback"));
    }

    @Test
    void canaryComparesTheCanaryWithTheRestAndFindsItSlower() {
        JsonObject verdict = verdictOf("pricing");
        JsonObject plan = verdict.getJsonObject("plan");
        assertEquals("side_by_side", plan.getString("mode"), verdict::encodePrettily);
        assertEquals("version", plan.getString("side_attribute"));
        assertEquals("v3.1", plan.getString("new_side"));
        assertNull(plan.getString("old_side"));
        assertEquals("degraded", verdict.getString("verdict"), verdict::encodePrettily);
        JsonObject latency = verdict.getJsonObject("tests").getJsonObject("latency");
        assertTrue(latency.getBoolean("degraded"), latency::encode);
        assertEquals(3.0, latency.getDouble("median_ratio"), 0.6, latency::encode);
        assertTrue(verdict.getJsonObject("new").getLong("requests") >= 30, verdict::encode);
        assertEquals(false, verdict.getJsonObject("tests").getJsonObject("error_rate").getBoolean("degraded"));
        assertEquals(Boolean.TRUE, verdict.getJsonObject("recommendation").getBoolean("rollback"));
    }

    @Test
    void canaryThatBehavesLikeTheOldVersionIsHealthy() {
        JsonObject verdict = verdictOf("catalog");
        assertEquals("side_by_side", verdict.getJsonObject("plan").getString("mode"), verdict::encodePrettily);
        assertEquals("v7.1", verdict.getJsonObject("plan").getString("old_side"));
        assertEquals("healthy", verdict.getString("verdict"), verdict::encodePrettily);
        assertEquals(Boolean.FALSE, verdict.getJsonObject("recommendation").getBoolean("rollback"));
    }

    @Test
    void listFiltersByServiceAndType() {
        assertEquals(3, array(server.get("/api/v1/changes?" + WINDOW).ok(), "changes").size());
        assertEquals(3, array(server.get("/api/v1/changes?" + WINDOW + "&type=deploy").ok(), "changes").size());
        assertEquals(0, array(server.get("/api/v1/changes?" + WINDOW + "&type=rollback").ok(), "changes").size());
        assertEquals(0, array(server.get("/api/v1/changes?from=2026-06-01T12:00:01Z&to=2026-06-01T13:00:00Z").ok(), "changes").size());
        JsonArray cart = array(server.get("/api/v1/changes?" + WINDOW + "&service=cart").ok(), "changes");
        assertEquals("v9.0", cart.getJsonObject(0).getString("version"));
    }

    @Test
    void unknownIdIs404Json() {
        JsonObject error = server.get("/api/v1/changes/1780315200000000000-00000000").error(404);
        assertTrue(error.getString("message").contains("1780315200000000000-00000000"), error::encode);
        server.get("/api/v1/changes/1780315200000000000-00000000/verdict").error(404);
        server.get("/api/v1/changes/not-an-id/verdict").error(404);
    }

    @Test
    void badParametersAre400JsonNamingThem() {
        assertTrue(server.get("/api/v1/changes?" + WINDOW + "&type=deploi").error(400).getString("message").contains("'type'"));
        assertTrue(server.get("/api/v1/changes?from=yesterday-ish").error(400).getString("message").contains("'from'"));
        assertTrue(server.get("/api/v1/changes?" + WINDOW + "&limit=0").error(400).getString("message").contains("'limit'"));
        assertTrue(server.get("/api/v1/changes?from=2026-06-01T13:00:00Z&to=2026-06-01T12:00:00Z").error(400).getString("message")
                .contains("'to'"));
    }
}
