package dev.vigil.ingest.gelf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.Test;

class GelfDecoderTest {
    private final GelfDecoder decoder = new GelfDecoder();

    private LogEvent decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8), 1_000_000_000L);
    }

    private GelfException refused(String json) {
        return assertThrows(GelfException.class, () -> decode(json));
    }

    @Test
    void mapsTheSpecExample() {
        LogEvent event = decode("""
                {"version":"1.1","host":"example.org","short_message":"A short message that helps you identify what is going on",
                 "full_message":"Backtrace here\\n\\nmore stuff","timestamp":1385053862.3072,"level":1,
                 "_user_id":9001,"_some_info":"foo","_some_env_var":"bar","_id":"x1","_flag":true}""");
        assertEquals(1_385_053_862_307_200_000L, event.timestampNanos());
        assertEquals("example.org", event.host());
        assertEquals(Level.FATAL, event.level());
        assertEquals("unknown", event.service());
        assertEquals("A short message that helps you identify what is going on", event.message());
        assertEquals("Backtrace here\n\nmore stuff", event.attributes().get("full_message"));
        assertEquals("9001", event.attributes().get("user_id"));
        assertEquals("foo", event.attributes().get("some_info"));
        assertEquals("x1", event.attributes().get("gelf_id"));
        assertEquals("true", event.attributes().get("flag"));
        assertNull(event.attributes().get("id"));
    }

    @Test
    void levelsDefaultsAndService() {
        String base = "{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"m\"";
        assertEquals(Level.FATAL, decode(base + "}").level());
        assertEquals(1_000_000_000L, decode(base + "}").timestampNanos(), "no timestamp: the time received");
        Level[] expected = {Level.FATAL, Level.FATAL, Level.FATAL, Level.ERROR, Level.WARN, Level.INFO, Level.INFO, Level.DEBUG};
        for (int severity = 0; severity < 8; severity++) {
            assertEquals(expected[severity], decode(base + ",\"level\":" + severity + "}").level());
        }
        assertEquals("svc", decode(base + ",\"_service\":\"svc\",\"_app\":\"a\"}").service());
        assertEquals(null, decode(base + ",\"_service\":\"svc\"}").attributes().get("service"));
        assertEquals("a", decode(base + ",\"_app\":\"a\",\"facility\":\"f\"}").service());
        assertEquals("n", decode(base + ",\"_application_name\":\"n\",\"facility\":\"f\"}").service());
        assertEquals("f", decode(base + ",\"facility\":\"f\"}").service());
    }

    @Test
    void refusalsNameTheField() {
        assertEquals("short_message", refused("{\"version\":\"1.1\",\"host\":\"h\"}").field());
        assertEquals("missing_field", refused("{\"version\":\"1.1\",\"host\":\"h\"}").reason());
        assertEquals("host", refused("{\"version\":\"1.1\",\"short_message\":\"m\"}").field());
        assertEquals("version", refused("{\"version\":\"1.0\",\"host\":\"h\",\"short_message\":\"m\"}").field());
        assertEquals("host", refused("{\"version\":\"1.1\",\"host\":7,\"short_message\":\"m\"}").field());
        assertEquals("level", refused("{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"m\",\"level\":8}").field());
        assertEquals("timestamp", refused("{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"m\",\"timestamp\":[1]}").field());
        assertEquals("malformed_json", refused("{\"version\":\"1.1\",").reason());
        assertEquals("malformed_json", refused("\"just a string\"").reason());
        String huge = "x".repeat((1 << 20) + 1);
        GelfException tooLarge = refused("{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"m\",\"_big\":\"" + huge + "\"}");
        assertEquals("_big", tooLarge.field());
        assertEquals("too_large", tooLarge.reason());
        assertEquals("short_message", refused("{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"" + huge + "\"}").field());
    }

    @Test
    void decompression() throws IOException {
        byte[] json = "{\"version\":\"1.1\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json);
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
            out.write(json);
        }
        assertArrayEquals(json, GelfPayloads.decompress(gz.toByteArray(), 1000));
        assertArrayEquals(json, GelfPayloads.decompress(z.toByteArray(), 1000));
        assertArrayEquals(json, GelfPayloads.decompress(json, 1000));
        assertEquals("too_large", assertThrows(GelfException.class, () -> GelfPayloads.decompress(gz.toByteArray(), 5)).reason());
        byte[] truncated = java.util.Arrays.copyOf(z.toByteArray(), 6);
        assertEquals("bad_compression", assertThrows(GelfException.class, () -> GelfPayloads.decompress(truncated, 1000)).reason());
    }

    private static byte[] chunk(long id, int seq, int count, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(12 + bytes.length).put((byte) 0x1e).put((byte) 0x0f).putLong(id).put((byte) seq)
                .put((byte) count).put(bytes).array();
    }

    @Test
    void chunkReassembly() {
        GelfChunkAssembler assembler = new GelfChunkAssembler(5_000_000_000L, 2, 1000);
        assertEquals(GelfChunkAssembler.Outcome.PENDING, assembler.offer(chunk(1, 2, 3, "c"), 0).outcome());
        assertEquals(GelfChunkAssembler.Outcome.PENDING, assembler.offer(chunk(1, 0, 3, "a"), 0).outcome());
        assertEquals(GelfChunkAssembler.Outcome.DUPLICATE, assembler.offer(chunk(1, 0, 3, "a"), 0).outcome());
        GelfChunkAssembler.Offer done = assembler.offer(chunk(1, 1, 3, "b"), 0);
        assertEquals("abc", new String(done.message(), StandardCharsets.UTF_8));
        assertEquals(0, assembler.pendingMessages());
        assertEquals(0, assembler.pendingBytes());

        assertEquals("too_many_chunks", assertThrows(GelfException.class, () -> assembler.offer(chunk(2, 0, 129, "x"), 0)).reason());
        assertEquals("bad_chunk", assertThrows(GelfException.class, () -> assembler.offer(chunk(2, 3, 3, "x"), 0)).reason());
        assertEquals("bad_chunk", assertThrows(GelfException.class, () -> assembler.offer(new byte[] {0x1e, 0x0f, 1}, 0)).reason());

        assembler.offer(chunk(3, 0, 2, "x"), 0);
        assembler.offer(chunk(4, 0, 2, "y"), 1_000_000_000L);
        GelfException full = assertThrows(GelfException.class, () -> assembler.offer(chunk(5, 0, 2, "z"), 0));
        assertEquals("reassembly_full", full.reason());
        assertEquals(1, assembler.expire(5_500_000_000L), "only the message first seen at 0 is older than 5 s");
        assertEquals(1, assembler.expire(6_000_000_000L));
        assertEquals(0, assembler.pendingMessages());
        assertTrue(assembler.pendingBytes() == 0);
    }
}
