package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.enc;
import static dev.vigil.api.http.TestServer.log;
import static dev.vigil.api.http.TestServer.range;
import static dev.vigil.api.http.TestServer.sample;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API does with requests it cannot honour: every one gets a 4xx with the one JSON error
 * shape, a rejected ingest stores nothing, and nothing a client sends produces a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BadInputTest {
    private final java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();
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
    void logsWithBadTimestampAndBadLevelAreRejectedWholeAndNothingIsStored() {
        Instant t = Instant.parse("2030-02-01T01:00:00Z");
        String service = "bad-logs-a";
        String body = log(t.plusSeconds(1), service, "info", "valid line one", null) + "\n"
                + "{\"timestamp\":\"yesterday\",\"service\":\"" + service + "\",\"message\":\"bad time\"}\n"
                + log(t.plusSeconds(3), service, "info", "valid line three", null) + "\n"
                + log(t.plusSeconds(4), service, "loud", "bad level", null) + "\n";
        JsonObject error = server.post("/api/v1/logs?refresh=wait_for", "application/x-ndjson", body).error(400);
        assertEquals("invalid_events", error.getString("code"));
        assertTrue(error.getString("message").contains("nothing was stored"), error::encode);
        assertTrue(error.getString("message").contains("line 2"), error::encode);
        JsonArray details = array(error, "details");
        assertEquals(2, details.size(), details::encode);
        assertDetail(details.getJsonObject(0), 2, "timestamp", "yesterday");
        assertDetail(details.getJsonObject(1), 4, "level", "loud");

        assertNothingStored("log", service, t);
    }

    @Test
    void logsWithMissingMessageAndMalformedJsonAreRejectedWhole() {
        Instant t = Instant.parse("2030-02-01T02:00:00Z");
        String service = "bad-logs-b";
        String body = log(t.plusSeconds(1), service, "info", "valid line one", null) + "\r\n"
                + "{\"timestamp\":\"" + t.plusSeconds(2) + "\",\"service\":\"" + service + "\"}\r\n"
                + log(t.plusSeconds(3), service, "info", "valid line three", null) + "\r\n"
                + "{\"timestamp\":\"" + t.plusSeconds(4) + "\",\"message\":\"unterminated}\r\n";
        JsonObject error = server.post("/api/v1/logs", "application/x-ndjson", body).error(400);
        assertEquals("invalid_events", error.getString("code"));
        JsonArray details = array(error, "details");
        assertEquals(2, details.size(), details::encode);
        assertDetail(details.getJsonObject(0), 2, "message", "required");
        JsonObject malformed = details.getJsonObject(1);
        assertEquals(4, malformed.getInteger("line"), malformed::encode);
        assertTrue(malformed.getString("message").toLowerCase().contains("json"), malformed::encode);

        assertNothingStored("log", service, t);
    }

    @Test
    void arrayBodyWithBadItemsIsRejectedWhole() {
        Instant t = Instant.parse("2030-02-01T03:00:00Z");
        String service = "bad-logs-c";
        String body = "[" + log(t.plusSeconds(1), service, "info", "valid item one", null) + ",\n"
                + "{\"timestamp\":\"" + t.plusSeconds(2) + "\",\"service\":\"" + service + "\",\"message\":{\"nested\":true}},\n"
                + log(t.plusSeconds(3), service, "info", "valid item three", null) + "]";
        JsonObject error = server.post("/api/v1/logs", "application/json", body).error(400);
        assertEquals("invalid_events", error.getString("code"));
        JsonArray details = array(error, "details");
        assertEquals(1, details.size(), details::encode);
        assertDetail(details.getJsonObject(0), 2, "message", null);

        assertNothingStored("log", service, t);
    }

    @Test
    void metricsWithBadNameAndNonNumericValueAreRejectedWhole() {
        Instant t = Instant.parse("2030-02-01T04:00:00Z");
        JsonObject labels = new JsonObject().put("service", "bad-metrics");
        String body = sample("bad_input_probe", labels, t.plusSeconds(1), 1) + "\n"
                + sample("1bad-name", labels, t.plusSeconds(2), 2) + "\n"
                + sample("bad_input_probe", labels, t.plusSeconds(3), 3) + "\n"
                + new JsonObject().put("name", "bad_input_probe").put("labels", labels).put("timestamp", t.plusSeconds(4).toString())
                        .put("value", "lots").encode() + "\n";
        JsonObject error = server.post("/api/v1/metrics?refresh=wait_for", "application/x-ndjson", body).error(400);
        assertEquals("invalid_events", error.getString("code"));
        JsonArray details = array(error, "details");
        assertEquals(2, details.size(), details::encode);
        assertDetail(details.getJsonObject(0), 2, "name", "1bad-name");
        assertDetail(details.getJsonObject(1), 4, "value", null);

        // The same problems in Prometheus text: line 2 has a bad value, line 4 a bad name.
        String text = "bad_input_text_probe{service=\"bad-metrics\"} 1 " + t.plusSeconds(1).toEpochMilli() + "\n"
                + "bad_input_text_probe{service=\"bad-metrics\"} twelve " + t.plusSeconds(2).toEpochMilli() + "\n"
                + "bad_input_text_probe{service=\"bad-metrics\"} 3 " + t.plusSeconds(3).toEpochMilli() + "\n"
                + "bad-input{service=\"bad-metrics\"} 4 " + t.plusSeconds(4).toEpochMilli() + "\n";
        JsonObject textError = server.post("/api/v1/metrics", "text/plain", text).error(400);
        assertEquals("invalid_events", textError.getString("code"));
        JsonArray textDetails = array(textError, "details");
        assertEquals(List.of(2, 4), lines(textDetails), textDetails::encode);

        syncIndex(t);
        for (String name : List.of("bad_input_probe", "bad_input_text_probe")) {
            JsonObject reply = server.get("/api/v1/metrics/query?query=" + enc(name) + "&" + range(t, t.plusSeconds(60))
                    + "&step=10s&agg=count").ok();
            assertEquals(0, array(reply, "series").size(), () -> name + " was stored: " + reply);
        }
        JsonObject names = server.get("/api/v1/metrics/names").ok();
        assertFalse(array(names, "names").contains("bad_input_probe"), names::encode);
    }

    @Test
    void changesAndSpansWithBadLinesAreRejectedWhole() {
        Instant t = Instant.parse("2030-02-01T05:00:00Z");
        String service = "bad-changes";
        String changes = change(t.plusSeconds(1), "deploy", service) + "\n"
                + change(t.plusSeconds(2), "teleport", service) + "\n"
                + change(t.plusSeconds(3), "deploy", service) + "\n"
                + new JsonObject().put("timestamp", t.plusSeconds(4).toString()).put("type", "deploy").encode() + "\n";
        JsonObject error = server.post("/api/v1/events", "application/x-ndjson", changes).error(400);
        assertEquals("invalid_events", error.getString("code"));
        JsonArray details = array(error, "details");
        assertEquals(2, details.size(), details::encode);
        assertDetail(details.getJsonObject(0), 2, "type", "teleport");
        assertDetail(details.getJsonObject(1), 4, "service", null);

        String trace = "0af7651916cd43dd8448eb211c80319c";
        String spans = span(trace, "b7ad6b7169203331", t.plusSeconds(1), service) + "\n"
                + span("not-hex", "b7ad6b7169203332", t.plusSeconds(2), service) + "\n";
        JsonObject spanError = server.post("/api/v1/spans", "application/x-ndjson", spans).error(400);
        assertEquals("invalid_events", spanError.getString("code"));
        assertEquals(List.of(2), lines(array(spanError, "details")));

        assertNothingStored("change", service, t);
        assertNothingStored("span", service, t);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413(@TempDir Path otherDir) throws Exception {
        Instant t = Instant.parse("2030-02-01T06:00:00Z");
        try (TestServer small = TestServer.start(otherDir, "body-limit", "1KiB")) {
            StringBuilder body = new StringBuilder();
            int i = 0;
            while (body.length() <= 2048) {
                body.append(log(t.plusSeconds(i++), "too-big", "info", "padding line number " + i, null)).append('\n');
            }
            JsonObject error = small.post("/api/v1/logs", "application/x-ndjson", body.toString()).error(413);
            assertEquals("body_too_large", error.getString("code"));
            assertTrue(error.getString("message").contains("1024"), error::encode);

            // Just under the limit is fine, and the node keeps serving after refusing.
            String fits = log(t.plusSeconds(1), "fits", "info", "small enough", null) + "\n";
            assertEquals(1, small.post("/api/v1/logs?refresh=wait_for", "application/x-ndjson", fits).ok().getLong("accepted"));
            JsonObject found = small.get("/api/v1/logs/search?q=" + enc("service:too-big") + "&" + range(t, t.plusSeconds(600))).ok();
            assertEquals(0, found.getLong("total"));
            // A body that only decompresses to more than the limit is refused too.
            byte[] zipped = TestServer.gzip(body.toString().getBytes(StandardCharsets.UTF_8));
            assertTrue(zipped.length < 1024, "the compressed body itself fits");
            TestServer.Reply reply = small.post("/api/v1/logs", "application/x-ndjson", zipped, "Content-Encoding", "gzip");
            assertEquals("body_too_large", reply.error(413).getString("code"));
        }
    }

    @Test
    void unknownRouteIs404Json() {
        JsonObject error = server.get("/api/v1/nothing-here").error(404);
        assertEquals("not_found", error.getString("code"));
        assertTrue(error.getString("message").contains("/api/v1/nothing-here"), error::encode);
        assertEquals("not_found", server.get("/api/v1/reports/health/charts/nope.png").error(404).getString("code"));
    }

    @Test
    void invalidRcaBodiesAre400Json() {
        for (String body : List.of("{not json", "[1,2,3]", "\"text\"", "", "{}", "{\"from\":\"2030-01-01T00:00:00Z\"}",
                "{\"from\":\"soon\",\"to\":\"2030-01-01T00:00:00Z\"}", "{\"from\":\"2030-01-01T00:00:00Z\",\"to\":\"2030-01-01T01:00:00Z\",\"service\":5}")) {
            JsonObject error = server.post("/api/v1/rca", "application/json", body).error(400);
            assertEquals("invalid_request", error.getString("code"), () -> "for body " + body + ": " + error);
        }
        JsonObject badFrom = server.post("/api/v1/rca", "application/json", "{\"from\":\"soon\",\"to\":\"2030-01-01T00:00:00Z\"}").error(400);
        assertTrue(badFrom.getString("message").contains("'from'"), badFrom::encode);
    }

    @Test
    void badQuerySyntaxIs400WithPosition() {
        String q = "message:(unclosed";
        JsonObject error = server.get("/api/v1/logs/search?q=" + enc(q)).error(400);
        assertEquals("invalid_query", error.getString("code"));
        assertTrue(error.getValue("position") instanceof Integer, error::encode);
        int position = error.getInteger("position");
        assertTrue(position >= 0 && position <= q.length(), error::encode);

        JsonObject early = server.get("/api/v1/logs/search?q=" + enc("level:ERROR AND ) tail")).error(400);
        assertEquals("invalid_query", early.getString("code"));
        assertEquals(16, early.getInteger("position"), early::encode);

        assertEquals("invalid_query", server.get("/api/v1/logs/histogram?q=" + enc("service:\"open")).error(400).getString("code"));
        assertEquals("invalid_query", server.get("/api/v1/events/search?q=" + enc("a AND (b")).error(400).getString("code"));
    }

    @Test
    void badTimesAre400NamingTheParameter() {
        JsonObject from = server.get("/api/v1/logs/search?from=yesterday&to=now").error(400);
        assertEquals("invalid_request", from.getString("code"));
        assertTrue(from.getString("message").contains("'from'"), from::encode);

        JsonObject to = server.get("/api/v1/logs/search?from=now-1h&to=" + enc("2030-13-45T99:00:00Z")).error(400);
        assertTrue(to.getString("message").contains("'to'"), to::encode);

        JsonObject reversed = server.get("/api/v1/logs/search?" + range(Instant.parse("2030-01-02T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z"))).error(400);
        assertTrue(reversed.getString("message").contains("'to'"), reversed::encode);

        JsonObject step = server.get("/api/v1/metrics/query?query=x&step=soon").error(400);
        assertTrue(step.getString("message").contains("'step'"), step::encode);

        JsonObject metricFrom = server.get("/api/v1/metrics/query?query=x&from=" + enc("2030-01-01 10:00")).error(400);
        assertTrue(metricFrom.getString("message").contains("'from'"), metricFrom::encode);
    }

    @Test
    void hostileRequestsNeverGet500() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        String hour = range(Instant.parse("2030-02-01T00:00:00Z"), Instant.parse("2030-02-01T01:00:00Z"));
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("logs", "metrics", "events", "spans")) {
            String path = "/api/v1/" + kind;
            cases.add(new Case("empty " + kind, () -> server.post(path, "application/x-ndjson", new byte[0]), 400));
            cases.add(new Case("garbage " + kind, () -> server.post(path, "application/x-ndjson", garbage), 400));
            cases.add(new Case("blank lines " + kind, () -> server.post(path, "application/x-ndjson", "\n\n  \n"), 400));
            cases.add(new Case("array of numbers " + kind, () -> server.post(path, "application/json", "[1, 2]"), 400));
            cases.add(new Case("unclosed array " + kind, () -> server.post(path, "application/json", "[{\"a\":1},"), 400));
            cases.add(new Case("empty object " + kind, () -> server.post(path, "application/json", "{}"), 400));
            cases.add(new Case("null " + kind, () -> server.post(path, "application/json", "null"), 400));
            cases.add(new Case("GET on " + kind, () -> server.get(path), -1));
            cases.add(new Case("DELETE on " + kind, () -> server.method("DELETE", path, null), -1));
        }
        cases.add(new Case("garbage prometheus text", () -> server.post("/api/v1/metrics", "text/plain", garbage), 400));
        cases.add(new Case("empty prometheus text", () -> server.post("/api/v1/metrics", "text/plain", new byte[0]), 400));
        cases.add(new Case("huge timestamp", () -> server.post("/api/v1/logs", "application/x-ndjson",
                "{\"message\":\"x\",\"timestamp\":1e300}\n"), 400));
        cases.add(new Case("negative timestamp", () -> server.post("/api/v1/logs", "application/x-ndjson",
                "{\"message\":\"x\",\"timestamp\":-5}\n"), 400));
        cases.add(new Case("NaN metric timestamp", () -> server.post("/api/v1/metrics", "application/x-ndjson",
                "{\"name\":\"x\",\"value\":1,\"timestamp\":\"NaN\"}\n"), 400));

        for (String limit : List.of("99999999999", "100000", "10001", "0", "-1", "abc", "1.5")) {
            cases.add(new Case("limit=" + limit, () -> server.get("/api/v1/logs/search?limit=" + enc(limit)), 400));
        }
        cases.add(new Case("order=sideways", () -> server.get("/api/v1/logs/search?order=sideways"), 400));
        cases.add(new Case("from huge number", () -> server.get("/api/v1/logs/search?from=99999999999999999999999999&to=now"), 400));
        cases.add(new Case("from=now-abc", () -> server.get("/api/v1/logs/search?from=now-abc"), 400));
        cases.add(new Case("from=-", () -> server.get("/api/v1/logs/search?from=-"), 400));
        cases.add(new Case("from=1.2.3", () -> server.get("/api/v1/logs/search?from=1.2.3"), 400));
        cases.add(new Case("from=0", () -> server.get("/api/v1/logs/search?from=0&to=1"), -1));
        cases.add(new Case("too many clauses", () -> server.get("/api/v1/logs/search?q=" + enc("message:*") + "&" + hour), -1));
        cases.add(new Case("lone operators", () -> server.get("/api/v1/logs/search?q=" + enc("AND OR NOT")), 400));
        cases.add(new Case("bad regex query", () -> server.get("/api/v1/logs/search?q=" + enc("message:/[/")), 400));
        cases.add(new Case("fuzzy nonsense", () -> server.get("/api/v1/logs/search?q=" + enc("abc~99")), -1));

        String metrics = "/api/v1/metrics/query?";
        cases.add(new Case("metric query missing", () -> server.get(metrics + hour), 400));
        cases.add(new Case("metric selector unclosed", () -> server.get(metrics + "query=" + enc("x{a=\"1\"") + "&" + hour), 400));
        cases.add(new Case("metric selector bad regex", () -> server.get(metrics + "query=" + enc("x{a=~\"(\"}") + "&" + hour), 400));
        cases.add(new Case("metric selector empty braces", () -> server.get(metrics + "query=" + enc("{}") + "&" + hour), 400));
        cases.add(new Case("metric agg unknown", () -> server.get(metrics + "query=x&agg=median&" + hour), 400));
        cases.add(new Case("metric step zero", () -> server.get(metrics + "query=x&step=0s&" + hour), 400));
        cases.add(new Case("metric step negative", () -> server.get(metrics + "query=x&step=-1m&" + hour), 400));
        cases.add(new Case("metric step tiny", () -> server.get(metrics + "query=x&step=1ms&" + hour), 400));
        cases.add(new Case("metric step sub-ms", () -> server.get(metrics + "query=x&step=PT0.0001S&" + hour), 400));
        String millisecond = range(Instant.parse("2030-02-01T00:00:00Z"), Instant.parse("2030-02-01T00:00:00.001Z"));
        cases.add(new Case("metric step sub-ms, tiny range", () -> server.get(metrics + "query=x&step=PT0.0001S&" + millisecond), 400));
        cases.add(new Case("anomalies step sub-ms, tiny range", () -> server.get("/api/v1/analytics/anomalies?query=x&step=PT0.0001S&"
                + millisecond), 400));
        cases.add(new Case("endpoints bucket sub-ms, tiny range", () -> server.get("/api/v1/analytics/endpoints?bucket=PT0.0001S&"
                + millisecond), 400));
        cases.add(new Case("metric step huge", () -> server.get(metrics + "query=x&step=99999d&" + hour), -1));
        cases.add(new Case("metric step beyond nanos", () -> server.get(metrics + "query=x&step=99999999999999h&" + hour), 400));
        cases.add(new Case("histogram interval beyond nanos", () -> server.get("/api/v1/logs/histogram?interval=99999999999999h&" + hour), 400));
        cases.add(new Case("endpoints bucket beyond nanos", () -> server.get("/api/v1/analytics/endpoints?bucket=99999999999999h&" + hour), 400));
        cases.add(new Case("from far past", () -> server.get("/api/v1/logs/search?from=now-99999999999999h"), 400));
        cases.add(new Case("metric step overflow", () -> server.get(metrics + "query=x&step=9999999999999999999h&" + hour), 400));

        String histogram = "/api/v1/logs/histogram?";
        cases.add(new Case("histogram interval zero", () -> server.get(histogram + "interval=0s&" + hour), 400));
        cases.add(new Case("histogram interval negative", () -> server.get(histogram + "interval=-5m&" + hour), 400));
        cases.add(new Case("histogram interval tiny", () -> server.get(histogram + "interval=1ms&" + hour), 400));
        cases.add(new Case("histogram interval sub-ms", () -> server.get(histogram + "interval=PT0.0000001S&" + hour), 400));

        String endpoints = "/api/v1/analytics/endpoints?";
        cases.add(new Case("endpoints bucket zero", () -> server.get(endpoints + "bucket=0s&" + hour), 400));
        cases.add(new Case("endpoints bucket negative", () -> server.get(endpoints + "bucket=-1m&" + hour), 400));
        cases.add(new Case("endpoints bucket sub-ms", () -> server.get(endpoints + "bucket=PT0.0001S&" + hour), 400));
        cases.add(new Case("endpoints bucket tiny", () -> server.get(endpoints + "bucket=1ms&" + hour), 400));
        cases.add(new Case("endpoints buckets=maybe", () -> server.get(endpoints + "buckets=maybe&" + hour), -1));

        String anomalies = "/api/v1/analytics/anomalies?";
        cases.add(new Case("anomalies query missing", () -> server.get(anomalies + hour), 400));
        cases.add(new Case("anomalies no series", () -> server.get(anomalies + "query=no_such_metric&" + hour), 400));
        cases.add(new Case("anomalies window 2", () -> server.get(anomalies + "query=x&window=2&" + hour), 400));
        cases.add(new Case("anomalies threshold 0", () -> server.get(anomalies + "query=x&threshold=0&" + hour), 400));
        cases.add(new Case("anomalies step zero", () -> server.get(anomalies + "query=x&step=0s&" + hour), 400));
        cases.add(new Case("anomalies step sub-ms", () -> server.get(anomalies + "query=x&step=PT0.0001S&" + hour), 400));

        cases.add(new Case("report format xls", () -> server.get("/api/v1/reports/health?format=xls&" + hour), 400));
        cases.add(new Case("report bad from", () -> server.get("/api/v1/reports/health?from=yesterday"), 400));
        cases.add(new Case("chart unknown", () -> server.get("/api/v1/reports/health/charts/pie.png?" + hour), 404));
        cases.add(new Case("chart traversal", () -> server.get("/api/v1/reports/health/charts/..%2F..%2Fetc%2Fpasswd?" + hour), -1));
        cases.add(new Case("rca epoch numbers", () -> server.post("/api/v1/rca", "application/json", "{\"from\":1,\"to\":2}"), -1));
        cases.add(new Case("rca nested", () -> server.post("/api/v1/rca", "application/json",
                "{\"from\":{\"a\":1},\"to\":[1]}"), 400));
        cases.add(new Case("rca garbage", () -> server.post("/api/v1/rca", "application/json", garbage), 400));
        cases.add(new Case("rca GET", () -> server.get("/api/v1/rca"), -1));
        cases.add(new Case("PUT health", () -> server.method("PUT", "/health", new byte[] {1}), -1));
        cases.add(new Case("long query string", () -> server.getOnOwnConnection("/api/v1/logs/search?q=" + "a".repeat(10_000)), 414, false));
        cases.add(new Case("unknown route with body", () -> server.post("/api/v1/unknown", "application/json", garbage), 404));

        // Vert.x closes the connection on a body it cannot decompress, usually before the reply is out;
        // when a reply does get out, it must be a 400, not a 500.
        for (int i = 0; i < 3; i++) {
            TestServer.Reply reply;
            try {
                reply = server.post("/api/v1/logs", "application/x-ndjson", "{\"message\":\"x\"}\n".getBytes(StandardCharsets.UTF_8),
                        "Content-Encoding", "gzip");
            } catch (java.io.UncheckedIOException closed) {
                continue;
            }
            assertEquals("invalid_request", reply.error(400).getString("code"), reply::text);
        }

        List<Executable> checks = new ArrayList<>();
        for (Case c : cases) {
            TestServer.Reply reply = c.request().get();
            checks.add(() -> {
                assertTrue(reply.status() < 500, () -> c.name() + ": got " + reply.status() + " " + reply.text());
                if (c.expected() > 0) {
                    assertEquals(c.expected(), reply.status(), () -> c.name() + ": " + reply.text());
                }
                if (reply.status() >= 400 && c.json()) {
                    reply.error(reply.status());
                }
            });
        }
        assertAll(checks);
        // The node still answers normally afterwards.
        assertEquals("ok", server.get("/health").ok().getString("status"));
    }

    /**
     * @param expected the status to expect, or -1 for any below 500
     * @param json     whether an error reply must be Vigil's JSON error (false for replies Vert.x
     *                 itself gives before routing, such as 414)
     */
    private record Case(String name, Supplier<TestServer.Reply> request, int expected, boolean json) {
        Case(String name, Supplier<TestServer.Reply> request, int expected) {
            this(name, request, expected, true);
        }
    }

    /**
     * Proves nothing of {@code service} in the hour from {@code t} is searchable, after making sure
     * the index has caught up with everything appended before (a later write is searchable).
     */
    private void assertNothingStored(String kind, String service, Instant t) {
        syncIndex(t);
        String path = switch (kind) {
            case "log" -> "/api/v1/logs/search";
            case "change" -> "/api/v1/events/search";
            default -> "/api/v1/spans/search";
        };
        JsonObject found = server.get(path + "?q=" + enc("service:" + service) + "&" + range(t, t.plusSeconds(3600))).ok();
        assertEquals(0, found.getLong("total"), () -> "stored although the request was rejected: " + found);
    }

    /** A later write, once searchable, shows the index has taken in every earlier journal record. */
    private void syncIndex(Instant t) {
        String marker = "sync-" + t.toEpochMilli() + "-" + syncs.incrementAndGet();
        server.ingest("/api/v1/logs", List.of(log(t.plusSeconds(3599), marker, "info", "sync", null)));
        JsonObject found = server.get("/api/v1/logs/search?q=" + enc("service:" + marker) + "&" + range(t, t.plusSeconds(3600))).ok();
        assertEquals(1, found.getLong("total"));
    }

    private static void assertDetail(JsonObject detail, int line, String field, String messagePart) {
        assertEquals(line, detail.getInteger("line"), detail::encode);
        if (field == null) {
            assertNull(detail.getValue("field"), detail::encode);
        } else {
            assertEquals(field, detail.getString("field"), detail::encode);
        }
        assertTrue(detail.getString("message") != null && !detail.getString("message").isBlank(), detail::encode);
        if (messagePart != null) {
            assertTrue(detail.getString("message").contains(messagePart), detail::encode);
        }
    }

    private static List<Integer> lines(JsonArray details) {
        List<Integer> out = new ArrayList<>();
        for (Object detail : details) {
            out.add(((JsonObject) detail).getInteger("line"));
        }
        return out;
    }

    private static String change(Instant at, String type, String service) {
        return new JsonObject().put("timestamp", at.toString()).put("type", type).put("service", service).encode();
    }

    private static String span(String trace, String spanId, Instant start, String service) {
        return new JsonObject().put("trace_id", trace).put("span_id", spanId).put("service", service).put("operation", "op")
                .put("start", start.toString()).put("duration_ms", 1).encode();
    }
}
