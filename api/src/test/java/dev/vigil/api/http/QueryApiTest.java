package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.enc;
import static dev.vigil.api.http.TestServer.log;
import static dev.vigil.api.http.TestServer.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The query language through the real server: events ingested over HTTP, then queried with
 * {@code GET /api/v1/query}; figures checked against what the test sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryApiTest {
    private static final Instant A = Instant.parse("2030-05-01T08:00:00Z");
    private static final String RANGE = range(A, A.plusSeconds(3600));
    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
        List<String> lines = new ArrayList<>();
        // checkout errors: 4 on h1, 2 on h2; payments errors: 3 on h9; checkout info: 5 on h1.
        String[][] errors = {{"checkout", "h1", "4"}, {"checkout", "h2", "2"}, {"payments", "h9", "3"}};
        int second = 0;
        for (String[] e : errors) {
            for (int i = 0; i < Integer.parseInt(e[2]); i++) {
                lines.add(line(A.plusSeconds(second++), e[0], e[1], "error", "payment declined for order " + i, null));
            }
        }
        for (int i = 0; i < 5; i++) {
            lines.add(line(A.plusSeconds(second++), "checkout", "h1", "info", "order placed", null));
        }
        // Access logs: GET /cart with 1..20 ms, one every 20 s from A + 600 s.
        for (int i = 0; i < 20; i++) {
            int ms = (i * 7) % 20 + 1;
            lines.add(log(A.plusSeconds(600 + 20L * i), "api", "info", "GET /cart 200",
                    new JsonObject().put("method", "GET").put("route", "/cart").put("status", 200).put("duration_ms", ms)));
        }
        // Login lines to parse: alice 120, 700, 900 ms; bob 50, 800 ms.
        String[] users = {"alice", "bob", "alice", "bob", "alice"};
        int[] took = {120, 50, 700, 800, 900};
        for (int k = 0; k < users.length; k++) {
            lines.add(log(A.plusSeconds(1200 + k), "auth", "info", "user=" + users[k] + " took " + took[k] + "ms", null));
        }
        lines.add(log(A.plusSeconds(1300), "jsonsvc", "info", "{\"user\":{\"id\":7},\"ms\":640}", null));
        lines.add(log(A.plusSeconds(1301), "jsonsvc", "info", "{\"user\":{\"id\":8},\"ms\":20}", null));
        server.ingest("/api/v1/logs", lines);
    }

    private static String line(Instant at, String service, String host, String level, String message, JsonObject attributes) {
        JsonObject json = new JsonObject(log(at, service, level, message, attributes)).put("host", host);
        return json.encode();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private JsonObject query(String q) {
        JsonObject body = server.get("/api/v1/query?q=" + enc(q) + "&" + RANGE).ok();
        assertEquals(Boolean.FALSE, body.getBoolean("partial"), () -> "partial: " + body);
        return body;
    }

    @Test
    void statsSortLimit() {
        JsonObject body = query("level:error AND service:checkout | stats count() by host | sort -count | limit 10");
        assertEquals("table", body.getString("type"));
        assertEquals(new JsonArray().add("host").add("count"), body.getJsonArray("columns"));
        assertEquals(new JsonArray()
                .add(new JsonObject().put("host", "h1").put("count", 4))
                .add(new JsonObject().put("host", "h2").put("count", 2)), body.getJsonArray("rows"));
        assertEquals(6, body.getInteger("scanned"));
    }

    @Test
    void percentilesByRoute() {
        JsonObject body = query("service:api | stats p95(duration_ms), p99(duration_ms), avg(duration_ms) by route");
        assertEquals(new JsonArray().add(new JsonObject().put("route", "/cart").put("p95(duration_ms)", 19).put("p99(duration_ms)", 20)
                .put("avg(duration_ms)", 10.5)), body.getJsonArray("rows"));
    }

    @Test
    void timechartByService() {
        JsonObject body = server.get("/api/v1/query?q=" + enc("service:api | timechart span=5m count() by service")
                + "&" + range(A.plusSeconds(600), A.plusSeconds(1200))).ok();
        JsonArray rows = array(body, "rows");
        // 20 lines, one every 20 s from +600 s: 15 in the first five minutes, 5 in the next.
        assertEquals(new JsonArray()
                .add(new JsonObject().put("_time", "2030-05-01T08:10:00Z").put("service", "api").put("count", 15))
                .add(new JsonObject().put("_time", "2030-05-01T08:15:00Z").put("service", "api").put("count", 5)), rows);
    }

    @Test
    void parseWhereFields() {
        JsonObject body = query("service:auth | parse \"user=<user> took <ms>ms\" | where ms > 500 | fields user, ms");
        assertEquals("events", body.getString("type"));
        assertEquals(new JsonArray()
                .add(new JsonObject().put("user", "alice").put("ms", "900"))
                .add(new JsonObject().put("user", "bob").put("ms", "800"))
                .add(new JsonObject().put("user", "alice").put("ms", "700")), body.getJsonArray("rows"));
    }

    @Test
    void jsonThenStats() {
        JsonObject body = query("service:jsonsvc | json | stats max(ms), distinct_count(user.id)");
        assertEquals(new JsonArray().add(new JsonObject().put("max(ms)", 640).put("distinct_count(user.id)", 2)), body.getJsonArray("rows"));
    }

    @Test
    void plainSearchReturnsEventsNewestFirst() {
        JsonObject body = query("service:checkout AND level:info | limit 2");
        JsonArray rows = array(body, "rows");
        assertEquals(2, rows.size());
        assertEquals("2030-05-01T08:00:13Z", rows.getJsonObject(0).getString("timestamp"));
        assertEquals("order placed", rows.getJsonObject(0).getString("message"));
        assertEquals("info", rows.getJsonObject(0).getString("level"));
    }

    @Test
    void aSyntaxErrorPointsAtThePosition() {
        String q = "level:error | stats cont() by host";
        JsonObject error = server.get("/api/v1/query?q=" + enc(q) + "&" + RANGE).error(400);
        assertEquals("invalid_query", error.getString("code"));
        assertEquals(20, error.getInteger("position"));
        assertEquals(q + "\n" + " ".repeat(20) + "^", error.getString("hint"));
        assertTrue(error.getString("message").contains("unknown function 'cont'"), error.getString("message"));

        JsonObject lucene = server.get("/api/v1/query?q=" + enc("service:(checkout | stats count()") + "&" + RANGE).error(400);
        assertEquals("invalid_query", lucene.getString("code"));
        assertTrue(lucene.getInteger("position") >= 0, lucene.encode());
    }

    @Test
    void badParametersAre400() {
        JsonObject timeout = server.get("/api/v1/query?q=" + enc("| stats count()") + "&" + RANGE + "&timeout=10x").error(400);
        assertTrue(timeout.getString("message").contains("timeout"), timeout.encode());
        JsonObject tooLong = server.get("/api/v1/query?q=" + enc("| stats count()") + "&" + RANGE + "&timeout=1h").error(400);
        assertTrue(tooLong.getString("message").contains("timeout"), tooLong.encode());
        JsonObject from = server.get("/api/v1/query?q=x&from=yesterday").error(400);
        assertTrue(from.getString("message").contains("from"), from.encode());
        JsonObject buckets = server.get("/api/v1/query?q=" + enc("| timechart span=1ms count()") + "&" + RANGE).error(400);
        assertTrue(buckets.getString("message").contains("buckets"), buckets.encode());
    }

    @Test
    void anExhaustedBudgetIsFlaggedPartial() {
        // One nanosecond: the budget is gone before the first segment is read.
        JsonObject body = server.get("/api/v1/query?q=" + enc("| stats count() by service") + "&" + RANGE + "&timeout=PT0.000000001S").ok();
        assertEquals(Boolean.TRUE, body.getBoolean("partial"));
        String reason = body.getJsonArray("partial_reasons").getString(0);
        assertTrue(reason.contains("time budget"), reason);
        assertFalse(body.getJsonArray("rows").size() > 0 && body.getLong("scanned") > 40, body.encode());
    }
}
