package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.analytics.slo.SloValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/slos} through the real server: one SLO from the SLO file, others created through
 * the API, over request events ingested through {@code POST /api/v1/logs}: 200 requests to
 * checkout in the last 10 minutes, 40 of them 503 (20% bad against a 99% target: a 20× burn).
 */
class SloApiTest {
    static final String FILE = """
            slos:
              - id: checkout-availability
                name: Checkout availability
                service: checkout
                indicator: {type: availability}
                target: 99
                window: 30d
            """;

    @TempDir
    Path dir;

    static List<String> traffic() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean bad = i % 5 == 0;
            lines.add(TestServer.log(start.plusMillis(i * 2_500L), "checkout", bad ? "error" : "info", "POST /api/checkout",
                    new JsonObject().put("method", "POST").put("route", "/api/checkout").put("status", bad ? "503" : "200")
                            .put("duration_ms", Integer.toString(i % 100 + 1))));
        }
        return lines;
    }

    @Test
    void fileAndApiSlosReportBudgetBurnAndAlertsAndApiSlosSurviveARestart() throws Exception {
        Path file = dir.resolve("slos.yaml");
        Files.writeString(file, FILE);
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.start(data, "slo-file", file.toString())) {
            server.ingest("/api/v1/logs", traffic());

            JsonObject slo = server.get("/api/v1/slos/checkout-availability").ok();
            assertEquals("file", slo.getString("origin"));
            assertEquals(0.8, slo.getDouble("sli"), 1e-9);
            assertFalse(slo.getBoolean("met"));
            assertEquals(200, slo.getJsonObject("events").getLong("total"));
            assertEquals(40, slo.getJsonObject("events").getLong("bad"));
            JsonObject budget = slo.getJsonObject("error_budget");
            assertEquals(0.01, budget.getJsonObject("total").getDouble("fraction"), 1e-12);
            assertEquals(2.0, budget.getJsonObject("total").getDouble("events"), 1e-9);
            assertEquals(40, budget.getJsonObject("consumed").getLong("events"));
            assertEquals(20.0, budget.getJsonObject("consumed").getDouble("fraction"), 1e-9);
            assertEquals(-38.0, budget.getJsonObject("remaining").getDouble("events"), 1e-9);
            JsonArray burns = slo.getJsonArray("burn_rates");
            assertEquals(List.of("5m", "30m", "1h", "6h", "3d"), burns.stream().map(b -> ((JsonObject) b).getString("window")).toList());
            assertEquals(20.0, burns.getJsonObject(2).getDouble("burn_rate"), 1e-9, burns.encode());
            JsonArray alerts = slo.getJsonArray("alerts");
            assertEquals(3, alerts.size());
            for (Object alert : alerts) {
                assertTrue(((JsonObject) alert).getBoolean("active"), alerts.encodePrettily());
            }
            assertEquals("checkout-availability/page/1h/5m", alerts.getJsonObject(0).getString("key"));

            // An API SLO: latency under 50 ms on the endpoint (durations 1..100 ms: half are good).
            JsonObject latency = new JsonObject().put("name", "Checkout latency").put("service", "checkout")
                    .put("endpoint", "POST /api/checkout").put("indicator", new JsonObject().put("type", "latency").put("threshold", "50ms"))
                    .put("target", 95).put("window", "7d")
                    .put("alerting", new JsonObject().put("rules", new JsonArray()
                            .add(new JsonObject().put("severity", "ticket").put("long", "6h").put("short", "30m").put("burn", 20))));
            TestServer.Reply created = server.post("/api/v1/slos", "application/json", latency.encode());
            assertEquals(201, created.status(), created.text());
            assertEquals("checkout-latency", created.json().getString("id"));
            assertEquals(409, server.post("/api/v1/slos", "application/json", latency.encode()).status());
            JsonObject status = server.get("/api/v1/slos/checkout-latency").ok();
            assertEquals(0.5, status.getDouble("sli"), 1e-9);
            assertEquals(10.0, status.getJsonArray("burn_rates").getJsonObject(2).getDouble("burn_rate"), 1e-9);
            assertEquals(1, status.getJsonArray("alerts").size());
            assertFalse(status.getJsonArray("alerts").getJsonObject(0).getBoolean("active"), "10× is under the row's 20×");
            assertNull(status.getJsonArray("alerts").getJsonObject(0).getString("active_since"));

            // Replace it with PUT: a looser threshold makes it good.
            latency.put("indicator", new JsonObject().put("type", "latency").put("threshold", "200ms"));
            TestServer.Reply replaced = server.method("PUT", "/api/v1/slos/checkout-latency", latency.encode().getBytes(StandardCharsets.UTF_8));
            assertEquals(200, replaced.status(), replaced.text());
            assertEquals(1.0, server.get("/api/v1/slos/checkout-latency").ok().getDouble("sli"), 1e-9);

            // The file's SLO is read-only through the API.
            assertEquals("read_only", server.method("DELETE", "/api/v1/slos/checkout-availability", null).error(409).getString("code"));
            assertEquals("read_only", server.method("PUT", "/api/v1/slos/checkout-availability",
                    latency.copy().put("id", "checkout-availability").encode().getBytes(StandardCharsets.UTF_8)).error(409).getString("code"));

            // A second API SLO, deleted again.
            JsonObject other = new JsonObject().put("id", "tmp").put("name", "tmp").put("service", "checkout")
                    .put("indicator", new JsonObject().put("type", "availability")).put("target", 90);
            assertEquals(201, server.method("PUT", "/api/v1/slos/tmp", other.encode().getBytes(StandardCharsets.UTF_8)).status());
            assertEquals(204, server.method("DELETE", "/api/v1/slos/tmp", null).status());
            assertEquals("not_found", server.get("/api/v1/slos/tmp").error(404).getString("code"));
            server.method("DELETE", "/api/v1/slos/tmp", null).error(404);

            JsonArray all = server.get("/api/v1/slos").ok().getJsonArray("slos");
            assertEquals(List.of("checkout-availability", "checkout-latency"), all.stream().map(o -> ((JsonObject) o).getString("id")).toList());
        }
        // Restart on the same data: the API SLO is back, with the same definition.
        try (TestServer server = TestServer.start(data, "slo-file", file.toString())) {
            JsonObject slo = server.get("/api/v1/slos/checkout-latency").ok();
            assertEquals("api", slo.getString("origin"));
            assertEquals("200ms", slo.getJsonObject("indicator").getString("threshold"));
            assertEquals(20.0, slo.getJsonObject("alerting").getJsonArray("rules").getJsonObject(0).getDouble("burn"));
        }
    }

    @Test
    void badDefinitionsAre400sNamingTheField() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            JsonObject bad = new JsonObject().put("name", "x").put("service", "s")
                    .put("indicator", new JsonObject().put("type", "latency")).put("target", 100.5).put("window", "forever");
            JsonObject error = server.post("/api/v1/slos", "application/json", bad.encode()).error(400);
            assertEquals("invalid_slo", error.getString("code"));
            List<String> fields = error.getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("field")).toList();
            assertEquals(List.of("indicator.threshold", "target", "window"), fields, error.encodePrettily());
            assertTrue(error.getString("message").contains("target: must be a percentage strictly between 0 and 100"), error.encode());

            assertEquals("invalid_request", server.post("/api/v1/slos", "application/json", "{not json").error(400).getString("code"));
            server.post("/api/v1/slos", "application/json", "[1,2]").error(400);
            server.method("PUT", "/api/v1/slos/a", new JsonObject().put("id", "b").put("name", "b").put("service", "s")
                    .put("indicator", new JsonObject().put("type", "availability")).put("target", 99).encode()
                    .getBytes(StandardCharsets.UTF_8)).error(400);
        }
    }

    @Test
    void anInvalidSloFileStopsTheStartNamingTheLine() throws Exception {
        Path file = dir.resolve("slos.yaml");
        Files.writeString(file, FILE.replace("target: 99", "target: high"));
        SloValidationException e = assertThrows(SloValidationException.class,
                () -> TestServer.start(dir.resolve("data"), "slo-file", file.toString()));
        assertTrue(e.getMessage().contains("slos[0].target (line 6): 'high' is not a number"), e.getMessage());
    }
}
