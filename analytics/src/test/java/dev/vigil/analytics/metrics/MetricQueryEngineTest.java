package dev.vigil.analytics.metrics;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.Pipelines;
import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.metrics.SeriesSamples;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.MetricSample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples every 15 s for an hour (240 per series: more than one 120-sample chunk, so reads merge
 * sealed chunks and heads). Sample k of every series is at T0 + 15 s * k.
 */
class MetricQueryEngineTest {
    private static final double EPS = 1e-9;
    private static final int SAMPLES = 240;
    private static final long SCRAPE = 15 * SECOND;

    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static MetricQueryEngine engine;

    /** Counter: +30 per scrape (2/s), restarted at sample 10 with 15 counted since the restart. */
    static double counter(int k) {
        return k < 10 ? 30.0 * k : 15 + 30.0 * (k - 10);
    }

    @BeforeAll
    static void load() throws Exception {
        pipeline = Pipelines.open(dir);
        engine = new MetricQueryEngine(pipeline);
        List<MetricSample> samples = new ArrayList<>();
        for (int k = 0; k < SAMPLES; k++) {
            long ts = T0 + k * SCRAPE;
            samples.add(new MetricSample("cpu_usage", Map.of("service", "a", "host", "h1"), ts, k));
            samples.add(new MetricSample("requests_total", Map.of("service", "a"), ts, counter(k)));
            samples.add(new MetricSample("inflight", Map.of("service", "a", "host", "h1"), ts, 1));
            samples.add(new MetricSample("inflight", Map.of("service", "a", "host", "h2"), ts, 2));
            samples.add(new MetricSample("inflight", Map.of("service", "b", "host", "h3"), ts, 10));
        }
        Pipelines.appendAll(pipeline, EventKind.METRIC, samples);
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    private static List<StepSeries> query(String selector, long from, long to, Duration step, Aggregation aggregation,
                                          List<String> groupBy) {
        return engine.query(new MetricQuery(SeriesSelector.parse(selector), new TimeRange(from, to), step, aggregation, groupBy));
    }

    private static StepSeries only(List<StepSeries> series) {
        assertEquals(1, series.size(), "series: " + series);
        return series.get(0);
    }

    @Test
    void stepsAreAlignedToMultiplesOfTheStepAndCoverTheRange() {
        // From 10:00:07 to 10:04:30 at 1 min: steps at 10:00 ... 10:04.
        StepSeries s = only(query("cpu_usage", T0 + 7 * SECOND, T0 + 270 * SECOND, Duration.ofMinutes(1), Aggregation.AVG, null));
        long t0Millis = T0 / 1_000_000L;
        assertArrayEquals(new long[] {t0Millis, t0Millis + 60_000, t0Millis + 120_000, t0Millis + 180_000, t0Millis + 240_000},
                s.timestampsMillis());
        // Step s holds samples 4s..4s+3, averaging 4s + 1.5 ...
        assertArrayEquals(new double[] {1.5, 5.5, 9.5, 13.5}, java.util.Arrays.copyOf(s.values(), 4), EPS);
        // ... except the last, cut at the range end (10:04:30 excluded): samples 16 and 17.
        assertEquals(16.5, s.values()[4], EPS);
        assertEquals("cpu_usage", s.name());
        assertEquals(Map.of("service", "a", "host", "h1"), s.labels());
    }

    @Test
    void maxAndP95PerStep() {
        StepSeries max = only(query("cpu_usage", T0 + 10 * MINUTE, T0 + 13 * MINUTE, Duration.ofMinutes(1), Aggregation.MAX, null));
        // 10 min in is sample 40.
        assertArrayEquals(new double[] {43, 47, 51}, max.values(), EPS);
        StepSeries p95 = only(query("cpu_usage", T0 + 10 * MINUTE, T0 + 13 * MINUTE, Duration.ofMinutes(1), Aggregation.P95, null));
        // {40,41,42,43}: rank 2.85 -> 42.85
        assertArrayEquals(new double[] {42.85, 46.85, 50.85}, p95.values(), EPS);
        StepSeries count = only(query("cpu_usage", T0 + 10 * MINUTE, T0 + 13 * MINUTE, Duration.ofMinutes(1), Aggregation.COUNT, null));
        assertArrayEquals(new double[] {4, 4, 4}, count.values(), EPS);
    }

    @Test
    void stepsAcrossChunkBoundariesSeeEverySampleOnce() {
        // The whole hour at 5 min: 20 samples per step, every one of them once.
        StepSeries count = only(query("cpu_usage", T0, T0 + 60 * MINUTE, Duration.ofMinutes(5), Aggregation.COUNT, null));
        assertEquals(12, count.values().length);
        for (double c : count.values()) {
            assertEquals(20.0, c, EPS);
        }
        StepSeries sum = only(query("cpu_usage", T0, T0 + 60 * MINUTE, Duration.ofMinutes(60), Aggregation.SUM, null));
        assertEquals(SAMPLES * (SAMPLES - 1) / 2.0, sum.values()[0], EPS);
    }

    @Test
    void stepsWithoutSamplesAreNaN() {
        StepSeries s = only(query("cpu_usage", T0 + 55 * MINUTE, T0 + 70 * MINUTE, Duration.ofMinutes(5), Aggregation.AVG, null));
        assertEquals(3, s.values().length);
        assertTrue(Double.isFinite(s.values()[0]));
        assertTrue(Double.isNaN(s.values()[1]) && Double.isNaN(s.values()[2]), java.util.Arrays.toString(s.values()));
    }

    @Test
    void rateIsThePerSecondIncreaseAndSurvivesACounterReset() {
        StepSeries rate = only(query("requests_total", T0 + MINUTE, T0 + 4 * MINUTE, Duration.ofMinutes(1), Aggregation.RATE, null));
        // Step 1 pairs samples 3..7 (the sample before the range seeds it): 4 x 30 in 60 s.
        // Step 2 holds the restart at sample 10 (270 -> 15 counts as +15): 30 + 30 + 15 + 30.
        assertArrayEquals(new double[] {2.0, 105 / 60.0, 2.0}, rate.values(), EPS, java.util.Arrays.toString(rate.values()));
        // Over the whole hour the rate never goes negative.
        StepSeries hour = only(query("requests_total", T0, T0 + 60 * MINUTE, Duration.ofMinutes(1), Aggregation.RATE, null));
        for (int i = 1; i < hour.values().length; i++) {
            assertTrue(hour.values()[i] > 1.5 && hour.values()[i] <= 2.0, "step " + i + ": " + hour.values()[i]);
        }
    }

    @Test
    void groupBySumsSeriesPerGroup() {
        List<StepSeries> grouped = query("inflight", T0, T0 + 2 * MINUTE, Duration.ofSeconds(15), Aggregation.SUM, List.of("service"));
        assertEquals(2, grouped.size(), "groups: " + grouped);
        StepSeries a = grouped.stream().filter(s -> "a".equals(s.labels().get("service"))).findFirst().orElseThrow();
        StepSeries b = grouped.stream().filter(s -> "b".equals(s.labels().get("service"))).findFirst().orElseThrow();
        assertEquals(Map.of("service", "a"), a.labels());
        assertNull(a.name());
        assertEquals(8, a.values().length);
        for (int i = 0; i < 8; i++) {
            assertEquals(3.0, a.values()[i], EPS);
            assertEquals(10.0, b.values()[i], EPS);
        }
        // Within a step SUM adds the samples too: 4 scrapes per minute.
        List<StepSeries> perMinute = query("inflight{service=\"a\"}", T0, T0 + 2 * MINUTE, Duration.ofMinutes(1), Aggregation.SUM,
                List.of("service"));
        assertArrayEquals(new double[] {12, 12}, only(perMinute).values(), EPS);
        // A label no series has puts them all in one group.
        StepSeries all = only(query("inflight", T0, T0 + MINUTE, Duration.ofSeconds(15), Aggregation.SUM, List.of("zone")));
        assertEquals(Map.of(), all.labels());
        assertEquals(13.0, all.values()[0], EPS);
        StepSeries avg = only(query("inflight{service=\"a\"}", T0, T0 + MINUTE, Duration.ofSeconds(15), Aggregation.AVG,
                List.of("service")));
        assertEquals(1.5, avg.values()[0], EPS);
    }

    @Test
    void selectorsFilterSeries() {
        assertEquals(3, query("inflight", T0, T0 + MINUTE, null, Aggregation.AVG, null).size());
        assertEquals(2, query("inflight{host=~\"h[12]\"}", T0, T0 + MINUTE, null, Aggregation.AVG, null).size());
        assertEquals(1, query("inflight{service!=\"a\"}", T0, T0 + MINUTE, null, Aggregation.AVG, null).size());
        assertEquals(4, query("{service=\"a\"}", T0, T0 + MINUTE, null, Aggregation.AVG, null).size());
        assertEquals(0, query("nope", T0, T0 + MINUTE, null, Aggregation.AVG, null).size());
        List<SeriesSamples> raw = engine.select(SeriesSelector.parse("cpu_usage"), new TimeRange(T0, T0 + MINUTE));
        assertEquals(1, raw.size());
        assertArrayEquals(new double[] {0, 1, 2, 3}, raw.get(0).values(), EPS);
        assertEquals(List.of("cpu_usage", "inflight", "requests_total"), engine.metricNames());
    }

    @Test
    void queriesAreBounded() {
        TimeRange day = new TimeRange(T0, T0 + 24 * 60 * MINUTE);
        SeriesSelector selector = SeriesSelector.parse("cpu_usage");
        assertThrows(IllegalArgumentException.class, () -> new MetricQuery(selector, day, Duration.ofSeconds(1), null, null));
        assertThrows(IllegalArgumentException.class, () -> new MetricQuery(selector, day, Duration.ZERO, null, null));
        MetricQuery defaults = new MetricQuery(selector, day, null, null, null);
        assertEquals(Aggregation.AVG, defaults.aggregation());
        assertEquals(List.of(), defaults.groupBy());
        assertTrue(day.lengthNanos() / defaults.step().toNanos() <= 120, "default step " + defaults.step());
    }
}
