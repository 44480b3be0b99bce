package dev.vigil.analytics.search;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSearcherTest {
    private static final TimeRange ALL = new TimeRange(T0 - MINUTE, T0 + 60 * MINUTE);

    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static EventSearcher searcher;

    @BeforeAll
    static void load() throws Exception {
        pipeline = SearchFixture.open(dir);
        searcher = new EventSearcher(pipeline);
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    private static SearchResult search(String query, TimeRange range, int limit, boolean newestFirst) {
        return searcher.search(new SearchRequest(query, "log", range, limit, newestFirst));
    }

    private static long total(String query) {
        return search(query, ALL, 100, true).total();
    }

    @Test
    void keywordFields() {
        assertEquals(SearchFixture.ERRORS + SearchFixture.WARNS + SearchFixture.OOPS, total("service:payments"));
        assertEquals(SearchFixture.CHECKOUT, total("service:checkout"));
        assertEquals(SearchFixture.ERRORS, total("level:ERROR"));
        assertEquals(SearchFixture.ERRORS, total("status:503"));
        assertEquals(SearchFixture.CHECKOUT, total("route:\"/api/checkout\""));
        assertEquals(SearchFixture.CHECKOUT / 3, total("host:checkout-1"));
        // Keywords are exact: case matters, and a prefix is not a match.
        assertEquals(0, total("service:Payments"));
        assertEquals(0, total("service:pay"));
        // Except the level, a fixed set of names: any spelling of one matches it.
        assertEquals(SearchFixture.ERRORS, total("level:error"));
        assertEquals(SearchFixture.ERRORS, total("level:err"));
    }

    @Test
    void bareWordsSearchTheMessageCaseInsensitively() {
        assertEquals(SearchFixture.OOPS, total("oops"));
        assertEquals(SearchFixture.ERRORS + SearchFixture.WARNS, total("CONNECTION"));
        assertEquals(SearchFixture.OOPS, total("message:odd"));
    }

    @Test
    void phrasesKeepWordOrder() {
        assertEquals(SearchFixture.ERRORS, total("\"connection refused\""));
        assertEquals(SearchFixture.WARNS, total("\"refused connection\""));
    }

    @Test
    void termsAreAndedByDefault() {
        assertEquals(SearchFixture.ERRORS + SearchFixture.WARNS, total("connection refused"));
        assertEquals(SearchFixture.ERRORS, total("connection refused upstream"));
        assertEquals(SearchFixture.ERRORS, total("refused level:ERROR"));
        assertEquals(0, total("oops connection"));
        assertEquals(SearchFixture.OOPS + SearchFixture.ERRORS + SearchFixture.WARNS, total("oops OR connection"));
        assertEquals(SearchFixture.WARNS, total("service:payments AND NOT level:ERROR AND NOT oops"));
    }

    @Test
    void blankAndStarMatchEverythingOfTheKind() {
        long logs = SearchFixture.CHECKOUT + SearchFixture.ERRORS + SearchFixture.WARNS + SearchFixture.OOPS;
        assertEquals(logs, total(""));
        assertEquals(logs, total(null));
        assertEquals(logs, total("*"));
    }

    @Test
    void timeRangeIsClosedOpen() {
        // Errors at 100, 110, ... s: [100 s, 150 s) holds 100..140.
        SearchResult r = search("level:ERROR", new TimeRange(T0 + 100 * SECOND, T0 + 150 * SECOND), 100, false);
        assertEquals(5, r.total());
        assertEquals(T0 + 100 * SECOND, r.hits().get(0).timestampNanos());
        assertEquals(T0 + 140 * SECOND, r.hits().get(4).timestampNanos());
        assertEquals(4, search("level:ERROR", new TimeRange(T0 + 100 * SECOND + 1, T0 + 150 * SECOND), 100, false).total());
        assertEquals(0, search("level:ERROR", new TimeRange(T0 + 300 * SECOND, T0 + 60 * MINUTE), 100, false).total());
    }

    @Test
    void orderAndLimit() {
        SearchResult newest = search("level:ERROR", ALL, 3, true);
        assertEquals(3, newest.hits().size());
        assertEquals(SearchFixture.ERRORS, newest.total());
        assertEquals(List.of(T0 + 290 * SECOND, T0 + 280 * SECOND, T0 + 270 * SECOND), times(newest.hits()));
        SearchResult oldest = search("level:ERROR", ALL, 3, false);
        assertEquals(List.of(T0 + 100 * SECOND, T0 + 110 * SECOND, T0 + 120 * SECOND), times(oldest.hits()));
        SearchResult all = search("service:payments", ALL, 1000, true);
        List<Long> times = times(all.hits());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1) >= times.get(i), "not newest first at " + i + ": " + times);
        }
    }

    @Test
    void totalIsExactWellBeyondTheLimit() {
        SearchResult r = search("service:checkout", ALL, 10, true);
        assertEquals(10, r.hits().size());
        assertEquals(SearchFixture.CHECKOUT, r.total());
        assertEquals(T0 + (SearchFixture.CHECKOUT - 1) * SECOND, r.hits().get(0).timestampNanos());
        SearchResult oldest = search("", ALL, 1, false);
        assertEquals(SearchFixture.CHECKOUT + SearchFixture.ERRORS + SearchFixture.WARNS + SearchFixture.OOPS, oldest.total());
        assertEquals(T0, oldest.hits().get(0).timestampNanos());
    }

    @Test
    void hitsDecodeToTheOriginalEvents() {
        SearchResult r = search("\"db 7\"", ALL, 10, true);
        assertEquals(1, r.total());
        LogEvent expected = SearchFixture.logs().stream().filter(l -> l.message().endsWith("db-7")).findFirst().orElseThrow();
        assertEquals(expected, r.hits().get(0));
        assertTrue(r.tookMillis() >= 0);
    }

    @Test
    void changesAreTheirOwnKind() {
        SearchResult changes = searcher.search(new SearchRequest("*", "change", ALL, 10, false));
        assertEquals(2, changes.total());
        assertEquals(SearchFixture.changes(), changes.hits());
        SearchResult deploys = searcher.search(new SearchRequest("type:deploy", "change", ALL, 10, false));
        assertEquals(1, deploys.total());
        assertEquals("v1.2.3", ((ChangeEvent) deploys.hits().get(0)).version());
        assertEquals(1, searcher.search(new SearchRequest("pool", "change", ALL, 10, false)).total());
        assertEquals(0, searcher.search(new SearchRequest("oops", "change", ALL, 10, false)).total());
    }

    @Test
    void syntaxErrorsCarryAPosition() {
        // An unclosed group fails at the end of the text.
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> search("message:(oops", ALL, 10, true));
        assertEquals("message:(oops".length(), e.position(), e.getMessage());
        assertTrue(e.getMessage().contains("position 13") && e.getMessage().contains("the end"), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
        // A stray token fails where it stands.
        QuerySyntaxException stray = assertThrows(QuerySyntaxException.class, () -> search("status:503 AND ) oops", ALL, 10, true));
        assertEquals(15, stray.position(), stray.getMessage());
        assertTrue(stray.getMessage().contains("near ') oops'"), stray.getMessage());
        QuerySyntaxException dangling = assertThrows(QuerySyntaxException.class, () -> search("oops AND", ALL, 10, true));
        assertEquals("oops AND".length(), dangling.position(), dangling.getMessage());
        QuerySyntaxException trailing = assertThrows(QuerySyntaxException.class, () -> search("oops AND   ", ALL, 10, true));
        assertTrue(trailing.position() >= 8, trailing.getMessage());
        // Lines count: the offset is into the whole text.
        QuerySyntaxException second = assertThrows(QuerySyntaxException.class, () -> search("oops\nAND ) x", ALL, 10, true));
        assertEquals(9, second.position(), second.getMessage());
    }

    @Test
    void requestValidation() {
        assertThrows(IllegalArgumentException.class, () -> new SearchRequest("x", "log", ALL, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new SearchRequest("x", "log", ALL, SearchRequest.MAX_LIMIT + 1, true));
        assertThrows(IllegalArgumentException.class, () -> new SearchRequest("x", "metric", ALL, 10, true));
        assertEquals("log", new SearchRequest("x", null, ALL, 10, true).kind());
    }

    private static List<Long> times(List<Event> events) {
        return events.stream().map(Event::timestampNanos).toList();
    }
}
