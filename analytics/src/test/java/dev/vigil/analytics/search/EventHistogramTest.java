package dev.vigil.analytics.search;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventHistogramTest {
    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static EventHistogram histogram;

    @BeforeAll
    static void load() throws Exception {
        pipeline = SearchFixture.open(dir);
        histogram = new EventHistogram(pipeline);
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    @Test
    void countsPerBucket() {
        // Errors at 100, 110, ..., 290 s.
        Histogram h = histogram.count("level:ERROR", "log", new TimeRange(T0, T0 + 5 * MINUTE), Duration.ofMinutes(1));
        assertArrayEquals(new long[] {0, 2, 6, 6, 6}, h.counts());
        assertEquals(20, h.total());
        assertEquals(T0, h.startNanos());
        assertEquals(Duration.ofMinutes(1), h.interval());
    }

    @Test
    void bucketsAlignToTheIntervalAndOnlyCountTheRange() {
        // checkout logs one per second; the range starts 30 s into the first bucket.
        Histogram h = histogram.count("service:checkout", "log", new TimeRange(T0 + 30 * SECOND, T0 + 3 * MINUTE),
                Duration.ofMinutes(1));
        assertEquals(T0, h.startNanos());
        assertArrayEquals(new long[] {30, 60, 60}, h.counts());
        assertEquals(150, h.total());
        // An end inside a bucket: that bucket is partial.
        Histogram partial = histogram.count("service:checkout", "log", new TimeRange(T0, T0 + 150 * SECOND),
                Duration.ofMinutes(1));
        assertArrayEquals(new long[] {60, 60, 30}, partial.counts());
    }

    @Test
    void queriesAndKindsFilter() {
        Histogram changes = histogram.count("", "change", new TimeRange(T0, T0 + 30 * MINUTE), Duration.ofMinutes(10));
        assertArrayEquals(new long[] {0, 1, 1}, changes.counts());
        Histogram none = histogram.count("nothing_matches_this", "log", new TimeRange(T0, T0 + 30 * MINUTE), Duration.ofMinutes(10));
        assertEquals(0, none.total());
        assertThrows(QuerySyntaxException.class,
                () -> histogram.count("message:(oops", "log", new TimeRange(T0, T0 + MINUTE), Duration.ofSeconds(10)));
    }

    @Test
    void defaultIntervalGivesAboutSixtyBuckets() {
        Histogram h = histogram.count("*", "log", new TimeRange(T0, T0 + 60 * MINUTE), null);
        assertEquals(Duration.ofMinutes(1), h.interval());
        assertEquals(60, h.counts().length);
        assertEquals(SearchFixture.CHECKOUT + SearchFixture.ERRORS + SearchFixture.WARNS + SearchFixture.OOPS, h.total());
    }

    @Test
    void tooSmallOrNonPositiveIntervalsAreRefused() {
        TimeRange day = new TimeRange(T0, T0 + 24 * 60 * MINUTE);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> histogram.count("*", "log", day, Duration.ofSeconds(1)));
        assertTrue(tooMany.getMessage().contains("larger interval"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> histogram.count("*", "log", day, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> histogram.count("*", "log", day, Duration.ofSeconds(-60)));
        // Exactly the maximum is fine.
        Histogram max = histogram.count("*", "log", new TimeRange(T0, T0 + EventHistogram.MAX_BUCKETS * SECOND), Duration.ofSeconds(1));
        assertEquals(EventHistogram.MAX_BUCKETS, max.counts().length);
    }
}
