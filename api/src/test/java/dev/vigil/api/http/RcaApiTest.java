package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.log;
import static dev.vigil.api.http.TestServer.range;
import static dev.vigil.api.http.TestServer.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
 * Root-cause analysis and health reports over a synthetic incident sent over HTTP.
 *
 * <p>Two services, {@code checkout} and {@code frontend}, run steadily for 90 minutes before the
 * incident window [T0, T0+20m). At T0+2m checkout is deployed; from T0+3m its latency (metric
 * and access logs) jumps and half its requests fail with database errors; from T0+6m frontend's
 * requests to it fail too. Two decoy changes: a frontend config change an hour before, and a
 * deploy of a service that shows no symptoms at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RcaApiTest {
    private static final Instant T0 = Instant.parse("2030-05-01T12:00:00Z");
    private static final Instant WINDOW_END = T0.plus(Duration.ofMinutes(20));
    private static final Instant DEPLOY = T0.plus(Duration.ofMinutes(2));
    private static final Instant CHECKOUT_BREAKS = T0.plus(Duration.ofMinutes(3));
    private static final Instant FRONTEND_BREAKS = T0.plus(Duration.ofMinutes(6));
    private static final Set<String> KINDS = Set.of("change", "metric", "log_pattern", "endpoint");
    private static final Set<String> CANDIDATE_FIELDS = Set.of("rank", "kind", "service", "subject", "score", "onset", "evidence",
            "explanation");

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
        ingestIncident();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void ingestIncident() {
        Instant start = T0.minus(Duration.ofMinutes(90));
        List<String> logs = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        JsonObject checkout = new JsonObject().put("service", "checkout");
        JsonObject frontend = new JsonObject().put("service", "frontend");
        int tick = 0;
        long frontendErrors = 0;
        for (Instant t = start; t.isBefore(WINDOW_END); t = t.plusSeconds(15), tick++) {
            boolean checkoutBroken = !t.isBefore(CHECKOUT_BREAKS);
            boolean frontendBroken = !t.isBefore(FRONTEND_BREAKS);
            int checkoutStatus = checkoutBroken && tick % 2 == 0 ? 500 : 200;
            int checkoutMs = checkoutBroken ? 400 + (tick % 7) * 10 : 40 + tick % 7;
            logs.add(log(t, "checkout", checkoutStatus >= 500 ? "error" : "info", "POST /api/checkout " + checkoutStatus,
                    access("POST", "/api/checkout", checkoutStatus, checkoutMs)));
            int frontendStatus = frontendBroken && tick % 2 == 0 ? 502 : 200;
            logs.add(log(t.plusMillis(500), "frontend", frontendStatus >= 500 ? "error" : "info", "GET /home " + frontendStatus,
                    access("GET", "/home", frontendStatus, 20 + tick % 5)));
            if (checkoutBroken) {
                for (int i = 0; i < 2; i++) {
                    logs.add(log(t.plusMillis(1000 + 7500L * i), "checkout", "error",
                            "database connection refused by db-7 after " + (3000 + tick % 10) + " ms", null));
                }
            }
            if (frontendBroken) {
                for (int i = 0; i < 2; i++) {
                    logs.add(log(t.plusMillis(2000 + 7500L * i), "frontend", "error",
                            "upstream checkout returned 502 for request " + (tick * 2 + i), null));
                }
            }
            if (tick % 40 == 0) {
                logs.add(log(t.plusMillis(3000), "checkout", "warn", "slow query took " + (100 + tick) + " ms", null));
            }
            if (tick % 2 == 0) {
                int k = tick / 2;
                metrics.add(sample("checkout_latency_ms", checkout, t, checkoutBroken ? 400 + (k % 5) * 5 : 50 + (k % 5 - 2)));
                metrics.add(sample("frontend_latency_ms", frontend, t, 20 + k % 3));
                frontendErrors += frontendBroken ? 20 : 1;
                metrics.add(sample("frontend_errors_total", frontend, t, frontendErrors));
            }
        }
        server.ingest("/api/v1/logs", logs);
        server.ingest("/api/v1/metrics", metrics);
        server.ingest("/api/v1/events", List.of(
                new JsonObject().put("timestamp", T0.minus(Duration.ofMinutes(60)).toString()).put("type", "config_change")
                        .put("service", "frontend").put("description", "raised the home page cache TTL").encode(),
                new JsonObject().put("timestamp", DEPLOY.toString()).put("type", "deploy").put("service", "checkout")
                        .put("version", "v2.4.0").put("strategy", "rolling").put("environment", "production").encode(),
                new JsonObject().put("timestamp", T0.plus(Duration.ofMinutes(10)).toString()).put("type", "deploy")
                        .put("service", "search").put("version", "v9.9.9").encode()));
    }

    private static JsonObject access(String method, String route, int status, int durationMs) {
        return new JsonObject().put("method", method).put("route", route).put("status", status).put("duration_ms", durationMs);
    }

    @Test
    void rankedCandidatesFollowTheContractAndBlameTheDeploy() {
        JsonObject body = new JsonObject().put("from", T0.toString()).put("to", WINDOW_END.toString());
        JsonObject result = server.post("/api/v1/rca", "application/json", body.encode()).ok();

        JsonObject window = result.getJsonObject("window");
        assertEquals(Set.of("from", "to"), window.fieldNames());
        assertEquals(T0, Instant.parse(window.getString("from")));
        assertEquals(WINDOW_END, Instant.parse(window.getString("to")));

        JsonArray candidates = array(result, "candidates");
        assertTrue(candidates.size() >= 3, candidates::encode);
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            JsonObject c = candidates.getJsonObject(i);
            String where = "candidate " + i + ": " + c.encode();
            assertEquals(CANDIDATE_FIELDS, c.fieldNames(), where);
            assertEquals(i + 1, c.getInteger("rank"), where);
            assertTrue(KINDS.contains(c.getString("kind")), where);
            assertTrue(c.getValue("service") instanceof String && !c.getString("service").isBlank(), where);
            assertTrue(c.getValue("subject") instanceof String && !c.getString("subject").isBlank(), where);
            assertTrue(c.getValue("score") instanceof Number, where);
            double score = c.getDouble("score");
            assertTrue(score >= 0 && score <= 1, where);
            assertTrue(score <= previous, "scores must not increase: " + where);
            previous = score;
            assertTrue(c.getValue("onset") == null || c.getValue("onset") instanceof String, where);
            if (c.getValue("onset") != null) {
                Instant.parse(c.getString("onset"));
            }
            assertTrue(c.getValue("explanation") instanceof String && !c.getString("explanation").isBlank(), where);
            JsonArray evidence = array(c, "evidence");
            assertFalse(evidence.isEmpty(), where);
            for (Object item : evidence) {
                JsonObject e = (JsonObject) item;
                assertTrue(Set.of("description", "value", "baseline").containsAll(e.fieldNames()), where);
                assertTrue(e.getValue("description") instanceof String && !e.getString("description").isBlank(), where);
                assertTrue(e.getValue("value") == null || e.getValue("value") instanceof Number, where);
                assertTrue(e.getValue("baseline") == null || e.getValue("baseline") instanceof Number, where);
            }
        }

        JsonObject top = candidates.getJsonObject(0);
        assertEquals("change", top.getString("kind"), candidates::encode);
        assertEquals("checkout", top.getString("service"));
        assertTrue(top.getString("subject").contains("deploy checkout v2.4.0"), top::encode);
        assertEquals(DEPLOY, Instant.parse(top.getString("onset")));
        assertTrue(top.getDouble("score") > candidates.getJsonObject(1).getDouble("score"), "the deploy clearly leads");

        // Symptoms were found on both services, checkout's at its breaking point and frontend's later.
        Instant checkoutOnset = earliestSymptom(candidates, "checkout");
        Instant frontendOnset = earliestSymptom(candidates, "frontend");
        assertTrue(!checkoutOnset.isBefore(DEPLOY) && !checkoutOnset.isAfter(CHECKOUT_BREAKS.plusSeconds(60)),
                "checkout's first symptom at " + checkoutOnset);
        assertTrue(frontendOnset.isAfter(checkoutOnset), "frontend at " + frontendOnset + ", after checkout at " + checkoutOnset);
        assertTrue(!frontendOnset.isBefore(FRONTEND_BREAKS.minusSeconds(60)), "frontend's first symptom at " + frontendOnset);

        // The metrics that moved are among the candidates: checkout's latency gauge exactly at its
        // breaking point, frontend's error counter (as a rate) once it climbs.
        JsonObject latency = candidate(candidates, "metric", "checkout");
        assertEquals("checkout_latency_ms{service=\"checkout\"}", latency.getString("subject"));
        assertEquals(CHECKOUT_BREAKS, Instant.parse(latency.getString("onset")));
        JsonObject errors = candidate(candidates, "metric", "frontend");
        assertTrue(errors.getString("subject").startsWith("frontend_errors_total"), errors::encode);
        assertFalse(Instant.parse(errors.getString("onset")).isBefore(FRONTEND_BREAKS), errors::encode);

        // The decoys rank below the deploy with low scores.
        JsonObject search = candidate(candidates, "change", "search");
        assertTrue(search.getDouble("score") < 0.5, search::encode);
        JsonObject config = candidate(candidates, "change", "frontend");
        assertTrue(config.getDouble("score") < 0.5, config::encode);
    }

    @Test
    void serviceFocusRestrictsSymptomsButStillWeighsAllChanges() {
        JsonObject body = new JsonObject().put("from", T0.toString()).put("to", WINDOW_END.toString()).put("service", "frontend");
        JsonArray candidates = array(server.post("/api/v1/rca", "application/json", body.encode()).ok(), "candidates");
        boolean frontendSymptom = false;
        for (Object item : candidates) {
            JsonObject c = (JsonObject) item;
            if (!c.getString("kind").equals("change")) {
                assertEquals("frontend", c.getString("service"), c::encode);
                frontendSymptom = true;
            }
        }
        assertTrue(frontendSymptom, candidates::encode);
        candidate(candidates, "change", "checkout");
    }

    @Test
    void healthReportInMarkdownPdfAndCharts() {
        String window = range(T0, WINDOW_END);
        TestServer.Reply md = server.get("/api/v1/reports/health?" + window + "&format=md");
        assertEquals(200, md.status(), md::text);
        assertTrue(md.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        String markdown = md.text();
        assertTrue(markdown.startsWith("#"), markdown);
        assertTrue(markdown.contains("checkout"), markdown);
        assertTrue(markdown.contains("frontend"), markdown);
        assertTrue(markdown.contains("deploy checkout v2.4.0"), "the report names the root cause:\n" + markdown);
        assertTrue(markdown.contains("/api/v1/reports/health/charts/error-rate.png?from="), "links its charts:\n" + markdown);

        TestServer.Reply pdf = server.get("/api/v1/reports/health?" + window + "&format=pdf");
        assertEquals(200, pdf.status(), pdf::text);
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(pdf.body(), 4));
        assertTrue(pdf.body().length > 1000, "a PDF with content");

        for (String chart : List.of("error-rate.png", "request-rate.png", "p95-latency.png")) {
            TestServer.Reply png = server.get("/api/v1/reports/health/charts/" + chart + "?" + window);
            assertEquals(200, png.status(), () -> chart + ": " + png.text());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png.body(), 8), chart);
        }

        JsonObject xls = server.get("/api/v1/reports/health?" + window + "&format=xls").error(400);
        assertEquals("invalid_request", xls.getString("code"));
        assertTrue(xls.getString("message").contains("format"), xls::encode);
    }

    private static Instant earliestSymptom(JsonArray candidates, String service) {
        Instant earliest = null;
        for (Object item : candidates) {
            JsonObject c = (JsonObject) item;
            if (!c.getString("kind").equals("change") && c.getString("service").equals(service) && c.getValue("onset") != null) {
                Instant onset = Instant.parse(c.getString("onset"));
                earliest = earliest == null || onset.isBefore(earliest) ? onset : earliest;
            }
        }
        if (earliest == null) {
            throw new AssertionError("no symptom on " + service + " among " + candidates.encode());
        }
        return earliest;
    }

    private static JsonObject candidate(JsonArray candidates, String kind, String service) {
        for (Object item : candidates) {
            JsonObject c = (JsonObject) item;
            if (c.getString("kind").equals(kind) && c.getString("service").equals(service)) {
                return c;
            }
        }
        throw new AssertionError("no " + kind + " candidate for " + service + " in " + candidates.encode());
    }
}
