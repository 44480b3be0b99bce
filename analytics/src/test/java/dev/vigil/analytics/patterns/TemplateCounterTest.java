package dev.vigil.analytics.patterns;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.analytics.Pipelines;
import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over [T0, T0 + 3 min), in a pipeline that mines templates as a node does:
 * <ul>
 *   <li>payments: "user N logged in" INFO, 100 a minute in minutes 0, 1 and 2 (300);</li>
 *   <li>payments: "db pool exhausted after N ms" ERROR, only in minute 2, 700 lines, the first at 2:00.5;</li>
 *   <li>checkout: "cart N is stale" WARN, 5 in minute 0;</li>
 *   <li>outside the range: the same lines 1 s before and at its end, which must not count.</li>
 * </ul>
 */
class TemplateCounterTest {
    private static final TimeRange RANGE = new TimeRange(T0, T0 + 3 * MINUTE);
    private static final Set<Level> WARNINGS = EnumSet.of(Level.WARN, Level.ERROR, Level.FATAL);

    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static TemplateCounter counter;

    @BeforeAll
    static void load() throws Exception {
        TemplateStore store = TemplateStore.open(dir.resolve("templates"));
        pipeline = EventPipeline.open(PipelineConfig.defaults(dir), new TemplateEnricher(store));
        counter = new TemplateCounter(pipeline);
        List<LogEvent> logs = new ArrayList<>();
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 100; i++) {
                logs.add(log("payments", T0 + minute * MINUTE + i * 500_000_000L, Level.INFO, "user " + (1000 + i) + " logged in"));
            }
        }
        for (int i = 0; i < 700; i++) {
            logs.add(log("payments", T0 + 2 * MINUTE + SECOND / 2 + i * 80_000_000L, Level.ERROR,
                    "db pool exhausted after " + (30 + i % 7) + " ms"));
        }
        for (int i = 0; i < 5; i++) {
            logs.add(log("checkout", T0 + 10 * SECOND + i * SECOND, Level.WARN, "cart " + (77 + i) + " is stale"));
        }
        for (long at : new long[] {T0 - SECOND, RANGE.toNanos()}) {
            logs.add(log("payments", at, Level.ERROR, "db pool exhausted after 99 ms"));
            logs.add(log("payments", at, Level.INFO, "user 5 logged in"));
            logs.add(log("checkout", at, Level.WARN, "cart 5 is stale"));
        }
        Pipelines.appendAll(pipeline, EventKind.LOG, logs);
    }

    private static LogEvent log(String service, long at, Level level, String message) {
        return new LogEvent(at, service, "host-1", level, message, Map.of());
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    /** The series whose example line starts with {@code prefix}. */
    private static TemplateCounts.Series series(TemplateCounts counts, String service, String prefix) {
        for (TemplateCounts.Series s : counts.series()) {
            if (s.service().equals(service)
                    && counter.example(RANGE, service, s.templateId()).orElseThrow().message().startsWith(prefix)) {
                return s;
            }
        }
        throw new AssertionError("no " + service + " series for '" + prefix + "' in " + counts.series());
    }

    @Test
    void countsEveryLinePerServiceTemplateAndMinute() {
        TemplateCounts counts = counter.count(RANGE, Duration.ofMinutes(1), null, null);
        assertEquals(T0 / 1_000_000L, counts.startMillis());
        assertEquals(60_000, counts.bucketMillis());
        assertEquals(3, counts.buckets());
        assertEquals(3, counts.series().size(), "three templates: " + counts.series());
        assertEquals(300 + 700 + 5, counts.lines());
        assertEquals(List.of("checkout", "payments", "payments"), counts.series().stream().map(TemplateCounts.Series::service).toList());
        assertArrayEquals(new long[] {100, 100, 100}, series(counts, "payments", "user ").counts());
        TemplateCounts.Series pool = series(counts, "payments", "db pool exhausted");
        assertArrayEquals(new long[] {0, 0, 700}, pool.counts());
        assertEquals(700, pool.total());
        assertEquals(700, pool.sum(2, 3));
        assertEquals(0, pool.sum(-5, 2));
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, T0 + 2 * MINUTE + SECOND / 2}, pool.firstNanos());
        assertArrayEquals(new long[] {5, 0, 0}, series(counts, "checkout", "cart ").counts());
    }

    @Test
    void levelsAndServiceFilter() {
        TemplateCounts warnings = counter.count(RANGE, Duration.ofMinutes(1), null, WARNINGS);
        assertEquals(705, warnings.lines());
        assertEquals(2, warnings.series().size());
        TemplateCounts errorsOfPayments = counter.count(RANGE, Duration.ofMinutes(1), "payments", EnumSet.of(Level.ERROR));
        assertEquals(1, errorsOfPayments.series().size());
        assertEquals(700, errorsOfPayments.lines());
        assertEquals(0, counter.count(RANGE, Duration.ofMinutes(1), "nobody", null).lines());
    }

    @Test
    void bucketsAlignToWholeMultiplesOfTheirWidth() {
        TimeRange shifted = new TimeRange(T0 + 90 * SECOND, T0 + 3 * MINUTE);
        TemplateCounts counts = counter.count(shifted, Duration.ofMinutes(1), "payments", EnumSet.of(Level.INFO));
        assertEquals(T0 / 1_000_000L + 60_000, counts.startMillis());
        assertEquals(2, counts.buckets());
        // Minute 1 from 1:30 on: 40 of its 100 lines (one every 0.5 s, the last at 1:49.5).
        assertArrayEquals(new long[] {40, 100}, counts.series().get(0).counts());
        assertEquals(1, counts.bucketOf(T0 / 1_000_000L + 2 * 60_000 + 1));
        assertEquals(-1, counts.bucketOf(T0 / 1_000_000L));
    }

    @Test
    void anExampleIsALineOfThatTemplateInTheRange() {
        TemplateCounts counts = counter.count(RANGE, Duration.ofMinutes(1), "checkout", null);
        String id = counts.series().get(0).templateId();
        LogEvent example = counter.example(RANGE, "checkout", id).orElseThrow();
        assertTrue(example.message().matches("cart \\d+ is stale"), example.message());
        assertTrue(RANGE.contains(example.timestampNanos()));
        assertTrue(counter.example(new TimeRange(T0 + MINUTE, T0 + 2 * MINUTE), "checkout", id).isEmpty(), "no cart line in minute 1");
        assertTrue(counter.example(RANGE, "payments", id).isEmpty(), "another service");
        assertTrue(counter.example(RANGE, "checkout", "no-such-template").isEmpty());
    }

    @Test
    void rejectsBucketsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> counter.count(RANGE, Duration.ZERO, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> counter.count(new TimeRange(T0, T0 + 24 * 60 * MINUTE), Duration.ofMillis(1), null, null));
    }
}
