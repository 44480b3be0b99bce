package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.vigil.ingest.codec.Bodies.RECEIVED;
import static dev.vigil.ingest.codec.Bodies.lines;
import static dev.vigil.ingest.codec.Bodies.ts;
import static dev.vigil.ingest.codec.NativeJsonBodyTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Field handling of {@link NativeJsonDecoder#logs}. */
class NativeJsonLogsTest {
    private final NativeJsonDecoder decoder = new NativeJsonDecoder();

    private LogEvent one(String json) {
        Decoded<LogEvent> decoded = decoder.logs(lines(json), RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        assertEquals(1, decoded.events().size());
        return decoded.events().get(0);
    }

    private LineError onlyError(String json) {
        Decoded<LogEvent> decoded = decoder.logs(lines(json), RECEIVED);
        assertEquals(1, decoded.errorCount(), decoded.errors()::toString);
        return decoded.errors().get(0);
    }

    @Test
    void primaryFields() {
        LogEvent e = one("{\"timestamp\":\"2026-11-25T10:42:00.123456789Z\",\"service\":\"checkout\",\"host\":\"web-1\","
                + "\"level\":\"ERROR\",\"message\":\"boom\",\"attributes\":{\"route\":\"/pay\"}}");
        assertEquals(new LogEvent(ts("2026-11-25T10:42:00.123456789Z"), "checkout", "web-1", Level.ERROR, "boom",
                Map.of("route", "/pay")), e);
    }

    @Test
    void aliases() {
        assertEquals(new LogEvent(ts("2026-11-25T10:42:00Z"), "api", "h1", Level.WARN, "m1", Map.of()),
                one("{\"@timestamp\":\"2026-11-25T10:42:00Z\",\"service.name\":\"api\",\"hostname\":\"h1\",\"severity\":\"warning\",\"msg\":\"m1\"}"));
        assertEquals(new LogEvent(ts("2026-11-25T10:42:00Z"), "unknown", null, Level.DEBUG, "m2", Map.of()),
                one("{\"ts\":\"2026-11-25T12:42:00+02:00\",\"lvl\":\"dbg\",\"log\":\"m2\"}"));
        assertEquals("m3", one("{\"time\":1,\"line\":\"m3\"}").message());
    }

    @Test
    void defaultsWhenFieldsAreMissingOrNull() {
        LogEvent e = one("{\"message\":\"m\",\"host\":null,\"timestamp\":null,\"level\":null}");
        assertEquals(new LogEvent(RECEIVED, LogEvent.UNKNOWN_SERVICE, null, Level.INFO, "m", Map.of()), e);
    }

    @Test
    void epochNumbersAreScaledByMagnitude() {
        long expected = ts("2026-11-25T10:42:00Z");
        long seconds = expected / 1_000_000_000L;
        assertEquals(expected, one("{\"message\":\"m\",\"ts\":" + seconds + "}").timestampNanos());
        assertEquals(expected + 500_000_000L, one("{\"message\":\"m\",\"ts\":" + seconds + ".5}").timestampNanos());
        assertEquals(expected + 123_000_000L, one("{\"message\":\"m\",\"ts\":" + (seconds * 1000 + 123) + "}").timestampNanos());
        assertEquals(expected + 123_456_000L, one("{\"message\":\"m\",\"ts\":" + (seconds * 1_000_000 + 123_456) + "}").timestampNanos());
        // Integer nanoseconds must keep every digit, which a double could not.
        assertEquals(expected + 123_456_789L, one("{\"message\":\"m\",\"ts\":" + (expected + 123_456_789L) + "}").timestampNanos());
        assertEquals(expected + 7L, one("{\"message\":\"m\",\"ts\":\"" + (expected + 7L) + "\"}").timestampNanos());
    }

    @Test
    void attributesAreFlattened() {
        LogEvent e = one("{\"message\":\"m\",\"attributes\":{\"status\":500,\"ok\":false,\"ratio\":0.25,\"gone\":null,"
                + "\"http\":{\"method\":\"GET\",\"headers\":{\"accept\":\"*/*\"}},\"tags\":[\"a\", 1, {\"b\": null}],\"empty\":{}}}");
        assertEquals(Map.of("status", "500", "ok", "false", "ratio", "0.25", "http.method", "GET",
                "http.headers.accept", "*/*", "tags", "[\"a\",1,{\"b\":null}]"), e.attributes());
    }

    @Test
    void unknownTopLevelFieldsBecomeAttributes() {
        LogEvent e = one("{\"message\":\"m\",\"trace_id\":\"abc\",\"duration_ms\":12.5,"
                + "\"kubernetes\":{\"pod\":\"p-1\"},\"attributes\":{\"route\":\"/\"},\"kind\":\"Pod\"}");
        assertEquals(Map.of("trace_id", "abc", "duration_ms", "12.5", "kubernetes.pod", "p-1", "route", "/", "kind", "Pod"),
                e.attributes());
    }

    @Test
    void kindFieldOfEventJsonIsAcceptedAndOtherKindsRefused() {
        assertEquals(Map.of(), one("{\"kind\":\"log\",\"message\":\"m\"}").attributes());
        assertError(onlyError("{\"kind\":\"metric\",\"message\":\"m\"}"), 1, "kind", "is 'metric' but this endpoint takes log events");
    }

    @Test
    void laterFieldWinsAndErrorsUseTheSpellingTheClientWrote() {
        assertEquals("second", one("{\"msg\":\"first\",\"message\":\"second\"}").message());
        assertError(onlyError("{\"msg\":\"m\",\"host\":\"" + "h".repeat(300) + "\"}"), 1, "host", "is longer than 256 characters");
        assertError(onlyError("{\"msg\":\"m\",\"hostname\":\"" + "h".repeat(300) + "\"}"), 1, "hostname", "is longer than 256 characters");
        assertError(onlyError("{\"msg\":\"m\",\"ts\":-5}"), 1, "ts", "must be a positive epoch time");
    }

    @Test
    void wrongTypesNameTheField() {
        assertError(onlyError("{\"message\":\"m\",\"attributes\":\"x=1\"}"), 1, "attributes", "must be an object, not a string");
        assertError(onlyError("{\"message\":\"m\",\"service\":[\"a\"]}"), 1, "service", "must be a string, not an array");
        assertError(onlyError("{\"message\":\"m\",\"@timestamp\":{}}"), 1, "@timestamp",
                "must be an RFC 3339 string or an epoch number, not an object");
    }

    @Test
    void scalarsAreAcceptedForTextFields() {
        LogEvent e = one("{\"message\":42,\"host\":7}");
        assertEquals("42", e.message());
        assertEquals("7", e.host());
    }
}
