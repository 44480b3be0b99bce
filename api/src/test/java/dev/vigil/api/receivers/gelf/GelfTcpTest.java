package dev.vigil.api.receivers.gelf;

import static dev.vigil.api.receivers.gelf.GelfTestNode.bytes;
import static dev.vigil.api.receivers.gelf.GelfTestNode.gelf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GELF over TCP on a real node: NUL framing across and within packets, invalid frames, the frame limit. */
class GelfTcpTest {
    @TempDir
    static Path dataDir;
    static GelfTestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = GelfTestNode.start(dataDir, "body-limit", "64KiB");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", node.tcpPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        return socket;
    }

    @Test
    void severalMessagesPerPacketAndMessagesSplitAcrossPackets() throws Exception {
        Instant t = Instant.parse("2032-05-01T08:00:00Z");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String text = "tcp message " + i + " \u00e9\u4e2d";
            expected.add(text);
            stream.write(bytes(gelf("tcp-host", text, t.plusMillis(i)).put("_service", "gelf-tcp-framing")));
            stream.write(0);
        }
        byte[] all = stream.toByteArray();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            // First several whole messages in one write, then the rest in small pieces that cut
            // through messages (and through multi-byte UTF-8 characters), flushed separately.
            int firstChunk = indexOfNth(all, 5) + 1;
            out.write(all, 0, firstChunk);
            out.flush();
            for (int at = firstChunk; at < all.length; at += 7) {
                out.write(all, at, Math.min(7, all.length - at));
                out.flush();
                if (at % 70 == 0) {
                    GelfTestNode.pause(2);
                }
            }
        }
        JsonArray hits = node.awaitHits("service:gelf-tcp-framing", t.minusSeconds(1), t.plusSeconds(1), 20);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            got.add(hits.getJsonObject(i).getString("message"));
            assertEquals("tcp-host", hits.getJsonObject(i).getString("host"));
        }
        assertEquals(expected, got);
    }

    @Test
    void invalidFramesAreCountedAndSkippedWhileValidOnesOnTheSameConnectionAreStored() throws Exception {
        Instant t = Instant.parse("2032-05-01T09:00:00Z");
        double missingBefore = node.rejected("missing_field");
        double malformedBefore = node.rejected("malformed_json");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes(gelf("h", "before", t).put("_service", "gelf-tcp-mixed")));
            out.write(0);
            out.write("{\"version\":\"1.1\",\"host\":\"h\"}\0".getBytes(StandardCharsets.UTF_8)); // no short_message
            out.write("{not json\0\0\n\0".getBytes(StandardCharsets.UTF_8)); // bad JSON, then empty frames
            out.write(bytes(gelf("h", "after", t.plusSeconds(1)).put("_service", "gelf-tcp-mixed")));
            out.write(0);
            out.flush();
        }
        JsonArray hits = node.awaitHits("service:gelf-tcp-mixed", t.minusSeconds(1), t.plusSeconds(2), 2);
        assertEquals("before", hits.getJsonObject(0).getString("message"));
        assertEquals("after", hits.getJsonObject(1).getString("message"));
        GelfTestNode.await("missing_field counted", 10, () -> node.rejected("missing_field") >= missingBefore + 1);
        GelfTestNode.await("malformed_json counted", 10, () -> node.rejected("malformed_json") >= malformedBefore + 1);
    }

    @Test
    void aFrameAboveTheLimitClosesTheConnectionAndIsCounted() throws Exception {
        double before = node.rejected("frame_too_large");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] junk = new byte[8192];
            java.util.Arrays.fill(junk, (byte) 'a');
            boolean closedByServer = false;
            try {
                for (int i = 0; i < 40; i++) { // 320 KiB > 64 KiB, never a NUL
                    out.write(junk);
                }
                out.flush();
                InputStream in = socket.getInputStream();
                closedByServer = in.read() == -1;
            } catch (IOException e) {
                closedByServer = !(e instanceof SocketTimeoutException); // reset by the server
            }
            assertTrue(closedByServer, "the server should close a connection whose frame exceeds the limit");
        }
        GelfTestNode.await("frame_too_large counted", 10, () -> node.rejected("frame_too_large") >= before + 1);
        // The receiver still works for other connections.
        Instant t = Instant.parse("2032-05-01T10:00:00Z");
        try (Socket socket = connect()) {
            socket.getOutputStream().write(bytes(gelf("h", "still alive", t).put("_service", "gelf-tcp-alive")));
            socket.getOutputStream().write(0);
        }
        node.awaitHits("service:gelf-tcp-alive", t.minusSeconds(1), t.plusSeconds(1), 1);
        assertEquals(200, node.get("/health").status());
    }

    private static int indexOfNth(byte[] data, int n) {
        int seen = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0 && ++seen == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("fewer than " + n + " NULs");
    }
}
