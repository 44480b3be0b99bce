package dev.vigil.ingest.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class BulkDecoderTest {
    private static final long NOW = Timestamps.toNanos(Instant.parse("2026-11-25T12:00:00Z"));
    private final BulkDecoder decoder = new BulkDecoder();

    private BulkBatch decode(String body, String pathIndex) {
        return decoder.decode(body.getBytes(StandardCharsets.UTF_8), pathIndex, NOW);
    }

    private LogEvent one(String source) {
        BulkBatch batch = decode("{\"index\":{\"_index\":\"logs\",\"_id\":\"d1\"}}\n" + source + "\n", null);
        assertEquals(1, batch.items().size());
        BulkItem item = batch.items().get(0);
        assertFalse(item.failed(), () -> "item failed: " + item);
        return item.event();
    }

    @Test
    void flatAndNestedDocumentsMapToTheSameEvent() {
        LogEvent nested = one("{\"@timestamp\":\"2026-11-25T10:42:00.123Z\",\"message\":\"disk full\",\"service\":{\"name\":\"db\"},"
                + "\"host\":{\"name\":\"h1\"},\"log\":{\"level\":\"error\",\"file\":{\"path\":\"/var/log/x\"}},\"tags\":[\"a\",\"b\"],\"n\":3,\"z\":null}");
        LogEvent flat = one("{\"@timestamp\":\"2026-11-25T10:42:00.123Z\",\"message\":\"disk full\",\"service.name\":\"db\","
                + "\"host.name\":\"h1\",\"log.level\":\"error\",\"log.file.path\":\"/var/log/x\",\"tags\":[\"a\",\"b\"],\"n\":3}");
        assertEquals(nested, flat);
        assertEquals(Timestamps.toNanos(Instant.parse("2026-11-25T10:42:00.123Z")), nested.timestampNanos());
        assertEquals("disk full", nested.message());
        assertEquals("db", nested.service());
        assertEquals("h1", nested.host());
        assertEquals(Level.ERROR, nested.level());
        assertEquals("/var/log/x", nested.attributes().get("log.file.path"));
        assertEquals("[\"a\",\"b\"]", nested.attributes().get("tags"));
        assertEquals("3", nested.attributes().get("n"));
        assertEquals("logs", nested.attributes().get("index"));
        assertEquals("d1", nested.attributes().get("_id"));
        assertFalse(nested.attributes().containsKey("z"));
        assertFalse(nested.attributes().containsKey("service.name"), "fields used for the event are not repeated");
    }

    @Test
    void fallbackFieldsAndWholeSourceAsMessage() {
        LogEvent e = one("{\"log\":\"from docker\",\"app\":\"web\",\"hostname\":\"h2\",\"severity\":\"3\"}");
        assertEquals("from docker", e.message());
        assertEquals("web", e.service());
        assertEquals("h2", e.host());
        assertEquals(Level.ERROR, e.level());
        assertEquals(NOW, e.timestampNanos(), "missing @timestamp means now");

        LogEvent k8s = one("{\"msg\":\"m\",\"kubernetes\":{\"container\":{\"name\":\"api\"}},\"level\":\"chatty\"}");
        assertEquals("api", k8s.service());
        assertEquals(Level.INFO, k8s.level());
        assertEquals("chatty", k8s.attributes().get("level"), "an unknown level is kept as an attribute");

        String source = "{\"user\":\"u1\",\"action\":\"login\"}";
        LogEvent whole = one(source);
        assertEquals(source, whole.message());
        assertEquals("u1", whole.attributes().get("user"));
    }

    @Test
    void timestampSpellings() {
        long expected = Timestamps.toNanos(Instant.parse("2026-11-25T10:42:00Z"));
        for (String ts : List.of("\"2026-11-25T10:42:00Z\"", "\"2026-11-25T11:42:00+01:00\"", "\"2026-11-25T11:42:00+0100\"",
                "\"2026-11-25 10:42:00\"", "\"2026-11-25T10:42:00\"", "1795603320000", "1795603320", "\"1795603320000\"", "1795603320.0")) {
            assertEquals(expected, one("{\"@timestamp\":" + ts + ",\"message\":\"m\"}").timestampNanos(), ts);
        }
        assertEquals(Timestamps.toNanos(Instant.parse("2026-11-25T00:00:00Z")),
                one("{\"@timestamp\":\"2026-11-25\",\"message\":\"m\"}").timestampNanos());
        assertEquals(expected + 123_456_789, one("{\"@timestamp\":\"2026-11-25T10:42:00.123456789Z\",\"message\":\"m\"}").timestampNanos());
        assertEquals(expected + 500_000_000, one("{\"@timestamp\":\"2026-11-25T07:42:00.5-03:00\",\"message\":\"m\"}").timestampNanos());
        BulkItem impossible = decode("{\"index\":{\"_index\":\"l\"}}\n{\"@timestamp\":\"2026-02-30T10:42:00Z\",\"message\":\"m\"}\n", null)
                .items().get(0);
        assertTrue(impossible.failed() && impossible.errorReason().contains("2026-02-30"), impossible::toString);
        assertEquals(NOW, one("{\"@timestamp\":\"\",\"message\":\"m\"}").timestampNanos());
        assertEquals(NOW, one("{\"@timestamp\":0,\"message\":\"m\"}").timestampNanos());
    }

    @Test
    void invalidItemsFailAloneAndNameTheField() {
        String body = "{\"index\":{\"_index\":\"logs\"}}\n{\"@timestamp\":\"yesterday\",\"message\":\"bad\"}\n"
                + "{\"create\":{\"_index\":\"logs\"}}\n{\"message\":\"good\"}\n"
                + "{\"index\":{\"_index\":\"logs\"}}\n{\"message\":\"broken\n"
                + "{\"index\":{\"_index\":\"logs\"}}\n[1,2]\n"
                + "{\"index\":{\"_index\":\"Logs\"}}\n{\"message\":\"upper\"}\n"
                + "{\"update\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n{\"doc\":{}}\n"
                + "{\"delete\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n"
                + "{\"index\":{\"_index\":\"logs\"}}\n{\"@timestamp\":{\"a\":1},\"message\":\"obj\"}\n";
        BulkBatch batch = decode(body, null);
        List<BulkItem> items = batch.items();
        assertEquals(8, items.size());
        assertEquals(7, batch.failedCount());
        assertEquals(List.of("good"), batch.events().stream().map(LogEvent::message).toList());
        assertEquals("create", items.get(1).action());
        assertTrue(items.get(0).errorReason().contains("[@timestamp]") && items.get(0).errorReason().contains("yesterday"), items.get(0).errorReason());
        assertEquals("document_parsing_exception", items.get(0).errorType());
        assertTrue(items.get(2).errorReason().contains("malformed JSON") && items.get(2).errorReason().contains("line 6"), items.get(2).errorReason());
        assertTrue(items.get(3).errorReason().contains("JSON object, not an array"), items.get(3).errorReason());
        assertEquals("invalid_index_name_exception", items.get(4).errorType());
        assertTrue(items.get(4).errorReason().contains("lowercase"));
        assertTrue(items.get(5).errorReason().contains("append-only") && items.get(5).errorReason().contains("[update]"));
        assertTrue(items.get(6).errorReason().contains("append-only") && items.get(6).errorReason().contains("[delete]"));
        assertEquals(400, items.get(6).errorStatus());
        assertTrue(items.get(7).errorReason().contains("[@timestamp]"), items.get(7).errorReason());
        assertNull(items.get(1).errorType());
        assertEquals(20, items.get(1).id().length(), "generated ids look like Elasticsearch's");
    }

    @Test
    void hugeAndBadUtf8ValuesAreItemErrors() {
        String huge = "x".repeat((1 << 20) + 1);
        BulkBatch batch = decode("{\"index\":{\"_index\":\"logs\"}}\n{\"message\":\"" + huge + "\"}\n"
                + "{\"index\":{\"_index\":\"logs\"}}\n{\"service\":\"" + "s".repeat(300) + "\",\"message\":\"m\"}\n", null);
        assertTrue(batch.items().get(0).errorReason().contains("[message]"), batch.items().get(0).errorReason());
        assertTrue(batch.items().get(1).errorReason().contains("[service]"), batch.items().get(1).errorReason());

        byte[] bad = "{\"index\":{\"_index\":\"logs\"}}\n{\"message\":\"a\u00ffb\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        BulkBatch utf8 = decoder.decode(bad, null, NOW);
        assertTrue(utf8.items().get(0).failed());
        assertTrue(utf8.items().get(0).errorReason().contains("UTF-8"), utf8.items().get(0).errorReason());
    }

    @Test
    void pathIndexIsTheDefaultAndActionIndexWins() {
        BulkBatch batch = decode("{\"index\":{}}\n{\"message\":\"a\"}\n\n{\"create\":{\"_index\":\"other\",\"_type\":\"_doc\"}}\r\n{\"message\":\"b\"}\r\n", "path-index");
        assertEquals(List.of("path-index", "other"), batch.items().stream().map(BulkItem::index).toList());
        assertEquals("path-index", batch.events().get(0).attributes().get("index"));
    }

    @Test
    void malformedRequestsAreRefusedWhole() {
        assertReason("The bulk request must be terminated by a newline [\\n]", "{\"index\":{\"_index\":\"l\"}}\n{\"message\":\"a\"}");
        assertReason("request body is required", "");
        assertReason("has no source line", "{\"index\":{\"_index\":\"l\"}}\n{\"message\":\"a\"}\n{\"index\":{\"_index\":\"l\"}}\n");
        assertReason("expected field [create], [delete], [index] or [update] but found [upsert]", "{\"upsert\":{}}\n{}\n");
        assertReason("line [3]", "{\"index\":{\"_index\":\"l\"}}\n{\"message\":\"a\"}\n{\"index\":\n{}\n");
        assertReason("index is missing", "{\"index\":{}}\n{\"message\":\"a\"}\n");
        assertReason("no requests added", "\n\n");
        assertReason("expected END_OBJECT", "{\"index\":{},\"create\":{}}\n{}\n");
    }

    private void assertReason(String expected, String body) {
        BulkFormatException e = assertThrows(BulkFormatException.class, () -> decode(body, null));
        assertTrue(e.reason().contains(expected), () -> "expected '" + expected + "' in: " + e.reason());
    }
}
