package dev.vigil.analytics.anomaly.monitor;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyMonitorTest {
    private static final long END = T0 + MonitorFixture.HOURS * 60 * MINUTE;
    /** A "now" well after the data, as when past data is imported. */
    private static final long LATER_MILLIS = END / 1_000_000L + Duration.ofDays(3).toMillis();
    private static final TimeRange LAST_TWO_HOURS = new TimeRange(END - 120 * MINUTE, END);

    @TempDir
    Path dir;

    @Test
    void scansAPastWindowOnDemandStoresTheEpisodesAndAnswersTheSameAfterARestart() throws Exception {
        List<Anomaly> first;
        try (EventPipeline pipeline = MonitorFixture.open(dir)) {
            MonitorFixture.ingest(pipeline);
            try (AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, dir.resolve("anomalies"), MonitorSettings.defaults(Duration.ZERO), LATER_MILLIS)) {
                first = monitor.anomalies(new AnomalyQuery(LAST_TWO_HOURS, null, 0, null), LATER_MILLIS);
                assertEquals(first, monitor.anomalies(new AnomalyQuery(LAST_TWO_HOURS, null, 0, null), LATER_MILLIS), "asked twice");
            }
            assertStepAndBurst(first);
            long stored = new EventScanner(pipeline).scan("service:vigil AND vigil.kind:anomaly", "log", new TimeRange(T0, END), 1000, e -> { });
            assertEquals(first.size(), stored, "one stored event per episode");
        }
        assertTrue(Files.exists(dir.resolve("anomalies").resolve("ledger.tsv")), "the ledger is persisted");
        try (EventPipeline pipeline = MonitorFixture.open(dir);
             AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, dir.resolve("anomalies"), MonitorSettings.defaults(Duration.ZERO), LATER_MILLIS)) {
            assertEquals(first, monitor.anomalies(new AnomalyQuery(LAST_TWO_HOURS, null, 0, null), LATER_MILLIS), "after restart");
            long stored = new EventScanner(pipeline).scan("service:vigil AND vigil.kind:anomaly", "log", new TimeRange(T0, END), 1000, e -> { });
            assertEquals(first.size(), stored, "the restart scanned nothing again");
            List<Anomaly> errors = monitor.anomalies(new AnomalyQuery(LAST_TWO_HOURS, "orders", 0.5, SignalKind.ERROR_RATE), LATER_MILLIS);
            assertFalse(errors.isEmpty(), "filtered by service, score and kind: " + first);
            assertTrue(errors.stream().allMatch(a -> a.signal().kind() == SignalKind.ERROR_RATE && a.score() >= 0.5), errors.toString());
            assertTrue(monitor.anomalies(new AnomalyQuery(LAST_TWO_HOURS, "nobody", 0, null), LATER_MILLIS).isEmpty());
        }
    }

    @Test
    void theStartOfTheDataIsNotAnAnomaly() throws Exception {
        // Services and templates that begin logging have no history before their first event; a
        // window that covers the start of the data must not report every series as a jump from zero.
        TimeRange aroundTheStart = new TimeRange(T0 - 60 * MINUTE, T0 + 120 * MINUTE);
        try (EventPipeline pipeline = MonitorFixture.open(dir)) {
            MonitorFixture.ingest(pipeline);
            try (AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, dir.resolve("anomalies"), MonitorSettings.defaults(Duration.ZERO), LATER_MILLIS)) {
                List<Anomaly> found = monitor.anomalies(new AnomalyQuery(aroundTheStart, null, 0, null), LATER_MILLIS);
                assertTrue(found.isEmpty(), "the data's first events are not anomalies: " + found);
            }
        }
    }

    @Test
    void liveTicksFindTheSameEventsAndResumeFromThePersistedFrontier() throws Exception {
        long startMillis = (END - 90 * MINUTE) / 1_000_000L;
        long endMillis = END / 1_000_000L + 60_000;
        List<Anomaly> found;
        try (EventPipeline pipeline = MonitorFixture.open(dir)) {
            MonitorFixture.ingest(pipeline);
            MonitorSettings settings = MonitorSettings.defaults(Duration.ofMinutes(1));
            try (AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, dir.resolve("anomalies"), settings, startMillis)) {
                assertTrue(monitor.tick(startMillis).isEmpty(), "the first tick only warms up");
                assertTrue(monitor.trackedSeries() > 0);
                for (long now = startMillis + 60_000; now <= endMillis; now += 15 * 60_000) {
                    monitor.tick(now);
                }
                monitor.tick(endMillis);
                found = monitor.anomalies(new AnomalyQuery(LAST_TWO_HOURS, null, 0, null), endMillis);
            }
            assertStepAndBurst(found.stream().filter(a -> a.onset().toEpochMilli() >= startMillis).toList());
        }
        try (EventPipeline pipeline = MonitorFixture.open(dir);
             AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, dir.resolve("anomalies"), MonitorSettings.defaults(Duration.ofMinutes(1)), endMillis)) {
            assertTrue(monitor.tick(endMillis).isEmpty(), "nothing new to process after the restart");
            assertEquals(found.stream().filter(a -> !a.ongoing()).map(Anomaly::id).toList(),
                    monitor.anomalies(new AnomalyQuery(LAST_TWO_HOURS, null, 0, null), endMillis).stream()
                            .filter(a -> !a.ongoing()).map(Anomaly::id).toList());
        }
    }

    @Test
    void boundsTheSeriesItTracks() throws Exception {
        try (EventPipeline pipeline = MonitorFixture.open(dir)) {
            MonitorFixture.ingest(pipeline);
            MonitorSettings settings = MonitorSettings.defaults(Duration.ofMinutes(1));
            MonitorSettings bounded = new MonitorSettings(settings.step(), settings.warmup(), 3, settings.threshold(),
                    settings.maxEpisode(), settings.maxCatchUp(), settings.maxScan());
            try (AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, null, bounded, END / 1_000_000L)) {
                monitor.tick(END / 1_000_000L);
                assertTrue(monitor.trackedSeries() <= 3, "tracked " + monitor.trackedSeries());
            }
        }
    }

    @Test
    void refusesWindowsLongerThanTheScanLimit() throws Exception {
        try (EventPipeline pipeline = MonitorFixture.open(dir);
             AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, null, MonitorSettings.defaults(Duration.ZERO), LATER_MILLIS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> monitor.anomalies(
                    new AnomalyQuery(new TimeRange(T0, T0 + Duration.ofDays(8).toNanos()), null, 0, null), LATER_MILLIS));
            assertTrue(e.getMessage().contains("7 days"), e.getMessage());
        }
    }

    /** The metric's step change and the endpoint's error burst, each found within two minutes with plausible numbers. */
    private static void assertStepAndBurst(List<Anomaly> found) {
        Anomaly step = found.stream().filter(a -> a.signal().kind() == SignalKind.METRIC
                && a.signal().series().startsWith("queue_depth")).findFirst().orElse(null);
        assertNotNull(step, "no anomaly on queue_depth in " + found);
        assertNear(MonitorFixture.STEP_AT, step);
        assertEquals("orders", step.signal().service());
        assertTrue(step.expected() > 90 && step.expected() < 110, "expected " + step);
        assertTrue(step.observed() > 150 && step.observed() < 170, "observed " + step);

        Anomaly burst = found.stream().filter(a -> a.signal().kind() == SignalKind.ERROR_RATE
                && "GET /api/orders".equals(a.signal().endpoint())).findFirst().orElse(null);
        assertNotNull(burst, "no error-rate anomaly on GET /api/orders in " + found);
        assertNear(MonitorFixture.BURST_AT, burst);
        assertTrue(burst.expected() < 0.05, "expected " + burst);
        assertTrue(burst.observed() >= 0.5, "observed " + burst);
        assertTrue(burst.end().toEpochMilli() * 1_000_000L <= MonitorFixture.BURST_AT + (MonitorFixture.BURST_MINUTES + 2) * MINUTE,
                "the episode ends with the burst: " + burst);
    }

    private static void assertNear(long atNanos, Anomaly anomaly) {
        long lag = anomaly.onset().toEpochMilli() * 1_000_000L - atNanos;
        assertTrue(lag >= -MINUTE && lag <= 2 * MINUTE, "onset " + anomaly.onset() + " vs change at " + atNanos / 1_000_000L + ": " + anomaly);
        assertTrue(anomaly.score() >= 0.5, "score " + anomaly);
    }
}
