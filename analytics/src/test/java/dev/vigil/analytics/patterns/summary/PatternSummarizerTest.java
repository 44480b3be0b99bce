package dev.vigil.analytics.patterns.summary;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.patterns.summary.PatternFixture.WINDOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.QuerySyntaxException;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternSummarizerTest {
    private PatternFixture fixture;
    private PatternSummarizer summarizer;

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        fixture = PatternFixture.open(dir);
        summarizer = new PatternSummarizer(fixture.pipeline, fixture.store);
    }

    @AfterAll
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void countsEveryTemplateOfTheWindowMostFrequentFirst() {
        PatternReport report = summarizer.summarize(new PatternQuery("", WINDOW, Duration.ofMinutes(1), 50, 3, 500));
        // 120 orders + 10 cache + 80 retries + 30 timeouts + 10 logins.
        assertEquals(250, report.total());
        assertEquals(0, report.untemplated());
        assertEquals(5, report.templates(), () -> texts(report));
        List<Long> counts = report.patterns().stream().map(PatternSummary::count).toList();
        assertEquals(List.of(120L, 80L, 30L, 10L, 10L), counts, () -> texts(report));

        PatternSummary orders = pattern(report, "order <*> placed in <*> ms");
        assertEquals(120 / 250.0, orders.share(), 1e-12);
        assertEquals(WINDOW.fromNanos(), orders.firstNanos());
        assertEquals(WINDOW.fromNanos() + 595 * SECOND, orders.lastNanos());
        long[] twelveEach = new long[10];
        java.util.Arrays.fill(twelveEach, 12);
        assertArrayEquals(twelveEach, orders.trend());
        assertEquals(WINDOW.fromNanos(), report.trendStartNanos());
        assertEquals(Duration.ofMinutes(1), report.interval());
    }

    @Test
    void examplesAreDistinctAndMostRecentAndParametersAreSummarised() {
        PatternReport report = summarizer.summarize(new PatternQuery("", WINDOW, null, 50, 3, 500));
        PatternSummary timeouts = pattern(report, "payment gateway timeout after <*> ms for order <*>");
        assertEquals(List.of("payment gateway timeout after 3400 ms for order 5029", "payment gateway timeout after 3300 ms for order 5028",
                "payment gateway timeout after 3200 ms for order 5027"), timeouts.examples().stream().map(LogEvent::message).toList());
        assertEquals(30, timeouts.sampled());
        assertEquals(2, timeouts.parameters().size());
        ParameterSummary millis = timeouts.parameters().get(0);
        assertEquals(1, millis.position());
        assertEquals(30, millis.values());
        assertEquals(5, millis.distinct());
        assertEquals(List.of(new ParameterSummary.ValueCount("3000", 6), new ParameterSummary.ValueCount("3100", 6),
                new ParameterSummary.ValueCount("3200", 6), new ParameterSummary.ValueCount("3300", 6),
                new ParameterSummary.ValueCount("3400", 6)), millis.top());
        assertEquals(new ParameterSummary.NumericSummary(3000, 3400, 3200), millis.numeric());
        ParameterSummary orders = timeouts.parameters().get(1);
        assertEquals(30, orders.distinct());
        assertEquals(5, orders.top().size(), "top values are bounded");
        assertEquals(5000, orders.numeric().min());
        assertEquals(5029, orders.numeric().max());

        // Repeating lines: the newest distinct ones, not the newest three events.
        PatternSummary cache = pattern(report, "cache refreshed in <*> ms");
        assertEquals(List.of("cache refreshed in 21 ms", "cache refreshed in 19 ms", "cache refreshed in 17 ms"),
                cache.examples().stream().map(LogEvent::message).toList());
    }

    @Test
    void templatesMergedAfterIndexingCountAsOne() {
        TimeRange both = new TimeRange(PatternFixture.BASELINE.fromNanos(), WINDOW.toNanos());
        PatternReport report = summarizer.summarize(PatternQuery.of("message:logged", both));
        assertEquals(1, report.patterns().size(), () -> texts(report));
        PatternSummary logins = report.patterns().get(0);
        assertEquals("user <*> logged in", logins.text());
        assertEquals(20, logins.count());
        assertEquals(3, logins.indexedIds().size(), "earlier names' events were indexed under ids merged away: " + logins.indexedIds());
        ParameterSummary names = logins.parameters().get(0);
        assertEquals(4, names.distinct());
        assertEquals(20, names.values(), "values re-extracted under the merged template, older documents included");
        assertNull(names.numeric());
    }

    @Test
    void theQueryNarrowsTheEventsAndTheShares() {
        PatternReport report = summarizer.summarize(PatternQuery.of("service:payments", WINDOW));
        assertEquals(30, report.total());
        assertEquals(1, report.patterns().size());
        assertEquals(1.0, report.patterns().get(0).share());
        assertEquals(0, summarizer.summarize(PatternQuery.of("service:nothing", WINDOW)).patterns().size());
    }

    @Test
    void theSampleBoundsTheParameterSummaries() {
        PatternReport report = summarizer.summarize(new PatternQuery("", WINDOW, null, 1, 0, 16));
        PatternSummary orders = report.patterns().get(0);
        assertEquals(120, orders.count());
        assertEquals(16, orders.sampled());
        assertEquals(16, orders.parameters().get(0).values());
        assertTrue(orders.examples().isEmpty());
        // The same data gives the same sample.
        assertEquals(orders.parameters(), summarizer.summarize(new PatternQuery("", WINDOW, null, 1, 0, 16)).patterns().get(0).parameters());
    }

    @Test
    void refusesTooManyBucketsAndBadQueries() {
        IllegalArgumentException buckets = assertThrows(IllegalArgumentException.class,
                () -> summarizer.summarize(new PatternQuery("", WINDOW, Duration.ofMillis(100), 10, 1, 10)));
        assertTrue(buckets.getMessage().contains("6000 trend buckets"), buckets.getMessage());
        assertThrows(QuerySyntaxException.class, () -> summarizer.summarize(PatternQuery.of("service:(", WINDOW)));
        assertNotNull(summarizer.summarize(new PatternQuery("", WINDOW, Duration.ofMinutes(10), 10, 1, 10)));
        assertEquals(1, summarizer.summarize(new PatternQuery("", WINDOW, Duration.ofMinutes(10), 10, 1, 10)).patterns().get(0).trend().length);
        assertEquals(2, summarizer.summarize(new PatternQuery("", new TimeRange(WINDOW.fromNanos() + MINUTE, WINDOW.toNanos() + MINUTE),
                Duration.ofMinutes(10), 10, 1, 10)).patterns().get(0).trend().length, "buckets align to the interval");
    }

    static PatternSummary pattern(PatternReport report, String text) {
        return report.patterns().stream().filter(p -> text.equals(p.text())).findFirst()
                .orElseThrow(() -> new AssertionError("no template '" + text + "' in " + texts(report)));
    }

    static String texts(PatternReport report) {
        StringBuilder out = new StringBuilder();
        for (PatternSummary p : report.patterns()) {
            out.append('\n').append(p.count()).append("  ").append(p.text()).append("  ").append(p.indexedIds());
        }
        return out.toString();
    }
}
