package dev.vigil.analytics.requests;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.Pipelines;
import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-checked data over [T0, T0 + 2 min) in 1-minute buckets:
 * <ul>
 *   <li>api GET /users, minute 0: 10 requests of 10, 20, ..., 100 ms; one 500, one 404</li>
 *   <li>api GET /users, minute 1: 20 requests of 1, 2, ..., 20 ms; two 502</li>
 *   <li>api POST /orders, minute 0: 4 requests of 5, 15, 25, 35 ms, all 200</li>
 *   <li>api: 2 plain log lines (an INFO in minute 0, an ERROR in minute 1)</li>
 *   <li>probe /health (no method): 3 requests of 1, 2, 3 ms in minute 1</li>
 *   <li>worker, no access logs: 2 ERROR and 2 INFO in minute 0, a FATAL, a WARN and 2 INFO in minute 1</li>
 *   <li>noise outside the range (api, 1 s after its end), which must not count</li>
 * </ul>
 * And an hour later, in {@link #BUSY}: {@value #BUSY_REQUESTS} requests of bulk GET /items with
 * log-normal durations (seed {@value #SEED}), too many for exact percentiles.
 */
class RequestStatsCalculatorTest {
    private static final double EPS = 1e-9;
    private static final TimeRange RANGE = new TimeRange(T0, T0 + 2 * MINUTE);
    private static final long SEED = 20261125L;
    private static final int BUSY_REQUESTS = 5_000;
    private static final TimeRange BUSY = new TimeRange(T0 + 60 * MINUTE, T0 + 62 * MINUTE);
    /** Durations of the busy requests in µs, as indexed (from the ms attribute). */
    private static final long[] busyMicros = new long[BUSY_REQUESTS];

    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static RequestStatsCalculator calculator;

    private static LogEvent access(String service, long at, String method, String route, int status, double ms) {
        Map<String, String> attrs = new HashMap<>();
        if (method != null) {
            attrs.put("method", method);
        }
        attrs.put("route", route);
        attrs.put("status", Integer.toString(status));
        attrs.put("duration_ms", Double.toString(ms));
        return new LogEvent(at, service, null, Level.INFO, method + " " + route + " " + status, attrs);
    }

    private static LogEvent plain(String service, long at, Level level) {
        return new LogEvent(at, service, null, level, "something happened", Map.of());
    }

    @BeforeAll
    static void load() throws Exception {
        pipeline = Pipelines.open(dir);
        calculator = new RequestStatsCalculator(pipeline);
        List<LogEvent> logs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int status = i == 3 ? 500 : i == 7 ? 404 : 200;
            logs.add(access("api", T0 + i * SECOND, "GET", "/users", status, 10 * (i + 1)));
        }
        for (int i = 0; i < 20; i++) {
            logs.add(access("api", T0 + MINUTE + i * SECOND, "GET", "/users", i < 2 ? 502 : 200, i + 1));
        }
        for (int i = 0; i < 4; i++) {
            logs.add(access("api", T0 + 30 * SECOND + i * SECOND, "POST", "/orders", 200, 5 + 10 * i));
        }
        logs.add(plain("api", T0 + 40 * SECOND, Level.INFO));
        logs.add(plain("api", T0 + 100 * SECOND, Level.ERROR));
        for (int i = 0; i < 3; i++) {
            logs.add(access("probe", T0 + 90 * SECOND + i * SECOND, null, "/health", 200, i + 1));
        }
        logs.add(plain("worker", T0 + SECOND, Level.ERROR));
        logs.add(plain("worker", T0 + 2 * SECOND, Level.ERROR));
        logs.add(plain("worker", T0 + 3 * SECOND, Level.INFO));
        logs.add(plain("worker", T0 + 4 * SECOND, Level.INFO));
        logs.add(plain("worker", T0 + 61 * SECOND, Level.FATAL));
        logs.add(plain("worker", T0 + 62 * SECOND, Level.WARN));
        logs.add(plain("worker", T0 + 63 * SECOND, Level.INFO));
        logs.add(plain("worker", T0 + 64 * SECOND, Level.INFO));
        logs.add(access("api", T0 + 2 * MINUTE + SECOND, "GET", "/users", 500, 9999));
        logs.add(access("api", T0 - SECOND, "GET", "/users", 500, 9999));
        java.util.Random random = new java.util.Random(SEED);
        for (int i = 0; i < BUSY_REQUESTS; i++) {
            // Whole microseconds, so the µs the index keeps are known exactly.
            long micros = 1 + (long) (25_000 * Math.exp(0.8 * random.nextGaussian()));
            busyMicros[i] = micros;
            logs.add(access("bulk", BUSY.fromNanos() + i * (2 * MINUTE / BUSY_REQUESTS), "GET", "/items", i % 50 == 0 ? 503 : 200,
                    micros / 1000.0));
        }
        Pipelines.appendAll(pipeline, EventKind.LOG, logs);
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    private static RequestStats all() {
        return calculator.compute(RANGE, Duration.ofMinutes(1), null);
    }

    private static EndpointStats endpoint(RequestStats stats, String service, String endpoint) {
        return stats.endpoints().stream().filter(e -> e.service().equals(service) && e.endpoint().equals(endpoint))
                .findFirst().orElseThrow(() -> new AssertionError("no " + service + " " + endpoint + " in " + stats.endpoints()));
    }

    private static void assertLatency(LatencySummary l, long count, double p50, double p95, double p99, double max) {
        assertEquals(count, l.count(), "count of " + l);
        assertEquals(p50, l.p50Ms(), EPS, "p50 of " + l);
        assertEquals(p95, l.p95Ms(), EPS, "p95 of " + l);
        assertEquals(p99, l.p99Ms(), EPS, "p99 of " + l);
        assertEquals(max, l.maxMs(), EPS, "max of " + l);
    }

    @Test
    void endpointsAreListedByServiceThenEndpoint() {
        RequestStats stats = all();
        assertEquals(List.of("api GET /users", "api POST /orders", "probe /health"),
                stats.endpoints().stream().map(e -> e.service() + " " + e.endpoint()).toList());
        assertEquals(List.of("api", "probe", "worker"), stats.services().stream().map(ServiceStats::service).toList());
        assertEquals(60_000, stats.bucketMillis());
        assertEquals(RANGE, stats.range());
    }

    @Test
    void nearestRankPercentilesPerBucket() {
        EndpointStats users = endpoint(all(), "api", "GET /users");
        assertEquals(2, users.buckets().size());
        BucketStats first = users.buckets().get(0);
        BucketStats second = users.buckets().get(1);
        assertEquals(T0 / 1_000_000L, first.startMillis());
        assertEquals(T0 / 1_000_000L + 60_000, second.startMillis());
        // 10..100 ms: p50 = 5th value, p95 = p99 = 10th.
        assertLatency(first.latency(), 10, 50, 100, 100, 100);
        // 1..20 ms: p50 = 10th, p95 = 19th, p99 = 20th.
        assertLatency(second.latency(), 20, 10, 19, 20, 20);
        assertEquals(10, first.requests());
        assertEquals(20, second.requests());
    }

    @Test
    void nearestRankPercentilesOverTheRange() {
        EndpointStats users = endpoint(all(), "api", "GET /users");
        // Sorted: 1..9, 10, 10, 11..19, 20, 20, 30, 40, ..., 100 (30 values):
        // p50 = 15th value = 14, p95 = 29th = 90, p99 = 30th = 100.
        assertLatency(users.latency(), 30, 14, 90, 100, 100);
        double sum = 0;
        for (int i = 1; i <= 10; i++) {
            sum += 10 * i;
        }
        for (int i = 1; i <= 20; i++) {
            sum += i;
        }
        assertEquals(sum, users.latency().totalMs(), EPS);
        assertEquals(30, users.requests());
        assertEquals(30 / 120.0, users.ratePerSecond(), EPS);
    }

    @Test
    void onlyServerErrorsCount() {
        EndpointStats users = endpoint(all(), "api", "GET /users");
        // The 404 is not an error; the 500 and both 502s are.
        assertEquals(3, users.errors());
        assertEquals(1, users.buckets().get(0).errors());
        assertEquals(2, users.buckets().get(1).errors());
        assertEquals(0.1, users.buckets().get(0).errorRate(), EPS);
        assertEquals(0.1, users.errorRate(), EPS);
        EndpointStats orders = endpoint(all(), "api", "POST /orders");
        assertEquals(0, orders.errors());
        assertEquals(0.0, orders.errorRate(), EPS);
        assertTrue(Double.isNaN(orders.buckets().get(1).errorRate()), "no requests: no rate");
        assertEquals(LatencySummary.EMPTY, orders.buckets().get(1).latency());
    }

    @Test
    void serviceTotalsMergeTheirEndpoints() {
        ServiceStats api = all().service("api");
        assertEquals(34, api.requests());
        assertEquals(3, api.errors());
        assertEquals(3 / 34.0, api.errorRate(), EPS);
        // 34 access lines + 2 plain lines; only the plain ERROR is an error log line.
        assertEquals(36, api.logLines());
        assertEquals(1, api.errorLogLines());
        assertArrayEquals(new long[] {15, 21}, api.logCounts());
        assertArrayEquals(new long[] {0, 1}, api.errorLogCounts());
        // Minute 0 merges 10..100 ms and 5, 15, 25, 35 ms:
        // 5,10,15,20,25,30,35,40,50,60,70,80,90,100 -> p50 = 7th = 35, p95 = p99 = 14th = 100.
        BucketStats minute0 = api.buckets().get(0);
        assertEquals(14, minute0.requests());
        assertEquals(1, minute0.errors());
        assertLatency(minute0.latency(), 14, 35, 100, 100, 100);
        assertEquals(34, api.latency().count());
        // The merge must not have disturbed the endpoint's own figures.
        assertLatency(endpoint(all(), "api", "POST /orders").latency(), 4, 15, 35, 35, 35);
    }

    @Test
    void aServiceWithoutAccessLogsUsesItsErrorLogShare() {
        ServiceStats worker = all().service("worker");
        assertEquals(0, worker.requests());
        assertEquals(8, worker.logLines());
        // ERROR and FATAL count; WARN does not.
        assertEquals(3, worker.errorLogLines());
        assertEquals(3 / 8.0, worker.errorRate(), EPS);
        assertArrayEquals(new long[] {2, 1}, worker.errorLogCounts());
        assertArrayEquals(new long[] {4, 4}, worker.logCounts());
        assertEquals(0, worker.latency().count());
        assertTrue(Double.isNaN(worker.latency().p99Ms()));
        assertEquals(2, worker.buckets().size());
        assertEquals(0, worker.buckets().get(0).requests());
    }

    @Test
    void routesWithoutAMethodAreTheirOwnEndpoint() {
        EndpointStats health = endpoint(all(), "probe", "/health");
        assertEquals(3, health.requests());
        assertEquals(0, health.buckets().get(0).requests());
        assertLatency(health.buckets().get(1).latency(), 3, 2, 3, 3, 3);
    }

    @Test
    void oneServiceOnly() {
        RequestStats worker = calculator.compute(RANGE, Duration.ofMinutes(1), "worker");
        assertEquals(List.of("worker"), worker.services().stream().map(ServiceStats::service).toList());
        assertEquals(List.of(), worker.endpoints());
        assertNull(worker.service("api"));
        RequestStats api = calculator.compute(RANGE, Duration.ofMinutes(1), "api");
        assertEquals(2, api.endpoints().size());
    }

    /** Nearest-rank percentile of sorted µs, in ms. */
    private static double exact(long[] sorted, double q) {
        return sorted[(int) Math.ceil(q * sorted.length) - 1] / 1000.0;
    }

    private static void assertNear(double exact, double actual, String what) {
        assertTrue(Math.abs(actual - exact) <= exact / 128, what + ": " + actual + " vs exact " + exact + " (seed " + SEED + ")");
    }

    @Test
    void percentilesOfManyRequestsStayWithinTheirBound() {
        RequestStats stats = calculator.compute(BUSY, Duration.ofMinutes(1), "bulk");
        EndpointStats items = endpoint(stats, "bulk", "GET /items");
        long[] sorted = busyMicros.clone();
        java.util.Arrays.sort(sorted);
        double total = 0;
        for (long micros : sorted) {
            total += micros / 1000.0;
        }
        LatencySummary latency = items.latency();
        assertEquals(BUSY_REQUESTS, latency.count());
        assertEquals(BUSY_REQUESTS / 50, items.errors());
        assertEquals(sorted[sorted.length - 1] / 1000.0, latency.maxMs(), EPS);
        assertEquals(total, latency.totalMs(), 1e-6);
        assertNear(exact(sorted, 0.50), latency.p50Ms(), "p50");
        assertNear(exact(sorted, 0.95), latency.p95Ms(), "p95");
        assertNear(exact(sorted, 0.99), latency.p99Ms(), "p99");
        // Each minute holds half of them, in order.
        long[] firstMinute = java.util.Arrays.copyOf(busyMicros, BUSY_REQUESTS / 2);
        java.util.Arrays.sort(firstMinute);
        BucketStats minute0 = items.buckets().get(0);
        assertEquals(BUSY_REQUESTS / 2, minute0.requests());
        assertNear(exact(firstMinute, 0.99), minute0.latency().p99Ms(), "p99 of minute 0");
        // The service merges its one endpoint: the same figures.
        assertEquals(latency, stats.service("bulk").latency());
    }

    @Test
    void oneBucketForTheWholeRange() {
        RequestStats stats = calculator.compute(RANGE, Duration.ofMinutes(2), null);
        EndpointStats users = endpoint(stats, "api", "GET /users");
        assertEquals(1, users.buckets().size());
        assertEquals(users.latency(), users.buckets().get(0).latency());
        assertEquals(3, users.buckets().get(0).errors());
    }
}
