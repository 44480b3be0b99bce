package dev.vigil.api.receivers.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw sockets with wrong framing and malformed messages: framing errors are counted and close the
 * connection, over-long frames are skipped and counted, unparseable messages are stored as raw text
 * with {@code syslog.parse_error}; the good frames around them arrive and the server stays healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyslogMalformedInputTest {
    private SyslogTestNode vigil;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        vigil = new SyslogTestNode(dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] octets(String message) {
        byte[] body = bytes(message);
        return concat(bytes(body.length + " "), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), vigil.tcpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** True when the server closes the connection (EOF or reset) within the socket timeout. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void mixedFramingLongFramesAndBadMessagesOnOneConnection() throws IOException {
        String svc = "raw-mixed";
        double tooLongBefore = vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"frame_too_long\"");
        double unparsedBefore = vigil.metric("vigil_receiver_events_total", "outcome=\"unparsed\",protocol=\"syslog\"");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes("<14>1 2026-11-25T10:00:00Z h1 " + svc + " - - - first newline\n"));
            out.write(octets("<14>1 2026-11-25T10:00:01Z h1 " + svc + " - - - second octets\nwith a newline inside"));
            out.write(octets("<14>1 - h1 " + svc + " - - - toolongoctets " + "x".repeat(100_000)));
            out.write(bytes("<14>1 - h1 " + svc + " - - - toolongline " + "y".repeat(100_000) + "\n"));
            out.write(bytes("\r\n\n<14>Nov 25 10:00:02 h1 " + svc + ": third rfc3164\r\n"));
            out.write(bytes("<999>1 - h1 " + svc + " - - - badpri marker\n"));
            out.write(octets("<14>1 notatime h1 " + svc + " - - - badtime marker"));
            out.write(bytes("<14>1 2026-11-25T10:00:03Z h1 " + svc + " - - [sd k=\"open marker\n"));
            out.write(octets("<14>1 2026-11-25T10:00:04Z h1 " + svc + " - - - fourth octets"));
            out.flush();
            socket.shutdownOutput();
            assertTrue(closedByServer(socket), "the server closes after the client's end of stream");
        }
        JsonArray good = vigil.awaitHits("service:" + svc, 4);
        java.util.Map<String, JsonObject> byMessage = new java.util.HashMap<>();
        for (int i = 0; i < good.size(); i++) {
            byMessage.put(good.getJsonObject(i).getString("message"), good.getJsonObject(i));
        }
        assertEquals(java.util.Set.of("first newline", "second octets\nwith a newline inside", "third rfc3164", "fourth octets"),
                byMessage.keySet());
        assertEquals("2026-11-25T10:00:04Z", byMessage.get("fourth octets").getString("timestamp"));
        assertEquals("h1", byMessage.get("third rfc3164").getString("host"));
        assertEquals("info", byMessage.get("third rfc3164").getString("level"));

        for (String marker : new String[] {"badpri", "badtime", "open"}) {
            JsonObject raw = vigil.awaitHits(marker + " marker", 1).getJsonObject(0);
            String why = raw.getJsonObject("attributes").getString("syslog.parse_error");
            assertTrue(why != null && !why.isBlank(), () -> "parse error attribute on " + raw);
            assertTrue(raw.getString("message").contains(marker + " marker") && raw.getString("message").startsWith("<"),
                    () -> "raw text kept: " + raw);
        }
        assertTrue(vigil.awaitHits("badpri marker", 1).getJsonObject(0).getJsonObject("attributes")
                .getString("syslog.parse_error").contains("191"));
        assertTrue(vigil.awaitHits("badtime marker", 1).getJsonObject(0).getJsonObject("attributes")
                .getString("syslog.parse_error").contains("TIMESTAMP"));
        vigil.awaitHits("syslog.parse_error:* marker", 3);
        assertEquals(0, vigil.search("toolongoctets").getLong("total"), "an over-long frame is not stored");
        assertEquals(0, vigil.search("toolongline").getLong("total"), "an over-long frame is not stored");
        assertEquals(tooLongBefore + 2, vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"frame_too_long\""));
        assertEquals(unparsedBefore + 3, vigil.metric("vigil_receiver_events_total", "outcome=\"unparsed\",protocol=\"syslog\""));
    }

    @Test
    void binaryGarbageClosesTheConnectionAndKeepsWhatCameBefore() throws IOException {
        String svc = "raw-garbage";
        double before = vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"bad_framing\"");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes("<11>1 - h2 " + svc + " - - - before garbage\n"));
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, '\n'});
            out.write(bytes("<11>1 - h2 " + svc + " - - - after garbage\n"));
            out.flush();
            assertTrue(closedByServer(socket), "garbage framing closes the connection");
        }
        JsonObject hit = vigil.awaitHits("service:" + svc, 1).getJsonObject(0);
        assertEquals("before garbage", hit.getString("message"));
        assertEquals("error", hit.getString("level"));
        assertEquals(before + 1, vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"bad_framing\""));

        // octet count followed by a non-space, and an absurd count: also garbage framing
        for (byte[] bad : new byte[][] {bytes("12abc <11>x\n"), bytes("123456789012345 <11>x")}) {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(bad);
                socket.getOutputStream().flush();
                assertTrue(closedByServer(socket), "bad octet count closes the connection");
            }
        }
        assertEquals(before + 3, vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"bad_framing\""));
        healthyAfterwards("raw-garbage-after");
    }

    @Test
    void truncatedOctetCountedFrameIsCountedAndTheRestKept() throws IOException {
        String svc = "raw-truncated";
        double before = vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"truncated\"");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(octets("<13>1 - h3 " + svc + " - - - complete one"));
            out.write(bytes("200 <13>1 - h3 " + svc + " - - - cut short"));
            out.flush();
        }
        JsonObject hit = vigil.awaitHits("service:" + svc, 1).getJsonObject(0);
        assertEquals("complete one", hit.getString("message"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"truncated\"") < before + 1
                && System.nanoTime() < deadline) {
            SyslogTestNode.sleep(50);
        }
        assertEquals(before + 1, vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"truncated\""));
        assertEquals(0, vigil.search("\"cut short\"").getLong("total"));
        healthyAfterwards("raw-truncated-after");
    }

    @Test
    void udpDatagramsGoodAndBad() throws IOException {
        String svc = "raw-udp";
        try (DatagramSocket udp = new DatagramSocket()) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            byte[][] datagrams = {
                bytes("<13>1 - h4 " + svc + " - - - udp good one\n"),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3},
                bytes("<200>udpbadpri marker"),
                bytes("<13>1 - h4 " + svc + " - - [x@1 a=\"b\"] udp good two " + "z".repeat(8000)),
            };
            for (byte[] datagram : datagrams) {
                udp.send(new DatagramPacket(datagram, datagram.length, loopback, vigil.udpPort()));
            }
        }
        JsonArray hits = vigil.awaitHits("service:" + svc, 2);
        JsonObject big = hits.getJsonObject(0).getString("message").startsWith("udp good two") ? hits.getJsonObject(0) : hits.getJsonObject(1);
        assertEquals("udp good two " + "z".repeat(8000), big.getString("message"), "a large datagram arrives whole");
        assertEquals("b", big.getJsonObject("attributes").getString("sd.x@1.a"));
        assertTrue(vigil.awaitHits("udpbadpri marker", 1).getJsonObject(0).getJsonObject("attributes")
                .getString("syslog.parse_error").contains("191"));
    }

    private void healthyAfterwards(String svc) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(bytes("<13>1 - h9 " + svc + " - - - still serving\n"));
        }
        assertEquals("still serving", vigil.awaitHits("service:" + svc, 1).getJsonObject(0).getString("message"));
    }
}
