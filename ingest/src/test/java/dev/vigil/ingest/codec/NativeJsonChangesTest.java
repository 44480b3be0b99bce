package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.vigil.ingest.codec.Bodies.RECEIVED;
import static dev.vigil.ingest.codec.Bodies.lines;
import static dev.vigil.ingest.codec.Bodies.ts;
import static dev.vigil.ingest.codec.NativeJsonBodyTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Field handling of {@link NativeJsonDecoder#changes}. */
class NativeJsonChangesTest {
    private final NativeJsonDecoder decoder = new NativeJsonDecoder();

    private ChangeEvent one(String json) {
        Decoded<ChangeEvent> decoded = decoder.changes(lines(json), RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        return decoded.events().get(0);
    }

    @Test
    void primaryFields() {
        assertEquals(new ChangeEvent(ts("2026-11-25T10:40:00Z"), ChangeType.DEPLOY, "checkout", "v2.4.1", "production",
                        "canary", ChangeStatus.STARTED, "ship it", Map.of("commit", "abc123")),
                one("{\"timestamp\":\"2026-11-25T10:40:00Z\",\"type\":\"deploy\",\"service\":\"checkout\",\"version\":\"v2.4.1\","
                        + "\"environment\":\"production\",\"strategy\":\"canary\",\"status\":\"started\",\"description\":\"ship it\","
                        + "\"attributes\":{\"commit\":\"abc123\"}}"));
    }

    @Test
    void aliasesDefaultsAndUnknownFields() {
        assertEquals(new ChangeEvent(RECEIVED, ChangeType.CONFIG_CHANGE, "api", "42", "staging", null,
                        ChangeStatus.SUCCEEDED, "raise pool size", Map.of("author", "ana", "ticket.id", "OPS-1")),
                one("{\"type\":\"config\",\"service\":\"api\",\"version\":42,\"env\":\"staging\",\"message\":\"raise pool size\","
                        + "\"author\":\"ana\",\"ticket\":{\"id\":\"OPS-1\"},\"kind\":\"change\"}"));
    }

    @Test
    void errorsNameTheField() {
        Decoded<ChangeEvent> decoded = decoder.changes(lines(
                "{\"service\":\"a\"}",
                "{\"type\":\"deploy\"}",
                "{\"type\":\"deploy\",\"service\":\"a\",\"env\":{\"name\":\"prod\"}}",
                "{\"type\":\"deploy\",\"service\":\"a\",\"strategy\":\"yolo\"}",
                "{\"type\":\"deploy\",\"service\":\"a\",\"status\":\"meh\"}",
                "{\"type\":\"deploy\",\"service\":\"a\",\"env\":\"" + "e".repeat(257) + "\"}"), RECEIVED);
        assertEquals(6, decoded.errorCount());
        assertEquals("type", decoded.errors().get(0).field());
        assertError(decoded.errors().get(1), 2, "service", "is required and must not be blank");
        assertError(decoded.errors().get(2), 3, "env", "must be a string, not an object");
        assertEquals("strategy", decoded.errors().get(3).field());
        assertEquals("status", decoded.errors().get(4).field());
        assertError(decoded.errors().get(5), 6, "env", "is longer than 256 characters");
    }
}
