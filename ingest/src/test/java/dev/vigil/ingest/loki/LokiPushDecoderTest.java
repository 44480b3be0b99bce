package dev.vigil.ingest.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedOutputStream;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class LokiPushDecoderTest {
    private final LokiPushDecoder decoder = new LokiPushDecoder(1 << 20);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ----------------------------------------------------------------------- protobuf builder

    /** A message being written: fields appended in order. */
    static final class Msg {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        Msg string(int field, String value) {
            try {
                out.writeString(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Msg raw(int field, byte[] value) {
            try {
                out.writeByteArray(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Msg message(int field, Msg value) {
            return raw(field, value.bytes());
        }

        Msg varint(int field, long value) {
            try {
                out.writeInt64(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] bytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    static Msg entry(long seconds, int nanos, String line, String... metadata) {
        Msg entry = new Msg().message(1, new Msg().varint(1, seconds).varint(2, nanos)).string(2, line);
        for (int i = 0; i + 1 < metadata.length; i += 2) {
            entry.message(3, new Msg().string(1, metadata[i]).string(2, metadata[i + 1]));
        }
        return entry;
    }

    static byte[] snappy(byte[] data) {
        try {
            return Snappy.compress(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // -------------------------------------------------------------------------------- JSON

    @Test
    void jsonStreamsBecomeLogEventsWithLabelsMetadataAndTenant() {
        String body = """
                {"streams":[
                  {"stream":{"service_name":"checkout","app":"shop","host":"h1","level":"warn","env":"prod"},
                   "values":[["1700000000123456789","first line"],["1700000001000000000","second",{"trace_id":"abc","level":"error"}]]},
                  {"values":[["1700000002000000000","third",{"severity":"error"}]], "stream":{"job":"batch","instance":"10.0.0.1:9"}, "extra":1}
                ], "unknown":{"x":[1,2]}}
                """;
        LokiDecoded decoded = decoder.json(utf8(body), "acme");
        assertTrue(decoded.ok(), () -> decoded.errors().toString());
        assertEquals(3, decoded.entries());
        List<LogEvent> events = decoded.events();
        assertEquals(3, events.size());
        LogEvent first = events.get(0);
        assertEquals(1700000000123456789L, first.timestampNanos());
        assertEquals("checkout", first.service());
        assertEquals("h1", first.host());
        assertEquals(Level.WARN, first.level());
        assertEquals("first line", first.message());
        assertEquals(Map.of("service_name", "checkout", "app", "shop", "host", "h1", "level", "warn", "env", "prod", "tenant", "acme"),
                first.attributes());
        LogEvent second = events.get(1);
        assertEquals(Level.WARN, second.level(), "the stream label wins over structured metadata for the level");
        assertEquals("abc", second.attributes().get("trace_id"));
        assertEquals("error", second.attributes().get("level"), "structured metadata wins on a key clash");
        LogEvent third = events.get(2);
        assertEquals("batch", third.service());
        assertEquals("10.0.0.1:9", third.host());
        assertEquals(Level.ERROR, third.level(), "level from structured metadata when no label has it");
    }

    @Test
    void serviceFallsBackThroughServiceAppJobAndLevelDefaultsToInfo() {
        assertEquals("s", only("{\"service\":\"s\",\"app\":\"a\",\"job\":\"j\"}").service());
        assertEquals("a", only("{\"app\":\"a\",\"job\":\"j\"}").service());
        assertEquals("j", only("{\"job\":\"j\"}").service());
        LogEvent none = only("{\"env\":\"x\"}");
        assertEquals(LogEvent.UNKNOWN_SERVICE, none.service());
        assertNull(none.host());
        assertEquals(Level.INFO, none.level());
        assertFalse(none.attributes().containsKey("tenant"), "no tenant attribute without the header");
        LogEvent odd = only("{\"app\":\"a\",\"detected_level\":\"unknown\"}");
        assertEquals(Level.INFO, odd.level());
        assertEquals("unknown", odd.attributes().get("detected_level"));
    }

    private LogEvent only(String stream) {
        LokiDecoded decoded = decoder.json(utf8("{\"streams\":[{\"stream\":" + stream + ",\"values\":[[\"1700000000000000000\",\"x\"]]}]}"), null);
        assertTrue(decoded.ok(), () -> decoded.errors().toString());
        return decoded.events().get(0);
    }

    @Test
    void emptyStreamsIsAValidEmptyPush() {
        LokiDecoded decoded = decoder.json(utf8("{\"streams\":[]}"), null);
        assertTrue(decoded.ok());
        assertTrue(decoded.events().isEmpty());
    }

    @Test
    void jsonErrorsNameStreamEntryAndField() {
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"ok\"],[\"17e9\",\"bad\"]]}]}",
                0, 1, "timestamp", "not a Unix epoch in nanoseconds");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[1700000000000000000,\"x\"]]}]}", 0, 0, "timestamp", "got a number");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"99999999999999999999\",\"x\"]]}]}", 0, 0, "timestamp", "not a Unix epoch");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"0\",\"x\"]]}]}", 0, 0, "timestamp", "after 1970");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",5]]}]}", 0, 0, "line", "must be a string");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\"]]}]}", 0, 0, "line", "is missing");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[]]}]}", 0, 0, "timestamp", "is missing");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"x\",{\"k\":1}]]}]}",
                0, 0, "structuredMetadata.k", "must be a string");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"x\",[]]]}]}",
                0, 0, "structuredMetadata", "must be an object");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"x\",{},\"y\"]]}]}", 0, 0, "values", "at most 3");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":\"x\"}]}", 0, -1, "values", "must be an array");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[\"x\"]}]}", 0, 0, "values", "must be an array");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"}}]}", 0, -1, "values", "is required");
        assertError("{\"streams\":[{\"values\":[]}]}", 0, -1, "stream", "is required");
        assertError("{\"streams\":[{\"stream\":{},\"values\":[]}]}", 0, -1, "labels", "at least one label");
        assertError("{\"streams\":[{\"stream\":{\"a\":1},\"values\":[]}]}", 0, -1, "stream.a", "must be strings");
        assertError("{\"streams\":[{\"stream\":{\"a-b\":\"x\"},\"values\":[]}]}", 0, -1, "labels", "is invalid");
        assertError("{\"streams\":[{\"stream\":\"{a=\\\"b\\\"}\",\"values\":[]}]}", 0, -1, "stream", "must be an object");
        assertError("{\"streams\":[5]}", 0, -1, "stream", "must be an object");
        assertError("{\"streams\":{}}", -1, -1, "streams", "must be an array");
        assertError("{}", -1, -1, "streams", "is required");
        assertError("[]", -1, -1, "body", "must be a JSON object");
        assertError("", -1, -1, "body", "is empty");
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"x\"]", 0, 0, "body", "malformed JSON");
        assertError("{\"streams\":[]} {}", -1, -1, "body", "unexpected content");
    }

    @Test
    void invalidUtf8InJsonIsRefused() {
        byte[] body = utf8("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"XX\"]]}]}");
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("XX");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;
        LokiDecoded decoded = decoder.json(body, null);
        assertFalse(decoded.ok());
        assertTrue(decoded.errors().get(0).message().contains("UTF-8"), decoded.errors().toString());
        assertEquals(0, decoded.errors().get(0).stream());
        assertEquals(0, decoded.errors().get(0).entry());
    }

    @Test
    void oneBadEntryRefusesTheWholeRequestAndAllErrorsAreListed() {
        LokiDecoded decoded = decoder.json(utf8("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":["
                + "[\"1700000000000000000\",\"ok\"],[\"x\",\"bad\"],[\"1700000000000000000\",\"ok\"],[\"y\",\"bad\"]]}]}"), null);
        assertFalse(decoded.ok());
        assertTrue(decoded.events().isEmpty());
        assertEquals(2, decoded.errorCount());
        assertEquals(List.of(1, 3), decoded.errors().stream().map(LokiError::entry).toList());
    }

    @Test
    void limitsAreNamed() {
        String big = "v".repeat(LokiPushDecoder.MAX_LABEL_VALUE + 1);
        assertError("{\"streams\":[{\"stream\":{\"a\":\"" + big + "\"},\"values\":[]}]}", 0, -1, "labels.a", "label value limit of 2048");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= LokiPushDecoder.MAX_LABELS; i++) {
            many.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
        }
        assertError("{\"streams\":[{\"stream\":" + many + "},\"values\":[]}]}", 0, -1, "labels", "limit of 64 labels");
        String line = "x".repeat(LokiPushDecoder.MAX_LINE + 1);
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"" + line + "\"]]}]}",
                0, 0, "line", "line limit of 1048576");
        String meta = "m".repeat(LokiPushDecoder.MAX_METADATA_VALUE + 1);
        assertError("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1700000000000000000\",\"x\",{\"k\":\"" + meta + "\"}]]}]}",
                0, 0, "structuredMetadata.k", "value limit of 65536");
        LokiDecoded tenant = decoder.json(utf8("{\"streams\":[]}"), "t".repeat(151));
        assertEquals("X-Scope-OrgID", tenant.errors().get(0).field());
    }

    private void assertError(String body, int stream, int entry, String field, String fragment) {
        LokiDecoded decoded = decoder.json(utf8(body), null);
        assertError(decoded, body.length() > 200 ? body.substring(0, 200) : body, stream, entry, field, fragment);
    }

    private static void assertError(LokiDecoded decoded, String what, int stream, int entry, String field, String fragment) {
        assertFalse(decoded.ok(), () -> "should refuse " + what);
        assertTrue(decoded.events().isEmpty());
        LokiError error = decoded.errors().get(0);
        assertEquals(field, error.field(), () -> what + " -> " + error);
        assertEquals(stream, error.stream(), () -> what + " -> " + error);
        assertEquals(entry, error.entry(), () -> what + " -> " + error);
        assertTrue(error.message().contains(fragment), () -> what + " -> " + error);
    }

    // ---------------------------------------------------------------------------- protobuf

    @Test
    void protobufPushRequestDecodes() {
        byte[] proto = new Msg()
                .message(1, new Msg()
                        .message(2, entry(1700000000, 5, "proto one"))
                        .string(1, "{app=\"api\", level=\"error\", note=\"say \\\"hi\\\"\"}")
                        .varint(3, 12345)
                        .message(2, entry(1700000001, 0, "proto two", "trace_id", "t-1", "user", "ü"))
                        .message(9, new Msg().string(1, "unknown nested")))
                .string(2, "newer-format-field")
                .message(1, new Msg().string(1, "{service_name=\"svc\", hostname=\"box\"}")
                        .message(2, new Msg().message(1, new Msg().varint(1, 1700000002)).string(2, "proto three")
                                .message(4, new Msg().string(1, "parsed").string(2, "ignored"))))
                .bytes();
        LokiDecoded decoded = decoder.protobuf(snappy(proto), "team-a");
        assertTrue(decoded.ok(), () -> decoded.errors().toString());
        List<LogEvent> events = decoded.events();
        assertEquals(3, events.size());
        assertEquals(1700000000_000000005L, events.get(0).timestampNanos());
        assertEquals("api", events.get(0).service());
        assertEquals(Level.ERROR, events.get(0).level());
        assertEquals("say \"hi\"", events.get(0).attributes().get("note"));
        assertEquals("team-a", events.get(0).attributes().get("tenant"));
        assertEquals(Map.of("app", "api", "level", "error", "note", "say \"hi\"", "tenant", "team-a", "trace_id", "t-1", "user", "ü"),
                events.get(1).attributes());
        assertEquals("proto two", events.get(1).message());
        assertEquals("svc", events.get(2).service());
        assertEquals("box", events.get(2).host());
        assertFalse(events.get(2).attributes().containsKey("parsed"), "parsed labels (query-only) are not stored");
        assertEquals(1700000002_000000000L, events.get(2).timestampNanos());
    }

    @Test
    void protobufErrorsNameStreamEntryAndField() {
        byte[] good = new Msg().message(1, new Msg().string(1, "{a=\"b\"}").message(2, entry(1700000000, 0, "x"))).bytes();
        assertTrue(decoder.protobuf(snappy(good), null).ok());

        assertProto(snappy(Arrays.copyOf(good, good.length - 3)), 0, -1, "body", "input ended unexpectedly");
        assertProto(snappy(new Msg().message(1, new Msg().string(1, "{a=b}").message(2, entry(1700000000, 0, "x"))).bytes()),
                0, -1, "labels", "expected a quoted label value");
        assertProto(snappy(new Msg().message(1, new Msg().message(2, entry(1700000000, 0, "x"))).bytes()), 0, -1, "labels", "is required");
        assertProto(snappy(new Msg().message(1, new Msg().string(1, "{}")).bytes()), 0, -1, "labels", "at least one label");
        assertProto(snappy(new Msg().message(1, new Msg().string(1, "{a=\"b\"}").message(2, new Msg().string(2, "no ts"))).bytes()),
                0, 0, "timestamp", "is required");
        assertProto(snappy(new Msg().message(1, new Msg().string(1, "{a=\"b\"}").message(2, entry(1700000000, 0, "ok"))
                .message(2, entry(1700000000, 1_000_000_000, "x"))).bytes()), 0, 1, "timestamp", "nanos must be between");
        assertProto(snappy(new Msg().message(1, new Msg().string(1, "{a=\"b\"}").message(2, entry(-5, 0, "x"))).bytes()),
                0, 0, "timestamp", "after 1970");
        assertProto(snappy(new Msg().message(1, new Msg().string(1, "{a=\"b\"}").message(2, entry(Long.MAX_VALUE / 10, 0, "x"))).bytes()),
                0, 0, "timestamp", "out of range");
        assertProto(snappy(new Msg().varint(1, 7).bytes()), -1, -1, "streams", "wire type 0");
        assertProto(snappy(new Msg().message(1, new Msg().varint(2, 1)).bytes()), 0, -1, "entries", "wire type 0");
        assertProto(snappy(new Msg().message(1, new Msg().string(1, "{a=\"b\"}").message(2,
                new Msg().message(1, new Msg().string(1, "x")))).bytes()), 0, 0, "timestamp", "wire type 2");

        byte[] badUtf8 = new Msg().message(1, new Msg().string(1, "{a=\"b\"}").message(2,
                new Msg().message(1, new Msg().varint(1, 1700000000)).raw(2, new byte[] {'o', (byte) 0xff, 'k'}))).bytes();
        assertProto(snappy(badUtf8), 0, 0, "line", "not valid UTF-8");
        byte[] badLabelUtf8 = new Msg().message(1, new Msg().raw(1, new byte[] {'{', 'a', '=', '"', (byte) 0xc3, '"', '}'})).bytes();
        assertProto(snappy(badLabelUtf8), 0, -1, "labels", "not valid UTF-8");

        assertProto(good, -1, -1, "body", "not valid snappy");
        assertProto(new byte[0], -1, -1, "body", "is empty");
        byte[] framed = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y', 0, 0};
        assertProto(framed, -1, -1, "body", "framing");
        byte[] truncatedSnappy = snappy(good);
        assertProto(Arrays.copyOf(truncatedSnappy, truncatedSnappy.length - 2), -1, -1, "body", "not valid snappy");
    }

    @Test
    void snappyBombIsRefusedBeforeDecompressing() {
        byte[] huge = snappy(new byte[2 << 20]);
        LokiBodyTooLargeException e = assertThrows(LokiBodyTooLargeException.class, () -> decoder.protobuf(huge, null));
        assertEquals(1 << 20, e.limit());
        assertTrue(e.getMessage().contains("body limit of 1048576 bytes"));
    }

    private void assertProto(byte[] body, int stream, int entry, String field, String fragment) {
        assertError(decoder.protobuf(body, null), "protobuf case " + field + "/" + fragment, stream, entry, field, fragment);
    }
}
