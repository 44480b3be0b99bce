package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static dev.vigil.ingest.codec.Bodies.RECEIVED;
import static dev.vigil.ingest.codec.Bodies.ts;
import static dev.vigil.ingest.codec.Bodies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {
    private static final long T = ts("2026-11-25T10:42:00.123456789Z");
    private final NativeJsonDecoder decoder = new NativeJsonDecoder();

    @Test
    void writesKindFirstAndPrimaryNames() {
        assertEquals("{\"kind\":\"log\",\"timestamp\":\"2026-11-25T10:42:00.123456789Z\",\"service\":\"api\",\"level\":\"warn\","
                        + "\"message\":\"slow \\\"query\\\"\",\"attributes\":{\"a.b\":\"1\",\"route\":\"/x\"}}",
                EventJson.toJson(new LogEvent(T, "api", null, Level.WARN, "slow \"query\"", Map.of("route", "/x", "a.b", "1"))));
        assertEquals("{\"kind\":\"metric\",\"name\":\"up\",\"labels\":{\"job\":\"api\"},\"timestamp\":\"2026-11-25T10:42:00.123Z\",\"value\":1.5}",
                EventJson.toJson(new MetricSample("up", Map.of("job", "api"), ts("2026-11-25T10:42:00.123Z"), 1.5)));
        assertEquals("{\"kind\":\"span\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\","
                        + "\"service\":\"s\",\"operation\":\"op\",\"start\":\"2026-11-25T10:42:00.123456789Z\",\"duration_ns\":5,"
                        + "\"status\":\"unset\",\"attributes\":{}}",
                EventJson.toJson(new Span("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null, "s", "op", T, 5, null, null)));
    }

    @Test
    void nonFiniteValuesAreStrings() {
        assertTrue(EventJson.toJson(new MetricSample("m", null, T, Double.NaN)).endsWith("\"value\":\"NaN\"}"));
        assertTrue(EventJson.toJson(new MetricSample("m", null, T, Double.POSITIVE_INFINITY)).endsWith("\"value\":\"+Inf\"}"));
        assertTrue(EventJson.toJson(new MetricSample("m", null, T, Double.NEGATIVE_INFINITY)).endsWith("\"value\":\"-Inf\"}"));
    }

    @Test
    void logsRoundTrip() {
        roundTrip(decoder::logs, List.of(
                new LogEvent(T, "checkout", "web-1", Level.FATAL, "💥 ünïcode\nline two\t\"quoted\"",
                        Map.of("http.status", "500", "tags", "[\"a\",\"b\"]", "empty", "", "level", "shadowed?")),
                new LogEvent(T + 1, "unknown", null, Level.INFO, "", Map.of())));
    }

    @Test
    void metricsRoundTrip() {
        roundTrip(decoder::metrics, List.of(
                new MetricSample("http_requests_total", Map.of("code", "200", "path", "/a b"), T, 1027),
                new MetricSample("x", Map.of(), T, Double.NaN),
                new MetricSample("x", Map.of(), T, Double.NEGATIVE_INFINITY),
                new MetricSample("x", Map.of(), T, -0.0),
                new MetricSample("x", Map.of(), T, 4.9e-324),
                new MetricSample("x", Map.of(), T, 0.1 + 0.2)));
    }

    @Test
    void changesRoundTrip() {
        roundTrip(decoder::changes, List.of(
                new ChangeEvent(T, ChangeType.FEATURE_FLAG, "api", "v1", "prod", "blue_green", ChangeStatus.ROLLED_BACK,
                        "flip ✓", Map.of("author", "ana", "ticket", "OPS-1")),
                new ChangeEvent(T, ChangeType.DEPLOY, "api", null, null, null, null, null, null)));
    }

    @Test
    void spansRoundTrip() {
        roundTrip(decoder::spans, List.of(
                new Span("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "53995c3f42cd8ad8", "checkout", "POST /pay",
                        T, 123_456_789_012L, SpanStatus.ERROR, Map.of("db.statement", "select 1", "kind", "server")),
                new Span("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b8", null, "s", "op", T, 0, SpanStatus.OK, Map.of())));
    }

    private static <T extends Event> void roundTrip(BiFunction<byte[], Long, Decoded<T>> decode, List<T> events) {
        StringBuilder ndjson = new StringBuilder();
        for (T event : events) {
            ndjson.append(EventJson.toJson(event)).append('\n');
        }
        Decoded<T> decoded = decode.apply(utf8(ndjson.toString()), RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        assertEquals(events, decoded.events());
    }
}
