package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.vigil.ingest.codec.Bodies.RECEIVED;
import static dev.vigil.ingest.codec.Bodies.lines;
import static dev.vigil.ingest.codec.Bodies.ts;
import static dev.vigil.ingest.codec.NativeJsonBodyTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Field handling of {@link NativeJsonDecoder#spans}. */
class NativeJsonSpansTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String PARENT = "53995c3f42cd8ad8";
    private final NativeJsonDecoder decoder = new NativeJsonDecoder();

    private Span one(String json) {
        Decoded<Span> decoded = decoder.spans(lines(json), RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        return decoded.events().get(0);
    }

    @Test
    void primaryFields() {
        assertEquals(new Span(TRACE, SPAN, PARENT, "checkout", "POST /pay", ts("2026-11-25T10:42:00Z"), 1500,
                        SpanStatus.ERROR, Map.of("http.status_code", "500")),
                one("{\"trace_id\":\"" + TRACE + "\",\"span_id\":\"" + SPAN + "\",\"parent_span_id\":\"" + PARENT + "\","
                        + "\"service\":\"checkout\",\"operation\":\"POST /pay\",\"start\":\"2026-11-25T10:42:00Z\","
                        + "\"duration_ns\":1500,\"status\":\"error\",\"attributes\":{\"http\":{\"status_code\":500}}}"));
    }

    @Test
    void aliasesAndDurationForms() {
        String ids = "\"traceId\":\"" + TRACE.toUpperCase() + "\",\"spanId\":\"" + SPAN + "\",\"service\":\"s\",\"name\":\"op\"";
        Span viaMs = one("{" + ids + ",\"parentSpanId\":\"" + PARENT + "\",\"timestamp\":\"2026-11-25T10:42:00Z\",\"duration_ms\":2.5}");
        assertEquals(new Span(TRACE, SPAN, PARENT, "s", "op", ts("2026-11-25T10:42:00Z"), 2_500_000, SpanStatus.UNSET, Map.of()), viaMs);

        Span viaEnd = one("{" + ids + ",\"parent_id\":\"" + PARENT + "\",\"start\":\"2026-11-25T10:42:00Z\","
                + "\"end\":\"2026-11-25T10:42:00.000000250Z\",\"status\":\"STATUS_CODE_OK\"}");
        assertEquals(250, viaEnd.durationNanos());
        assertEquals(PARENT, viaEnd.parentSpanId());
        assertEquals(SpanStatus.OK, viaEnd.status());

        Span viaString = one("{" + ids + ",\"duration_ns\":\"123\",\"duration_ms\":99,\"kind\":\"SPAN_KIND_SERVER\"}");
        assertEquals(123, viaString.durationNanos(), "duration_ns wins over duration_ms");
        assertEquals(RECEIVED, viaString.startNanos());
        assertEquals(Map.of("kind", "SPAN_KIND_SERVER"), viaString.attributes());
    }

    @Test
    void errorsNameTheFieldAsWritten() {
        String ids = "\"trace_id\":\"" + TRACE + "\",\"span_id\":\"" + SPAN + "\",\"service\":\"s\",\"operation\":\"op\"";
        Decoded<Span> decoded = decoder.spans(lines(
                "{" + ids + "}",
                "{" + ids + ",\"duration_ns\":1.5}",
                "{" + ids + ",\"start\":\"2026-11-25T10:42:01Z\",\"end\":\"2026-11-25T10:42:00Z\"}",
                "{\"traceId\":\"xyz\",\"span_id\":\"" + SPAN + "\",\"service\":\"s\",\"operation\":\"op\",\"duration_ns\":1}",
                "{" + ids + ",\"duration_ms\":-1}",
                "{" + ids + ",\"duration_ns\":1,\"status\":\"weird\"}"), RECEIVED);
        assertEquals(6, decoded.errorCount());
        assertError(decoded.errors().get(0), 1, "duration_ns", "is required (or give duration_ms or end)");
        assertError(decoded.errors().get(1), 2, "duration_ns", "must be an integer number of nanoseconds");
        assertError(decoded.errors().get(2), 3, "end", "must not be negative");
        assertError(decoded.errors().get(3), 4, "traceId", "must be 32 hex digits, got 'xyz'");
        assertError(decoded.errors().get(4), 5, "duration_ms", "must not be negative");
        assertEquals("status", decoded.errors().get(5).field());
    }
}
