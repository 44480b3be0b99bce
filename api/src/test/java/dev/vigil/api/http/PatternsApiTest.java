package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.enc;
import static dev.vigil.api.http.TestServer.log;
import static dev.vigil.api.http.TestServer.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The patterns API on a real node: log lines sent over HTTP are mined at index time, and the
 * templates, their counts, trends, examples, parameter summaries and rate changes come back as
 * worked out by hand from what was sent.
 *
 * <p>Baseline [B, B+10m): orders every 5 s (120), cache refreshes every minute (10), 4 db retries,
 * logins of alice and bob (5 each). Window [W, W+10m) with W = B+10m: the same orders and cache
 * refreshes, logins of carol and dave (which merge the login templates into one), 80 db retries (a
 * surge) and 30 payment gateway timeouts of a service never seen before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PatternsApiTest {
    private static final Instant B = Instant.parse("2030-05-01T08:00:00Z");
    private static final Instant W = B.plusSeconds(600);
    private static final Instant END = W.plusSeconds(600);
    private static final String TIMEOUT_TEXT = "payment gateway timeout after <*> ms for order <*>";

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
        // One request per step, each searchable before the next: the mining order is the order below.
        server.ingest("/api/v1/logs", logins(B, "alice", "bob"));
        server.ingest("/api/v1/logs", steady(B));
        List<String> retries = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            retries.add(log(B.plusSeconds(60L * k + 30), "shop", "warn", "retrying connection to db-" + k + " attempt 1", null));
        }
        server.ingest("/api/v1/logs", retries);
        server.ingest("/api/v1/logs", logins(W, "carol", "dave"));
        server.ingest("/api/v1/logs", steady(W));
        List<String> surge = new ArrayList<>();
        for (int j = 0; j < 80; j++) {
            surge.add(log(W.plusSeconds(7L * j), "shop", "warn", "retrying connection to db-" + (j % 4) + " attempt " + (j % 3 + 1), null));
        }
        server.ingest("/api/v1/logs", surge);
        List<String> timeouts = new ArrayList<>();
        for (int j = 0; j < 30; j++) {
            timeouts.add(log(W.plusSeconds(20L * j), "payments", "error",
                    "payment gateway timeout after " + (3000 + 100 * (j % 5)) + " ms for order " + (5000 + j), null));
        }
        server.ingest("/api/v1/logs", timeouts);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> logins(Instant start, String first, String second) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(log(start.plusSeconds(2L * i + 1), "shop", "info", "user " + first + " logged in", null));
        }
        for (int i = 0; i < 5; i++) {
            lines.add(log(start.plusSeconds(2L * i + 2), "shop", "info", "user " + second + " logged in", null));
        }
        return lines;
    }

    private static List<String> steady(Instant start) {
        List<String> lines = new ArrayList<>();
        long first = (start.getEpochSecond() - B.getEpochSecond()) / 5;
        for (long i = first; i < first + 120; i++) {
            lines.add(log(B.plusSeconds(5 * i), "shop", "info", "order " + (1000 + i) + " placed in " + (10 + 5 * (i % 7)) + " ms", null));
        }
        for (int k = 0; k < 10; k++) {
            lines.add(log(start.plusSeconds(60L * k + 3), "shop", "info", "cache refreshed in " + (3 + 2 * k) + " ms", null));
        }
        return lines;
    }

    @Test
    void listsTheWindowsTemplatesWithCountsTrendsExamplesAndParameters() {
        JsonObject body = server.get("/api/v1/patterns?" + range(W, END) + "&interval=1m&examples=3").ok();
        assertEquals(250, body.getLong("total"));
        assertEquals(0, body.getLong("untemplated"));
        assertEquals(5, body.getInteger("templates"));
        assertEquals(60_000, body.getLong("interval_ms"));
        assertEquals(W, Instant.parse(body.getString("trend_start")));
        JsonArray patterns = array(body, "patterns");
        List<Long> counts = patterns.stream().map(p -> ((JsonObject) p).getLong("count")).toList();
        assertEquals(List.of(120L, 80L, 30L, 10L, 10L), counts, patterns::encodePrettily);

        JsonObject orders = pattern(patterns, "order <*> placed in <*> ms");
        assertEquals(0.48, orders.getDouble("share"), 1e-12);
        assertEquals(W, Instant.parse(orders.getString("first_seen")));
        assertEquals(END.minusSeconds(5), Instant.parse(orders.getString("last_seen")));
        assertEquals(List.of(12, 12, 12, 12, 12, 12, 12, 12, 12, 12), orders.getJsonArray("trend").getList());

        JsonObject timeouts = pattern(patterns, TIMEOUT_TEXT);
        assertEquals(List.of("payment gateway timeout after 3400 ms for order 5029", "payment gateway timeout after 3300 ms for order 5028",
                "payment gateway timeout after 3200 ms for order 5027"), messages(timeouts.getJsonArray("examples")));
        JsonObject example = timeouts.getJsonArray("examples").getJsonObject(0);
        assertEquals("payments", example.getString("service"));
        assertEquals("ERROR", example.getString("level"));
        assertEquals(W.plusSeconds(20 * 29), Instant.parse(example.getString("timestamp")));
        // The trend: one timeout every 20 s, 3 per minute.
        assertEquals(List.of(3, 3, 3, 3, 3, 3, 3, 3, 3, 3), timeouts.getJsonArray("trend").getList());

        assertEquals(30, timeouts.getInteger("sampled"));
        JsonArray parameters = timeouts.getJsonArray("parameters");
        assertEquals(2, parameters.size());
        JsonObject millis = parameters.getJsonObject(0);
        assertEquals(1, millis.getInteger("position"));
        assertEquals(5, millis.getInteger("distinct"));
        assertEquals(new JsonObject().put("value", "3000").put("count", 6), millis.getJsonArray("top").getJsonObject(0));
        JsonObject numeric = millis.getJsonObject("numeric");
        assertEquals(3000, numeric.getDouble("min"));
        assertEquals(3400, numeric.getDouble("max"));
        assertEquals(3200, numeric.getDouble("avg"), 1e-9);
        assertEquals(30, parameters.getJsonObject(1).getInteger("distinct"));

        JsonObject logins = pattern(patterns, "user <*> logged in");
        assertNull(logins.getJsonArray("parameters").getJsonObject(0).getJsonObject("numeric"), "names are not numbers");
    }

    @Test
    void theQueryAndTheLimitNarrowTheList() {
        JsonObject payments = server.get("/api/v1/patterns?q=" + enc("service:payments") + "&" + range(W, END)).ok();
        assertEquals(30, payments.getLong("total"));
        assertEquals(1, array(payments, "patterns").size());
        assertEquals(1.0, array(payments, "patterns").getJsonObject(0).getDouble("share"));

        JsonObject top2 = server.get("/api/v1/patterns?limit=2&" + range(W, END)).ok();
        assertEquals(2, array(top2, "patterns").size());
        assertEquals(5, top2.getInteger("templates"), "the count of templates is before the limit");
    }

    @Test
    void loginsIndexedUnderAMergedIdCountTowardsTheMergedTemplate() {
        JsonObject body = server.get("/api/v1/patterns?q=" + enc("message:logged") + "&" + range(B, END)).ok();
        JsonArray patterns = array(body, "patterns");
        assertEquals(1, patterns.size(), patterns::encodePrettily);
        JsonObject logins = patterns.getJsonObject(0);
        assertEquals("user <*> logged in", logins.getString("text"));
        assertEquals(20, logins.getLong("count"));
        assertEquals(3, logins.getJsonArray("indexed_ids").size(), logins::encodePrettily);
        assertTrue(logins.getJsonArray("indexed_ids").contains(logins.getString("id")));
        JsonObject names = logins.getJsonArray("parameters").getJsonObject(0);
        assertEquals(4, names.getInteger("distinct"));
        assertEquals(20, names.getInteger("values"));
        // Searching by the template id finds every login, also those indexed under ids merged into it.
        JsonObject search = server.get("/api/v1/logs/search?q=" + enc("template:" + logins.getString("id")) + "&" + range(B, END)).ok();
        assertEquals(20, search.getLong("total"));
    }

    @Test
    void changesNameTheNewTemplateAndTheSurgeWithTheirTests() {
        JsonObject body = server.get("/api/v1/patterns/changes?" + range(W, END)).ok();
        assertEquals(B, Instant.parse(body.getJsonObject("baseline").getString("from")), "default baseline: the window before");
        assertEquals(W, Instant.parse(body.getJsonObject("baseline").getString("to")));
        assertEquals("Benjamini-Hochberg", body.getString("correction"));
        assertTrue(body.getString("test").startsWith("exact conditional binomial test"), body.getString("test"));
        assertEquals(5, body.getInteger("tested"));
        assertEquals(250, body.getLong("count"));
        assertEquals(144, body.getLong("baseline_count"));

        JsonArray fresh = array(body, "new");
        assertEquals(1, fresh.size(), fresh::encodePrettily);
        JsonObject timeouts = fresh.getJsonObject(0);
        assertEquals(TIMEOUT_TEXT, timeouts.getString("text"));
        assertEquals(30, timeouts.getLong("count"));
        assertEquals(0, timeouts.getLong("baseline_count"));
        assertNull(timeouts.getValue("ratio"), "an infinite ratio is null");
        assertEquals(2 * Math.pow(0.5, 30), timeouts.getDouble("p_value"), 1e-20);
        assertTrue(timeouts.getBoolean("significant"));
        assertEquals(W, Instant.parse(timeouts.getString("first_seen")));

        JsonArray changed = array(body, "changed");
        assertEquals(1, changed.size(), changed::encodePrettily);
        JsonObject retries = changed.getJsonObject(0);
        assertEquals(80, retries.getLong("count"));
        assertEquals(4, retries.getLong("baseline_count"));
        assertEquals(20.0, retries.getDouble("ratio"), 1e-12);
        assertEquals("increase", retries.getString("direction"));
        assertEquals(body.getString("test"), retries.getString("test"));
        // 80 of 84 in two equal windows: twice P(X >= 80) for X ~ Bin(84, 1/2), i.e.
        // 2 (C(84,80) + C(84,81) + C(84,82) + C(84,83) + C(84,84)) / 2^84.
        double expected = 2 * (1_929_501 + 95_284 + 3_486 + 84 + 1) / Math.pow(2, 84);
        assertEquals(expected, retries.getDouble("p_value"), expected * 1e-9);
        // Benjamini-Hochberg over 5 tests: the smallest p-value of the five, so times 5 / 1.
        assertEquals(expected * 5, retries.getDouble("adjusted_p_value"), expected * 1e-8);
        // The timeouts' p-value ranks second: times 5 / 2.
        assertEquals(2 * Math.pow(0.5, 30) * 5 / 2, timeouts.getDouble("adjusted_p_value"), 1e-18);
    }

    @Test
    void anExplicitBaselineAndTheFiltersAreHonoured() {
        String window = range(W, END);
        JsonObject half = server.get("/api/v1/patterns/changes?" + window + "&q=" + enc("service:shop")
                + "&baseline_from=" + enc(B) + "&baseline_to=" + enc(B.plusSeconds(300))).ok();
        assertTrue(array(half, "new").isEmpty());
        JsonObject retries = array(half, "changed").stream().map(JsonObject.class::cast)
                .filter(c -> c.getLong("count") == 80).findFirst().orElseThrow(() -> new AssertionError(half.encodePrettily()));
        assertEquals((80 / 600.0) / (4 / 300.0), retries.getDouble("ratio"), 1e-12);

        JsonObject strict = server.get("/api/v1/patterns/changes?" + window + "&alpha=1e-30&min_ratio=30").ok();
        assertTrue(array(strict, "changed").isEmpty(), strict::encodePrettily);
        assertFalse(array(strict, "new").isEmpty());
    }

    @Test
    void badParametersAreNamedInA400() {
        JsonObject query = server.get("/api/v1/patterns?q=" + enc("service:(") + "&" + range(W, END)).error(400);
        assertEquals("invalid_query", query.getString("code"));
        assertTrue(query.containsKey("position"), query::encode);
        assertMessage(server.get("/api/v1/patterns?interval=10ms&" + range(W, END)).error(400), "trend buckets");
        assertMessage(server.get("/api/v1/patterns?limit=0&" + range(W, END)).error(400), "'limit'");
        assertMessage(server.get("/api/v1/patterns?examples=99&" + range(W, END)).error(400), "'examples'");
        assertMessage(server.get("/api/v1/patterns?from=yesterday").error(400), "'from'");
        assertMessage(server.get("/api/v1/patterns/changes?" + range(W, END) + "&baseline_from=" + enc(W.plusSeconds(60))).error(400),
                "overlaps");
        assertMessage(server.get("/api/v1/patterns/changes?" + range(W, END) + "&baseline_from=" + enc(B.plusSeconds(60))
                + "&baseline_to=" + enc(B)).error(400), "'baseline_to' must be after 'baseline_from'");
        assertMessage(server.get("/api/v1/patterns/changes?" + range(W, END) + "&baseline_to=soon").error(400), "'baseline_to'");
        assertMessage(server.get("/api/v1/patterns/changes?" + range(W, END) + "&alpha=abc").error(400), "'alpha'");
        assertMessage(server.get("/api/v1/patterns/changes?" + range(W, END) + "&alpha=2").error(400), "alpha");
        assertMessage(server.get("/api/v1/patterns/changes?" + range(W, END) + "&min_ratio=0.5").error(400), "min_ratio");
    }

    @Test
    void templateIdsAndTextsSurviveARestart(@TempDir Path dataDir) throws Exception {
        Instant at = Instant.parse("2030-05-02T00:00:00Z");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(log(at.plusSeconds(i), "restart", "info", "job " + (700 + i) + " finished in " + (i + 1) + " s", null));
        }
        String first;
        try (TestServer node = TestServer.start(dataDir)) {
            node.ingest("/api/v1/logs", lines);
            first = array(node.get("/api/v1/patterns?" + range(at, at.plusSeconds(60))).ok(), "patterns").encode();
        }
        try (TestServer again = TestServer.start(dataDir)) {
            JsonArray patterns = array(again.get("/api/v1/patterns?" + range(at, at.plusSeconds(60))).ok(), "patterns");
            assertEquals("job <*> finished in <*> s", patterns.getJsonObject(0).getString("text"));
            assertEquals(new JsonArray(first).getJsonObject(0).getString("id"), patterns.getJsonObject(0).getString("id"));
            assertEquals(6, patterns.getJsonObject(0).getLong("count"));
        }
    }

    private static void assertMessage(JsonObject error, String part) {
        assertTrue(error.getString("message").contains(part), () -> "'" + part + "' not in: " + error.getString("message"));
    }

    private static JsonObject pattern(JsonArray patterns, String text) {
        return patterns.stream().map(JsonObject.class::cast).filter(p -> text.equals(p.getString("text"))).findFirst()
                .orElseThrow(() -> new AssertionError("no template '" + text + "' in " + patterns.encodePrettily()));
    }

    private static List<String> messages(JsonArray examples) {
        return examples.stream().map(e -> ((JsonObject) e).getString("message")).toList();
    }
}
