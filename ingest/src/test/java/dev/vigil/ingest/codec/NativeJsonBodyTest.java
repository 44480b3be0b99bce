package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.Test;

import static dev.vigil.ingest.codec.Bodies.RECEIVED;
import static dev.vigil.ingest.codec.Bodies.lines;
import static dev.vigil.ingest.codec.Bodies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Body-level behaviour of {@link NativeJsonDecoder}: splitting, line numbers, whole-line errors. */
class NativeJsonBodyTest {
    private final NativeJsonDecoder decoder = new NativeJsonDecoder();

    @Test
    void ndjsonSkipsBlankLinesAndToleratesCrLf() {
        byte[] body = utf8("{\"message\":\"a\"}\r\n\r\n   \n{\"message\":\"b\"}\r\n");
        Decoded<LogEvent> decoded = decoder.logs(body, RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        assertEquals(2, decoded.events().size());
        assertEquals("a", decoded.events().get(0).message());
        assertEquals("b", decoded.events().get(1).message());
    }

    @Test
    void malformedLineThreeOfFiveIsReportedOnLineThree() {
        Decoded<LogEvent> decoded = decoder.logs(lines(
                "{\"message\":\"1\"}",
                "{\"message\":\"2\"}",
                "{\"message\": oops}",
                "{\"message\":\"4\"}",
                "{\"message\":\"5\"}"), RECEIVED);
        assertFalse(decoded.ok());
        assertEquals(1, decoded.errorCount());
        LineError error = decoded.errors().get(0);
        assertEquals(3, error.line());
        assertNull(error.field());
        assertTrue(error.message().startsWith("malformed JSON: Unrecognized token 'oops'"), error.message());
        assertFalse(error.message().contains("Source"), error.message());
        assertTrue(decoded.events().isEmpty(), "a rejected body yields no events");
    }

    @Test
    void fieldErrorsInNdjsonNameLineAndField() {
        Decoded<LogEvent> decoded = decoder.logs(lines(
                "{\"message\":\"ok\"}",
                "{\"msg\":{\"nested\":true}}",
                "",
                "{\"message\":\"x\",\"timestamp\":\"yesterday\"}",
                "{\"message\":\"x\",\"level\":\"loud\"}",
                "{\"host\":\"h\"}"), RECEIVED);
        assertEquals(4, decoded.errorCount());
        assertError(decoded.errors().get(0), 2, "msg", "must be a string, not an object");
        assertError(decoded.errors().get(1), 4, "timestamp", "'yesterday' is not an RFC 3339 timestamp such as 2026-11-25T10:42:00.123Z");
        assertError(decoded.errors().get(2), 5, "level", "unknown level 'loud'; use one of trace, debug, info, warn, error, fatal");
        assertError(decoded.errors().get(3), 6, "message", "is required");
    }

    @Test
    void arrayBodyReportsTheLineWhereEachBadItemStarts() {
        Decoded<LogEvent> decoded = decoder.logs(lines(
                "[",
                "  {\"message\": \"fine\"},",
                "  {",
                "    \"message\": [1, 2],",
                "    \"host\": \"h\"",
                "  },",
                "  42,",
                "  {\"ts\": true,",
                "   \"message\": \"m\"}",
                "]"), RECEIVED);
        assertEquals(3, decoded.errorCount());
        assertError(decoded.errors().get(0), 3, "message", "must be a string, not an array");
        assertError(decoded.errors().get(1), 7, null, "expected a JSON object, found a number");
        assertError(decoded.errors().get(2), 8, "ts", "must be an RFC 3339 string or an epoch number, not a boolean");
    }

    @Test
    void arrayBodyDecodesAllItems() {
        Decoded<LogEvent> decoded = decoder.logs(utf8(" \n[{\"message\":\"a\"},{\"message\":\"b\"}]\n"), RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        assertEquals(2, decoded.events().size());
    }

    @Test
    void syntaxErrorInArrayStopsAtTheItemAndSaysWhere() {
        Decoded<LogEvent> decoded = decoder.logs(lines(
                "[{\"message\":\"a\"},",
                " {\"message\":",
                "   \"b\" \"c\"}]"), RECEIVED);
        assertEquals(1, decoded.errorCount());
        LineError error = decoded.errors().get(0);
        assertEquals(2, error.line());
        assertTrue(error.message().startsWith("malformed JSON: Unexpected character"), error.message());
        assertTrue(error.message().endsWith("(line 3, column 8)"), error.message());
    }

    @Test
    void unclosedArrayIsMalformed() {
        Decoded<LogEvent> decoded = decoder.logs(utf8("[{\"message\":\"a\"}"), RECEIVED);
        assertEquals(1, decoded.errorCount());
        assertTrue(decoded.errors().get(0).message().startsWith("malformed JSON: Unexpected end-of-input"),
                decoded.errors().get(0).message());
    }

    @Test
    void contentAfterTheArrayIsAnError() {
        Decoded<LogEvent> decoded = decoder.logs(lines("[{\"message\":\"a\"}]", "{\"message\":\"b\"}"), RECEIVED);
        assertEquals(1, decoded.errorCount());
        assertEquals(2, decoded.errors().get(0).line());
        assertEquals("malformed JSON: unexpected content after the closing ']'", decoded.errors().get(0).message());
    }

    @Test
    void ndjsonLineMustHoldOneObject() {
        Decoded<LogEvent> decoded = decoder.logs(lines(
                "\"just a string\"",
                "{\"message\":\"a\"} {\"message\":\"b\"}",
                "[1]"), RECEIVED);
        assertEquals(3, decoded.errorCount());
        assertError(decoded.errors().get(0), 1, null, "expected a JSON object, found a string");
        assertError(decoded.errors().get(1), 2, null, "malformed JSON: more than one JSON value on the line");
        assertError(decoded.errors().get(2), 3, null, "expected a JSON object, found an array");
    }

    @Test
    void emptyBodiesAreAnError() {
        for (String body : new String[]{"", "  \n\r\n", "[]", " [ ] "}) {
            Decoded<LogEvent> decoded = decoder.logs(utf8(body), RECEIVED);
            assertEquals(1, decoded.errorCount(), body);
            assertError(decoded.errors().get(0), 1, null, "no events in request body");
        }
    }

    @Test
    void errorsAreCappedButAllCounted() {
        String[] lines = new String[250];
        java.util.Arrays.fill(lines, "{\"level\":\"nope\",\"message\":\"m\"}");
        Decoded<LogEvent> decoded = decoder.logs(lines(lines), RECEIVED);
        assertEquals(250, decoded.errorCount());
        assertEquals(Decoded.MAX_ERRORS, decoded.errors().size());
        assertEquals(100, decoded.errors().get(99).line());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        byte[] json = utf8("[{\"message\":\"a\"}]");
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);
        Decoded<LogEvent> decoded = decoder.logs(body, RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
    }

    static void assertError(LineError error, int line, String field, String message) {
        assertEquals(new LineError(line, field, message), error);
    }
}
