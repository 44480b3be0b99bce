package dev.vigil.analytics.query;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.QuerySyntaxException;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs queries over a real pipeline and index and checks the answers against figures worked out from {@link QueryFixture}. */
class PipelineQueryEngineTest {
    private static final TimeRange ALL = new TimeRange(T0 - MINUTE, T0 + 60 * MINUTE);

    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static PipelineQueryEngine engine;
    static PipelineQueryEngine withoutCatalog;

    @BeforeAll
    static void load() throws Exception {
        QueryFixture templates = new QueryFixture();
        pipeline = QueryFixture.open(dir, templates);
        engine = new PipelineQueryEngine(pipeline, templates);
        withoutCatalog = new PipelineQueryEngine(pipeline, null);
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    private static QueryResult run(String query) {
        return run(query, ALL);
    }

    private static QueryResult run(String query, TimeRange range) {
        QueryResult result = engine.run(new QueryRequest(query, range, null));
        assertFalse(result.partial(), () -> query + " partial: " + result.partialReasons());
        return result;
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    @Test
    void countsErrorsByTemplateAndHostWithTheTemplateText() {
        QueryResult result = run("level:error AND service:checkout | stats count() by template, host | sort -count | limit 10");
        assertFalse(result.events());
        assertEquals(List.of("template", "template_text", "host", "count"), result.columns());
        assertEquals(List.of(
                row("template", "declined", "template_text", "payment declined for order <*>", "host", "h1", "count", 4L),
                row("template", "dbtimeout", "template_text", "db timeout after <*> ms", "host", "h1", "count", 3L),
                row("template", "declined", "template_text", "payment declined for order <*>", "host", "h2", "count", 2L)),
                result.rows());
        assertEquals(9, result.scanned());
    }

    @Test
    void withoutACatalogTemplatesAreIdsWithoutText() {
        QueryResult result = withoutCatalog.run(new QueryRequest("service:auth | stats count() by template", ALL, null));
        assertEquals(List.of(row("template", "login", "template_text", null, "count", 3L),
                row("template", "login-v0", "template_text", null, "count", 2L)), result.rows());
    }

    @Test
    void mergedTemplateIdsCountAsOneAndMatchTheSearch() {
        assertEquals(List.of(row("template", "login", "template_text", "user=<*> took <*>ms", "count", 5L)),
                run("service:auth | stats count() by template").rows());
        assertEquals(5L, run("template:login | stats count()").rows().get(0).get("count"));
        assertEquals(5L, run("template:login-v0 | stats count()").rows().get(0).get("count"));
    }

    @Test
    void percentilesAreNearestRankAndComeFromDocValues() {
        QueryResult byEndpoint = run("service:api | stats p95(duration_ms), p99(duration_ms), p50(duration_ms), count() by endpoint");
        assertEquals(List.of(
                row("endpoint", "GET /cart", "p95(duration_ms)", 19.0, "p99(duration_ms)", 20.0, "p50(duration_ms)", 10.0, "count", 20L),
                row("endpoint", "POST /checkout", "p95(duration_ms)", 300.0, "p99(duration_ms)", 300.0, "p50(duration_ms)", 101.0, "count", 10L)),
                byEndpoint.rows());
        assertEquals(0, byEndpoint.decoded(), "endpoint and duration_ms have doc values: no event is decoded");
        assertEquals(30, byEndpoint.scanned());

        // route is an attribute, so it is read from the stored events; the figures must be the same.
        QueryResult byRoute = run("service:api | stats p95(duration_ms), p99(duration_ms) by route");
        assertEquals(List.of(row("route", "/cart", "p95(duration_ms)", 19.0, "p99(duration_ms)", 20.0),
                row("route", "/checkout", "p95(duration_ms)", 300.0, "p99(duration_ms)", 300.0)), byRoute.rows());
        assertEquals(30, byRoute.decoded());
    }

    @Test
    void timechartBucketsByMinuteAndFillsEmptyBuckets() {
        TimeRange tenMinutes = new TimeRange(T0, T0 + 10 * MINUTE);
        QueryResult result = run("service:(api OR auth) | timechart span=1m count() by service", tenMinutes);
        assertEquals(List.of("_time", "service", "count"), result.columns());
        assertEquals(20, result.rows().size(), "10 buckets x 2 services");
        Map<String, long[]> expected = Map.of("api", new long[10], "auth", new long[10]);
        for (LogEvent e : QueryFixture.events()) {
            if (expected.containsKey(e.service()) && tenMinutes.contains(e.timestampNanos())) {
                expected.get(e.service())[(int) ((e.timestampNanos() - T0) / MINUTE)]++;
            }
        }
        for (int b = 0; b < 10; b++) {
            Instant bucket = Timestamps.toInstant(T0 + b * MINUTE);
            assertEquals(row("_time", bucket, "service", "api", "count", expected.get("api")[b]), result.rows().get(2 * b));
            assertEquals(row("_time", bucket, "service", "auth", "count", expected.get("auth")[b]), result.rows().get(2 * b + 1));
        }
        assertEquals(0L, result.rows().get(19).get("count"), "auth logged nothing in the last minute: filled with 0");
        assertEquals(0, result.decoded());
    }

    @Test
    void timechartRefusesTooManyBuckets() {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> run("| timechart span=1ms count()"));
        assertEquals(2, e.position());
        assertTrue(e.getMessage().contains("buckets"), e.getMessage());
    }

    @Test
    void parseWhereAndFieldsOnEventsNewestFirst() {
        QueryResult result = run("service:auth | parse \"user=<user> took <ms>ms\" | where ms > 500 | fields user, ms");
        assertTrue(result.events());
        assertEquals(List.of(row("user", "alice", "ms", "900"), row("user", "bob", "ms", "800"), row("user", "alice", "ms", "700")),
                result.rows());
    }

    @Test
    void parsedFieldsAggregate() {
        QueryResult result = run("service:auth | parse \"user=<user> took <ms>ms\" | stats count(), avg(ms), min(ms), max(ms), sum(ms) by user");
        assertEquals(2, result.rows().size());
        Map<String, Object> alice = result.rows().get(0);
        assertEquals("alice", alice.get("user"));
        assertEquals(3L, alice.get("count"));
        assertEquals(1720.0 / 3, (Double) alice.get("avg(ms)"), 1e-9);
        assertEquals(120.0, alice.get("min(ms)"));
        assertEquals(900.0, alice.get("max(ms)"));
        assertEquals(1720.0, alice.get("sum(ms)"));
        assertEquals(row("user", "bob", "count", 2L, "avg(ms)", 425.0, "min(ms)", 50.0, "max(ms)", 800.0, "sum(ms)", 850.0),
                result.rows().get(1));
    }

    @Test
    void jsonFlattensObjectsAndSkipsOtherText() {
        QueryResult result = run("service:jsonsvc | json | where ms > 100 | fields user.name, user.id, ms, tags");
        assertEquals(List.of(row("user.name", "carol", "user.id", 7L, "ms", 640L, "tags", "[\"a\",\"b\"]")), result.rows());
        assertEquals(3L, run("service:jsonsvc | json | stats count()").rows().get(0).get("count"), "a non-JSON line passes unchanged");
        assertEquals(2L, run("service:jsonsvc | json | stats count(user.id)").rows().get(0).get("count(user.id)"));
    }

    @Test
    void eventsComeNewestFirstAndALimitReadsOnlyThatMany() {
        QueryResult all = run("service:checkout");
        assertEquals(11, all.rows().size());
        for (int i = 1; i < all.rows().size(); i++) {
            Instant previous = (Instant) all.rows().get(i - 1).get("timestamp");
            Instant current = (Instant) all.rows().get(i).get("timestamp");
            assertTrue(previous.isAfter(current), "newest first at row " + i);
        }
        Map<String, Object> newest = all.rows().get(0);
        assertEquals("slow query", newest.get("message"));
        assertEquals("warn", newest.get("level"));
        assertEquals("slow", newest.get("template"));
        assertEquals("slow query", newest.get("template_text"));

        QueryResult three = run("service:checkout | limit 3");
        assertEquals(all.rows().subList(0, 3), three.rows());
        assertEquals(3, three.decoded(), "Lucene picks the three newest; only they are decoded");
    }

    @Test
    void sortOnEventsKeepsTheTopRows() {
        QueryResult result = run("service:api | sort -duration_ms | limit 3 | fields duration_ms, route, http_status");
        assertEquals(List.of(row("duration_ms", 300.0, "route", "/checkout", "http_status", 201L),
                row("duration_ms", 250.0, "route", "/checkout", "http_status", 503L),
                row("duration_ms", 120.0, "route", "/checkout", "http_status", 201L)), result.rows());
    }

    @Test
    void whereOnDocValuesThenStats() {
        assertEquals(List.of(row("endpoint", "POST /checkout", "count", 1L)),
                run("service:api | where http_status >= 500 | stats count() by endpoint").rows());
    }

    @Test
    void levelMatchesInAnySpellingAndDistinctCounts() {
        assertEquals(14L, run("level:error | stats count()").rows().get(0).get("count"));
        assertEquals(14L, run("level:ERR | stats count()").rows().get(0).get("count"));
        QueryResult result = run("level:error | stats distinct_count(host) as hosts, count() by service | sort -hosts, service");
        assertEquals(List.of(row("service", "checkout", "hosts", 2L, "count", 9L), row("service", "payments", "hosts", 1L, "count", 5L)),
                result.rows());
    }

    @Test
    void renameAndDropFields() {
        QueryResult result = run("service:auth | parse \"user=<user> took <ms>ms\" | rename user as who | fields - message, host, level, "
                + "service, template, template_text | limit 1");
        Map<String, Object> only = result.rows().get(0);
        assertEquals("alice", only.get("who"));
        assertFalse(only.containsKey("user"));
        assertFalse(only.containsKey("message"));
        assertEquals(List.of("timestamp", "ms", "who"), new ArrayList<>(only.keySet()), "a renamed field moves to the end");
    }

    @Test
    void paramFieldsComeFromTheCatalog() {
        assertEquals(List.of(row("param.1", "alice", "count", 3L), row("param.1", "bob", "count", 2L)),
                run("template:login | stats count() by param.1").rows());
    }

    @Test
    void anExhaustedTimeBudgetGivesAPartialAnswer() {
        QueryResult result = engine.run(new QueryRequest("| stats count() by service", ALL, Duration.ofNanos(1)));
        assertTrue(result.partial());
        assertTrue(result.partialReasons().get(0).contains("time budget"), result.partialReasons().toString());
        QueryResult events = engine.run(new QueryRequest("service:checkout | limit 5", ALL, Duration.ofNanos(1)));
        assertTrue(events.partial());
    }

    @Test
    void searchSyntaxErrorsKeepTheirPosition() {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> run("service:checkout AND ) | stats count()"));
        assertEquals(21, e.position(), e.getMessage());
        QuerySyntaxException stage = assertThrows(QuerySyntaxException.class, () -> run("service:checkout | stats nope()"));
        assertEquals(25, stage.position());
    }

    @Test
    void rangeBoundsTheEvents() {
        TimeRange firstMinute = new TimeRange(T0, T0 + MINUTE);
        assertEquals(3L, run("service:api | stats count()", firstMinute).rows().get(0).get("count"));
        assertEquals(List.of(), run("service:api | stats count() by route", new TimeRange(T0 + 50 * MINUTE, T0 + 51 * MINUTE)).rows());
        assertEquals(1, run("service:auth | limit 100", new TimeRange(T0 + 30 * SECOND, T0 + 31 * SECOND)).rows().size());
    }
}
