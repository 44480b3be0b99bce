package dev.vigil.api.receivers.gelf;

import static dev.vigil.api.receivers.gelf.GelfTestNode.bytes;
import static dev.vigil.api.receivers.gelf.GelfTestNode.gelf;
import static dev.vigil.api.receivers.gelf.GelfTestNode.gzip;
import static dev.vigil.api.receivers.gelf.GelfTestNode.zlib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GELF over UDP on a real node: compression, chunking and reassembly, and the drop counters. */
class GelfUdpTest {
    @TempDir
    static Path dataDir;
    static GelfTestNode node;
    static DatagramSocket client;

    @BeforeAll
    static void start() throws Exception {
        node = GelfTestNode.start(dataDir);
        client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private void send(byte[] datagram) throws IOException {
        client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), node.udpPort()));
    }

    /** Splits {@code payload} into {@code count} GELF chunks of message {@code id}. */
    static List<byte[]> chunks(long id, byte[] payload, int count) {
        List<byte[]> out = new ArrayList<>();
        int size = (payload.length + count - 1) / count;
        for (int seq = 0; seq < count; seq++) {
            int from = Math.min(payload.length, seq * size);
            int to = Math.min(payload.length, from + size);
            ByteBuffer chunk = ByteBuffer.allocate(12 + (to - from));
            chunk.put((byte) 0x1e).put((byte) 0x0f).putLong(id).put((byte) seq).put((byte) count);
            chunk.put(payload, from, to - from);
            out.add(chunk.array());
        }
        return out;
    }

    private static byte[] big(String service, String text, Instant at) {
        StringBuilder filler = new StringBuilder();
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            filler.append((char) ('a' + random.nextInt(26)));
        }
        return bytes(gelf("udp-host", text, at).put("_service", service).put("_filler", filler.toString()));
    }

    @Test
    void uncompressedGzipAndZlibDatagrams() throws Exception {
        Instant t = Instant.parse("2033-01-01T00:00:00Z");
        send(bytes(gelf("udp-host", "plain datagram", t).put("_service", "gelf-udp-enc")));
        send(gzip(bytes(gelf("udp-host", "gzip datagram", t.plusSeconds(1)).put("_service", "gelf-udp-enc"))));
        send(zlib(bytes(gelf("udp-host", "zlib datagram", t.plusSeconds(2)).put("_service", "gelf-udp-enc"))));
        // syslog-ng's format-gelf ends even UDP messages with a NUL byte.
        byte[] nul = (gelf("udp-host", "nul terminated", t.plusSeconds(3)).put("_service", "gelf-udp-enc").encode() + "\0")
                .getBytes(StandardCharsets.UTF_8);
        send(nul);
        JsonArray hits = node.awaitHits("service:gelf-udp-enc", t.minusSeconds(1), t.plusSeconds(5), 4);
        assertEquals(List.of("plain datagram", "gzip datagram", "zlib datagram", "nul terminated"), messages(hits));
    }

    @Test
    void chunkedInOrderOutOfOrderAndWithDuplicates() throws Exception {
        Instant t = Instant.parse("2033-01-01T01:00:00Z");
        byte[] first = big("gelf-udp-chunks", "chunked in order", t);
        byte[] second = gzip(big("gelf-udp-chunks", "chunked gzip out of order", t.plusSeconds(1)));
        byte[] third = zlib(big("gelf-udp-chunks", "chunked zlib with duplicates", t.plusSeconds(2)));
        byte[] maximal = big("gelf-udp-chunks", "exactly 128 chunks", t.plusSeconds(3));
        for (byte[] chunk : chunks(1001L, first, 5)) {
            send(chunk);
        }
        List<byte[]> shuffled = new ArrayList<>(chunks(0xFFFF_0000_1234L, second, 4));
        Collections.reverse(shuffled);
        for (byte[] chunk : shuffled) {
            send(chunk);
        }
        List<byte[]> withDuplicates = chunks(-7L, third, 3);
        send(withDuplicates.get(0));
        send(withDuplicates.get(0));
        send(withDuplicates.get(2));
        send(withDuplicates.get(2));
        send(withDuplicates.get(1));
        for (byte[] chunk : chunks(1003L, maximal, 128)) {
            send(chunk);
        }
        JsonArray hits = node.awaitHits("service:gelf-udp-chunks", t.minusSeconds(1), t.plusSeconds(5), 4);
        assertEquals(List.of("chunked in order", "chunked gzip out of order", "chunked zlib with duplicates", "exactly 128 chunks"),
                messages(hits));
        assertEquals(3000, hits.getJsonObject(0).getJsonObject("attributes").getString("filler").length());
    }

    @Test
    void missingChunkIsDroppedAfterTheTimeoutAndCounted() throws Exception {
        Instant t = Instant.parse("2033-01-01T02:00:00Z");
        double before = node.rejected("incomplete");
        List<byte[]> parts = chunks(2002L, big("gelf-udp-missing", "never complete", t), 4);
        send(parts.get(0));
        send(parts.get(1));
        send(parts.get(3));
        GelfTestNode.await("the incomplete message to be dropped and counted", 15, () -> node.rejected("incomplete") >= before + 1);
        // A late chunk starts a new, still incomplete message: nothing is stored.
        assertEquals(0, node.search("service:gelf-udp-missing", t.minusSeconds(60), t.plusSeconds(60)).size());
    }

    @Test
    void moreThan128ChunksAndMalformedDatagramsAreRefusedAndCounted() throws Exception {
        Instant t = Instant.parse("2033-01-01T03:00:00Z");
        double tooMany = node.rejected("too_many_chunks");
        double badChunk = node.rejected("bad_chunk");
        double badCompression = node.rejected("bad_compression");
        double missing = node.rejected("missing_field");
        double invalid = node.rejected("invalid_field");
        double malformed = node.rejected("malformed_json");
        for (byte[] chunk : chunks(3003L, big("gelf-udp-refused", "129 chunks", t), 129)) {
            send(chunk);
        }
        send(new byte[] {0x1e, 0x0f, 1, 2, 3}); // truncated chunk header
        byte[] seqPastCount = chunks(3004L, "{}".getBytes(StandardCharsets.UTF_8), 2).get(1);
        seqPastCount[10] = 5;
        send(seqPastCount);
        byte[] gz = gzip(bytes(gelf("udp-host", "truncated gzip", t).put("_service", "gelf-udp-refused")));
        send(java.util.Arrays.copyOf(gz, gz.length - 9));
        send(new byte[] {0x78, (byte) 0x9c, 9, 9, 9, 9});
        send(bytes(new JsonObject().put("version", "1.1").put("host", "h").put("_service", "gelf-udp-refused")));
        send(bytes(gelf("udp-host", "wrong version", t).put("version", "2.0").put("_service", "gelf-udp-refused")));
        send("{\"version\":".getBytes(StandardCharsets.UTF_8));
        GelfTestNode.await("refusals counted", 10, () -> node.rejected("too_many_chunks") >= tooMany + 129
                && node.rejected("bad_chunk") >= badChunk + 2
                && node.rejected("bad_compression") >= badCompression + 2
                && node.rejected("missing_field") >= missing + 1
                && node.rejected("invalid_field") >= invalid + 1
                && node.rejected("malformed_json") >= malformed + 1);
        // Still healthy: a valid datagram afterwards is stored, none of the refused ones are.
        send(bytes(gelf("udp-host", "after the corpus", t.plusSeconds(1)).put("_service", "gelf-udp-ok")));
        node.awaitHits("service:gelf-udp-ok", t.minusSeconds(1), t.plusSeconds(2), 1);
        assertEquals(0, node.search("service:gelf-udp-refused", t.minusSeconds(60), t.plusSeconds(60)).size());
        assertTrue(node.metric("vigil_receiver_events_total", "outcome", "rejected") >= 129 + 7);
    }

    private static List<String> messages(JsonArray hits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            out.add(hits.getJsonObject(i).getString("message"));
        }
        return out;
    }
}
