package dev.vigil.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.codec.Decoded;
import dev.vigil.ingest.codec.NativeJsonDecoder;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.Timestamps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SampleGeneratorTest {
    /** The checked-in data set; Maven runs tests with the module directory as working directory. */
    private static final Path CHECKED_IN = Path.of("data");
    private static final String REGENERATE = "regenerate with: mvn -q -pl samples -am install -DskipTests && mvn -q -pl samples exec:java";

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d");
    private static final Pattern RFC3339 = Pattern.compile("2026-11-02T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
    private static final Set<String> ACCESS_ATTRIBUTES = Set.of("method", "route", "status", "duration_ms", "trace_id");

    private static SampleData data;

    @BeforeAll
    static void generate() {
        data = SampleGenerator.generate();
    }

    @Test
    void generatesIdenticalBytesOnEveryRun(@TempDir Path tmp) throws IOException {
        SampleGenerator.generate(tmp.resolve("a"));
        SampleGenerator.generate(tmp.resolve("b"));
        assertSameFiles(tmp.resolve("a"), tmp.resolve("b"), "two runs differ");
    }

    @Test
    void checkedInDataMatchesTheGenerator(@TempDir Path tmp) throws IOException {
        assertTrue(Files.isDirectory(CHECKED_IN), "no checked-in data at " + CHECKED_IN.toAbsolutePath() + "; " + REGENERATE);
        SampleGenerator.write(data, tmp);
        assertSameFiles(tmp, CHECKED_IN, "samples/data is stale; " + REGENERATE);
    }

    @Test
    void checkedInDataStaysUnderFourMegabytes() throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(CHECKED_IN)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(SampleGeneratorTest::size).sum();
        }
        assertTrue(bytes < 4_000_000, "samples/data holds " + bytes + " bytes");
    }

    @Test
    void everyLineIsNativeJsonWithTheExpectedFields() throws IOException {
        int access = 0;
        for (Map<String, Object> log : lines(SampleGenerator.LOGS)) {
            assertFields(log, "kind", "timestamp", "service", "host", "level", "message", "attributes");
            assertEquals("log", log.get("kind"));
            assertTimestamp(log.get("timestamp"));
            Map<?, ?> attributes = (Map<?, ?>) log.get("attributes");
            if (attributes.containsKey("route")) {
                access++;
                assertEquals(ACCESS_ATTRIBUTES, attributes.keySet(), "access log attributes: " + log);
                assertTrue(HEX32.matcher((String) attributes.get("trace_id")).matches(), log.toString());
                assertTrue(DECIMAL.matcher((String) attributes.get("duration_ms")).matches(), log.toString());
                String status = (String) attributes.get("status");
                assertEquals(attributes.get("method") + " " + attributes.get("route") + " " + status + " "
                        + attributes.get("duration_ms") + "ms", log.get("message"));
                assertEquals(status.startsWith("5") ? "error" : "info", log.get("level"), log.toString());
            } else {
                assertFalse(attributes.containsKey("status"), log.toString());
            }
        }
        assertTrue(access > 5_000, "only " + access + " access log lines");
        for (Map<String, Object> metric : lines(SampleGenerator.METRICS)) {
            assertFields(metric, "kind", "name", "labels", "timestamp", "value");
            assertEquals("metric", metric.get("kind"));
            assertTimestamp(metric.get("timestamp"));
            assertNotNull(((Map<?, ?>) metric.get("labels")).get("service"), metric.toString());
            assertTrue(metric.get("value") instanceof Number, metric.toString());
        }
        for (Map<String, Object> change : lines(SampleGenerator.CHANGES)) {
            assertTrue(change.keySet().containsAll(List.of("kind", "timestamp", "type", "service", "environment",
                    "strategy", "status", "description", "attributes")), change.toString());
            assertEquals("change", change.get("kind"));
            assertTimestamp(change.get("timestamp"));
        }
        for (Map<String, Object> span : lines(SampleGenerator.SPANS)) {
            assertTrue(span.keySet().containsAll(List.of("kind", "trace_id", "span_id", "service", "operation", "start",
                    "duration_ns", "status", "attributes")), span.toString());
            assertEquals("span", span.get("kind"));
            assertTimestamp(span.get("start"));
            assertTrue(span.get("duration_ns") instanceof Number, span.toString());
        }
    }

    @Test
    void vigilDecodesTheFilesBackIntoTheGeneratedEvents() throws IOException {
        NativeJsonDecoder decoder = new NativeJsonDecoder();
        assertDecodes(decoder.logs(read(SampleGenerator.LOGS), 1), data.logs());
        assertDecodes(decoder.metrics(read(SampleGenerator.METRICS), 1), data.metrics());
        assertDecodes(decoder.changes(read(SampleGenerator.CHANGES), 1), data.changes());
        assertDecodes(decoder.spans(read(SampleGenerator.SPANS), 1), data.spans());
    }

    @Test
    void incidentFilesNameTheirRootCauses() throws IOException {
        Map<String, Object> pool = json(CHECKED_IN.resolve("incidents/payments-db-pool.json"));
        assertEquals("payments-db-pool", pool.get("id"));
        assertEquals(Map.of("from", "2026-11-02T10:40:00Z", "to", "2026-11-02T11:05:00Z"), pool.get("window"));
        assertEquals(Map.of("kind", "change", "service", "payments", "subject_contains", "v2.14.0"), pool.get("root_cause"));
        assertFalse(((List<?>) pool.get("symptoms")).isEmpty());
        assertTrue(pool.keySet().containsAll(List.of("title", "description")));

        Map<String, Object> leak = json(CHECKED_IN.resolve("incidents/inventory-memory-leak.json"));
        assertEquals("inventory-memory-leak", leak.get("id"));
        assertEquals(Map.of("from", "2026-11-02T11:30:00Z", "to", "2026-11-02T11:55:00Z"), leak.get("window"));
        assertEquals(Map.of("kind", "metric", "service", "inventory", "subject_contains", "jvm_memory_used_bytes"),
                leak.get("root_cause"));
        assertFalse(((List<?>) leak.get("symptoms")).isEmpty());
    }

    @Test
    void rootCausesArePresentInTheData() {
        List<ChangeEvent> deploys = data.changes().stream()
                .filter(c -> c.service().equals("payments") && c.type() == ChangeType.DEPLOY)
                .toList();
        assertEquals(1, deploys.size());
        assertEquals("v2.14.0", deploys.get(0).version());
        assertEquals(Timeline.at("10:42:00"), deploys.get(0).timestampNanos());
        assertTrue(data.metrics().stream().anyMatch(m -> m.name().equals("jvm_memory_used_bytes")
                && m.labels().get("service").equals("inventory")));
        // The only changes inside the second window are not on inventory.
        assertTrue(data.changes().stream().noneMatch(c -> c.service().equals("inventory")));
    }

    @Test
    void paymentsPoolIsExhaustedOnlyDuringTheFirstIncident() {
        Map<Long, Double> active = series("db_pool_active_connections", "payments");
        active.forEach((t, v) -> {
            boolean exhausted = t >= Timeline.at("10:46:30") && t <= Timeline.at("11:02:00");
            boolean healthy = t < Timeline.at("10:42:00") || t >= Timeline.at("11:03:00");
            if (exhausted) {
                assertEquals(20.0, v, "active connections at " + Timestamps.format(t));
            } else if (healthy) {
                assertTrue(v < 8, "active connections at " + Timestamps.format(t) + ": " + v);
            }
        });
        Map<Long, Double> p99 = series("http_server_request_p99_seconds", "payments");
        assertTrue(p99.get(Timeline.at("10:50:00")) >= 29.9);
        assertTrue(p99.get(Timeline.at("11:10:00")) < 5);
        long errors = accessLogs("payments").filter(l -> l.attributes().get("status").startsWith("5")).count();
        long errorsInWindow = accessLogs("payments").filter(l -> l.attributes().get("status").startsWith("5"))
                .filter(l -> l.timestampNanos() >= Timeline.INCIDENT1_FROM && l.timestampNanos() < Timeline.INCIDENT1_TO)
                .count();
        assertTrue(errors > 20);
        assertEquals(errors, errorsInWindow, "payments 5xx outside the first incident");
    }

    @Test
    void inventoryHeapGrowsUntilTheOutOfMemoryError() {
        Map<Long, Double> heap = series("jvm_memory_used_bytes", "inventory");
        double max = 2.0 * Service.GIB;
        double baseline = heap.entrySet().stream().filter(e -> e.getKey() < Timeline.at("11:10:00"))
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
        assertTrue(baseline > 0.40 * max && baseline < 0.50 * max, "baseline heap " + baseline / max);
        assertTrue(heap.get(Timeline.at("11:48:00")) > 0.93 * max);
        assertFalse(heap.containsKey(Timeline.at("11:49:30")), "inventory is restarting at 11:49:30 and not scraped");
        assertTrue(heap.get(Timeline.at("11:50:00")) < 0.40 * max);
        Map<Long, Double> gcMax = series("jvm_gc_pause_seconds_max", "inventory");
        assertTrue(gcMax.get(Timeline.at("11:20:00")) < 0.1);
        assertTrue(gcMax.get(Timeline.at("11:44:00")) > 0.8);
        assertTrue(data.logs().stream().anyMatch(l -> l.service().equals("inventory")
                && l.message().equals("Terminating due to java.lang.OutOfMemoryError: Java heap space")));
        assertTrue(data.logs().stream().anyMatch(l -> l.service().equals("checkout")
                && l.message().startsWith("inventory reservation timed out after 5000 ms for sku SKU-")));
    }

    @Test
    void tracedRequestsMatchTheirAccessLogs() {
        Map<String, List<LogEvent>> byTrace = accessLogs(null)
                .collect(Collectors.groupingBy(l -> l.attributes().get("trace_id"), TreeMap::new, Collectors.toList()));
        int roots = 0;
        for (Span span : data.spans()) {
            String route = span.attributes().get("http.route");
            if (route == null) {
                assertEquals("postgresql", span.attributes().get("db.system"), span.toString());
                continue;
            }
            if (span.parentSpanId() == null) {
                roots++;
                assertEquals("frontend", span.service());
            }
            List<LogEvent> lines = byTrace.get(span.traceId());
            assertNotNull(lines, "no access log for trace " + span.traceId());
            String duration = Traffic.tenths(span.durationNanos());
            assertTrue(lines.stream().anyMatch(l -> l.service().equals(span.service())
                            && l.attributes().get("route").equals(route)
                            && l.attributes().get("duration_ms").equals(duration)
                            && l.timestampNanos() == span.endNanos()),
                    "no access log line for span " + span);
        }
        assertTrue(roots > 100, "only " + roots + " traces");
    }

    // ---------------------------------------------------------------- helpers

    private static Stream<LogEvent> accessLogs(String service) {
        return data.logs().stream()
                .filter(l -> l.attributes().containsKey("route"))
                .filter(l -> service == null || l.service().equals(service));
    }

    private static Map<Long, Double> series(String name, String service) {
        Map<Long, Double> out = new TreeMap<>();
        for (MetricSample m : data.metrics()) {
            if (m.name().equals(name) && m.labels().get("service").equals(service)) {
                out.put(m.timestampNanos(), m.value());
            }
        }
        assertFalse(out.isEmpty(), "no series " + name + "{service=" + service + "}");
        return out;
    }

    private static <T extends Event> void assertDecodes(Decoded<T> decoded, List<T> expected) {
        assertTrue(decoded.ok(), () -> "decoding errors: " + decoded.errors());
        assertEquals(expected.size(), decoded.events().size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), decoded.events().get(i), "event " + i);
        }
    }

    private static void assertSameFiles(Path expected, Path actual, String message) throws IOException {
        Map<String, Path> want = files(expected);
        Map<String, Path> got = files(actual);
        assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(got.keySet()), message + ": different files");
        for (String name : want.keySet()) {
            byte[] a = Files.readAllBytes(want.get(name));
            byte[] b = Files.readAllBytes(got.get(name));
            if (!Arrays.equals(a, b)) {
                fail(message + ": " + name + " differs at byte " + Arrays.mismatch(a, b));
            }
            assertArrayEquals(a, b);
        }
    }

    private static Map<String, Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> dir.relativize(p).toString().replace('\\', '/'), Function.identity()));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] read(String name) throws IOException {
        return Files.readAllBytes(CHECKED_IN.resolve(name));
    }

    private static List<Map<String, Object>> lines(String name) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(CHECKED_IN.resolve(name), StandardCharsets.UTF_8)) {
            try (JsonParser p = JSON.createParser(line)) {
                Object value = value(p, p.nextToken());
                assertTrue(value instanceof Map, name + ": not an object: " + line);
                assertEquals(null, p.nextToken(), name + ": trailing content: " + line);
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) value;
                out.add(object);
            }
        }
        assertFalse(out.isEmpty(), name + " is empty");
        return out;
    }

    private static Map<String, Object> json(Path file) throws IOException {
        try (JsonParser p = JSON.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value(p, p.nextToken());
            return object;
        }
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    map.put(field, value(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, next));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NULL:
                return null;
            default:
                throw new AssertionError("unexpected " + token);
        }
    }

    private static void assertFields(Map<String, Object> object, String... fields) {
        assertEquals(Set.of(fields), object.keySet(), object.toString());
    }

    private static void assertTimestamp(Object value) {
        assertTrue(value instanceof String && RFC3339.matcher((String) value).matches(), "timestamp " + value);
    }
}
