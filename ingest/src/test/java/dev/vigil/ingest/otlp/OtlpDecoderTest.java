package dev.vigil.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;
import org.junit.jupiter.api.Test;

/** OTLP/JSON and protobuf decoding into the event model, without a server. */
class OtlpDecoderTest {
    private static final long T = 1_795_600_800_000_000_000L;
    private final OtlpDecoder decoder = new OtlpDecoder();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLogsAcceptSnakeCaseKeysEnumNamesNumbersAndStructuredBodies() {
        String json = "{\"resource_logs\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"api\"}},"
                + "{\"key\":\"k8s.pod\",\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":1},{\"doubleValue\":2.5}]}}}]},"
                + "\"scope_logs\":[{\"scope\":{\"name\":\"lib\",\"version\":\"2\",\"attributes\":[{\"key\":\"x\",\"value\":{\"boolValue\":true}}]},"
                + "\"log_records\":["
                + "{\"time_unix_nano\":" + T + ",\"severity_number\":\"SEVERITY_NUMBER_FATAL2\",\"trace_id\":\"4BF92F3577B34DA6A3CE929D0E0E4736\","
                + "\"body\":{\"kvlistValue\":{\"values\":[{\"key\":\"a\",\"value\":{\"stringValue\":\"q\\\"x\"}}]}}},"
                + "{\"observedTimeUnixNano\":\"" + (T + 1) + "\",\"severityText\":\"warning\",\"body\":{\"intValue\":\"7\"}},"
                + "{\"severityText\":\"chatty\"},"
                + "{\"timeUnixNano\":\"" + T + "\",\"severityNumber\":10,\"body\":{\"stringValue\":\"s\"},\"attributes\":["
                + "{\"key\":\"http.status\",\"value\":{\"intValue\":\"503\"}},{\"key\":\"empty\",\"value\":{}}],\"extra\":[1]}"
                + "]}]}]}";
        OtlpBatch<LogEvent> batch = decoder.logs(utf8(json), true, 42);
        assertEquals(4, batch.items());
        assertEquals(0, batch.rejected(), batch.firstError());
        List<LogEvent> logs = batch.events();
        LogEvent first = logs.get(0);
        assertEquals(T, first.timestampNanos());
        assertEquals("api", first.service());
        assertEquals(Level.FATAL, first.level());
        assertEquals("{\"a\":\"q\\\"x\"}", first.message());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", first.attributes().get("trace_id"));
        assertEquals("[1,2.5]", first.attributes().get("resource.k8s.pod"));
        assertEquals("lib", first.attributes().get("scope.name"));
        assertEquals("2", first.attributes().get("scope.version"));
        assertEquals("true", first.attributes().get("scope.x"));
        assertEquals(T + 1, logs.get(1).timestampNanos(), "observed time when time is unset");
        assertEquals(Level.WARN, logs.get(1).level());
        assertEquals("7", logs.get(1).message());
        assertEquals(42, logs.get(2).timestampNanos(), "receive time when neither time is set");
        assertEquals(Level.INFO, logs.get(2).level());
        assertEquals("", logs.get(2).message());
        assertEquals("chatty", logs.get(2).attributes().get("severity_text"));
        assertEquals(Level.INFO, logs.get(3).level());
        assertEquals("503", logs.get(3).attributes().get("http.status"));
        assertEquals("null", logs.get(3).attributes().get("empty"));
    }

