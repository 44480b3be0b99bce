package dev.vigil.analytics.search;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventScannerTest {
    private static final TimeRange ALL = new TimeRange(T0 - MINUTE, T0 + 60 * MINUTE);

    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static EventScanner scanner;

    @BeforeAll
    static void load() throws Exception {
        pipeline = SearchFixture.open(dir);
        scanner = new EventScanner(pipeline);
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    @Test
    void streamsEveryMatchExactlyOnce() {
        List<Event> seen = new ArrayList<>();
        long n = scanner.scan("service:checkout", "log", ALL, Long.MAX_VALUE, seen::add);
        assertEquals(SearchFixture.CHECKOUT, n);
        assertEquals(SearchFixture.CHECKOUT, seen.size());
        Set<Long> times = new HashSet<>();
        for (Event e : seen) {
            LogEvent log = (LogEvent) e;
            assertEquals("checkout", log.service());
            times.add(log.timestampNanos());
        }
        assertEquals(SearchFixture.CHECKOUT, times.size());
    }

    @Test
    void stopsAtTheMaximum() {
        List<Event> seen = new ArrayList<>();
        assertEquals(7, scanner.scan("*", "log", ALL, 7, seen::add));
        assertEquals(7, seen.size());
        assertEquals(0, scanner.scan("*", "log", ALL, 0, e -> {
            throw new AssertionError("nothing may be passed on");
        }));
    }

    @Test
    void respectsTheRangeAndTheQuery() {
        List<LogEvent> seen = new ArrayList<>();
        long n = scanner.scan("level:ERROR", "log", new TimeRange(T0 + 200 * SECOND, T0 + 250 * SECOND), 1000,
                e -> seen.add((LogEvent) e));
        assertEquals(5, n);
        for (LogEvent log : seen) {
            assertTrue(log.timestampNanos() >= T0 + 200 * SECOND && log.timestampNanos() < T0 + 250 * SECOND);
            assertTrue(log.message().startsWith("Connection refused"), log.message());
        }
    }

    @Test
    void scansChangesAsChangeEvents() {
        List<Event> seen = new ArrayList<>();
        assertEquals(2, scanner.scan("*", "change", ALL, 100, seen::add));
        Set<Event> expected = new HashSet<>(SearchFixture.changes());
        assertEquals(expected, new HashSet<>(seen));
        assertTrue(seen.get(0) instanceof ChangeEvent);
    }

    @Test
    void syntaxErrorsAreRefusedBeforeScanning() {
        assertThrows(QuerySyntaxException.class, () -> scanner.scan("service:(x", "log", ALL, 10, e -> {
        }));
    }
}