    @Test
    void severityNumberRangesMapToLevels() {
        Level[] expected = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL};
        for (int n = 1; n <= 24; n++) {
            assertEquals(expected[(n - 1) / 4], OtlpDecoder.level(n, "ignored"), "severityNumber " + n);
        }
        assertEquals(Level.ERROR, OtlpDecoder.level(0, "err"));
        assertEquals(Level.INFO, OtlpDecoder.level(99, null));
    }

    @Test
    void jsonMetricsOfEveryKindBecomePrometheusSamples() {
        String point = "\"timeUnixNano\":\"" + T + "\",\"attributes\":[{\"key\":\"http.method\",\"value\":{\"stringValue\":\"GET\"}}]";
        String json = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"api\"}}]},"
                + "\"scopeMetrics\":[{\"metrics\":["
                + "{\"name\":\"queue-depth.now\",\"gauge\":{\"dataPoints\":[{" + point + ",\"asInt\":\"12\"},"
                + "{\"timeUnixNano\":\"" + T + "\",\"flags\":1}]}},"
                + "{\"name\":\"bytes.sent_total\",\"sum\":{\"isMonotonic\":true,\"dataPoints\":[{" + point + ",\"asDouble\":1.5}]}},"
                + "{\"name\":\"in.flight\",\"sum\":{\"isMonotonic\":false,\"dataPoints\":[{" + point + ",\"asDouble\":\"-2\"}]}},"
                + "{\"name\":\"rpc.latency\",\"summary\":{\"dataPoints\":[{" + point + ",\"count\":\"4\",\"sum\":10,"
                + "\"quantileValues\":[{\"quantile\":0.5,\"value\":2},{\"quantile\":0.99,\"value\":\"Infinity\"}]}]}},"
                + "{\"name\":\"size\",\"exponentialHistogram\":{\"dataPoints\":[{" + point + ",\"count\":3,\"sum\":9,\"scale\":2}]}},"
                + "{\"name\":\"9lives\",\"histogram\":{\"dataPoints\":[{" + point + ",\"count\":2,\"sum\":1,"
                + "\"bucketCounts\":[\"1\",\"0\",\"1\"],\"explicitBounds\":[0.25,10]}]}}"
                + "]}]}]}";
        OtlpBatch<MetricSample> batch = decoder.metrics(utf8(json), true);
        assertEquals(0, batch.rejected(), batch.firstError());
        assertEquals(7, batch.items());
        Map<String, List<MetricSample>> byName = batch.events().stream().collect(Collectors.groupingBy(MetricSample::name));
        MetricSample gauge = byName.get("queue_depth_now").get(0);
        assertEquals(12.0, gauge.value());
        assertEquals(Map.of("service", "api", "http_method", "GET"), gauge.labels());
        assertEquals(T, gauge.timestampNanos());
        assertTrue(Double.isNaN(byName.get("queue_depth_now").get(1).value()), "no recorded value → NaN");
        assertEquals(1.5, byName.get("bytes_sent_total").get(0).value(), "no double _total suffix");
        assertEquals(-2.0, byName.get("in_flight").get(0).value());
        List<MetricSample> quantiles = byName.get("rpc_latency");
        assertEquals("0.5", quantiles.get(0).labels().get("quantile"));
        assertEquals(Double.POSITIVE_INFINITY, quantiles.get(1).value());
        assertEquals(4.0, byName.get("rpc_latency_count").get(0).value());
        assertEquals(10.0, byName.get("rpc_latency_sum").get(0).value());
        assertEquals(3.0, byName.get("size_count").get(0).value());
        assertEquals(9.0, byName.get("size_sum").get(0).value());
        Map<String, Double> buckets = byName.get("_9lives_bucket").stream()
                .collect(Collectors.toMap(s -> s.labels().get("le"), MetricSample::value));
        assertEquals(Map.of("0.25", 1.0, "10", 1.0, "+Inf", 2.0), buckets);
    }

    @Test
    void jsonSpansCarryIdsKindStatusAndContext() {
        String json = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"api\"}}]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"http\"},\"spans\":["
                + "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":\"\","
                + "\"name\":\"GET /\",\"kind\":2,\"startTimeUnixNano\":\"" + T + "\",\"endTimeUnixNano\":\"" + (T + 1500) + "\","
                + "\"status\":{\"code\":\"STATUS_CODE_ERROR\",\"message\":\"boom\"},\"events\":[{\"name\":\"e\"}],\"traceState\":\"a=b\"},"
                + "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b8\",\"parentSpanId\":\"00f067aa0ba902b7\","
                + "\"name\":\"db\",\"kind\":3,\"startTimeUnixNano\":" + T + ",\"endTimeUnixNano\":" + T + ",\"status\":{\"code\":1}}"
                + "]}]}]}";
        OtlpBatch<Span> batch = decoder.traces(utf8(json), true);
        assertEquals(0, batch.rejected(), batch.firstError());
        Span root = batch.events().get(0);
        assertNull(root.parentSpanId());
        assertEquals("api", root.service());
        assertEquals(1500, root.durationNanos());
        assertEquals(SpanStatus.ERROR, root.status());
        assertEquals("server", root.attributes().get("span.kind"));
        assertEquals("boom", root.attributes().get("status.message"));
        assertEquals("a=b", root.attributes().get("trace_state"));
        assertEquals("http", root.attributes().get("scope.name"));
        Span child = batch.events().get(1);
        assertEquals("00f067aa0ba902b7", child.parentSpanId());
        assertEquals(SpanStatus.OK, child.status());
        assertEquals("client", child.attributes().get("span.kind"));
        assertEquals(0, child.durationNanos());
        assertEquals("unknown", decoder.traces(utf8(json.replace("service.name", "other")), true).events().get(0).service());
    }

    @Test
    void envelopeErrorsFailTheWholeRequestNamingThePath() {
        OtlpFormatException e = assertThrows(OtlpFormatException.class,
                () -> decoder.metrics(utf8("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":1}]}]}]}"), true));
        assertEquals("resourceMetrics[0].scopeMetrics[0].metrics[0].name must be a string, got a number", e.getMessage());
        assertThrows(OtlpFormatException.class, () -> decoder.logs(utf8("{} []"), true, 1));
        assertThrows(OtlpFormatException.class, () -> decoder.logs(utf8(""), true, 1));
        String deep = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":" + "{\"arrayValue\":{\"values\":[".repeat(40)
                + "]}}".repeat(40) + "}]}]}]}";
        assertTrue(assertThrows(OtlpFormatException.class, () -> decoder.logs(utf8(deep), true, 1)).getMessage().contains("nested"));
        assertTrue(assertThrows(OtlpFormatException.class, () -> decoder.traces(new byte[] {0x0a, 0x05, 0x01}, false))
                .getMessage().contains("ExportTraceServiceRequest"));
    }

    @Test
    void sanitizedNamesAndBounds() {
        assertEquals("http_server_duration", MetricPoints.sanitize("http.server.duration", true));
        assertEquals("a:b_c", MetricPoints.sanitize("a:b/c", true));
        assertEquals("a_b", MetricPoints.sanitize("a:b", false));
        assertEquals("0.005", MetricPoints.formatBound(0.005));
        assertEquals("1000", MetricPoints.formatBound(1000));
    }
}
