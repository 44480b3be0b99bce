package dev.vigil.api.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every HTTP receiver that takes {@code Content-Encoding}: a complete gzip or
 * deflate body is stored; a gzip body cut at a flush point or without its trailer, a body labelled
 * gzip that is not gzip, and a small body that inflates past the body limit are refused with a 4xx
 * naming the problem (413 naming {@code body-limit}), on a connection that stays usable, and store
 * nothing; an unknown coding is 415. Runs against a real node with a 64 KiB body limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressedBodiesContractTest {
    /** A receiver under test: where to post, as what, a valid body, and the status that means "stored". */
    record Receiver(String name, String path, String contentType, String body, int ok) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String T = Instant.now().minusSeconds(60).toString();
    private static final long T_NANOS = Instant.parse(T).getEpochSecond() * 1_000_000_000L;

    private VigilNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static List<Receiver> receivers() {
        return List.of(
                new Receiver("native", "/api/v1/logs", "application/x-ndjson",
                        "{\"timestamp\":\"" + T + "\",\"service\":\"gz\",\"message\":\"hello native\"}\n", 200),
                new Receiver("loki-json", "/loki/api/v1/push", "application/json",
                        "{\"streams\":[{\"stream\":{\"app\":\"gz\"},\"values\":[[\"" + T_NANOS + "\",\"hello loki\"]]}]}", 204),
                new Receiver("es-bulk", "/_bulk", "application/x-ndjson",
                        "{\"index\":{\"_index\":\"gz\"}}\n{\"@timestamp\":\"" + T + "\",\"message\":\"hello es\"}\n", 200),
                new Receiver("otlp-json", "/v1/logs", "application/json",
                        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"" + T_NANOS
                                + "\",\"body\":{\"stringValue\":\"hello otlp\"}}]}]}]}", 200),
                new Receiver("gelf-http", "/gelf", "application/json",
                        "{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"hello gelf\",\"timestamp\":"
                                + Instant.parse(T).getEpochSecond() + "}", 202));
    }

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        node = VigilNode.start(VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms").with("body-limit", "64KiB"));
    }

    @AfterAll
    void stop() throws IOException {
        node.close();
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void completeGzipAndDeflateBodiesAreStored(Receiver receiver) throws Exception {
        long before = node.pipeline().acceptedEvents();
        assertStatus(receiver, receiver.ok(), post(receiver, gzip(utf8(receiver.body())), "gzip"), null);
        assertStatus(receiver, receiver.ok(), post(receiver, zlib(utf8(receiver.body())), "deflate"), null);
        // Two gzip members back to back are one valid gzip body (RFC 1952 2.2).
        byte[] body = utf8(receiver.body());
        byte[] half = Arrays.copyOf(body, body.length / 2);
        byte[] rest = Arrays.copyOfRange(body, body.length / 2, body.length);
        assertStatus(receiver, receiver.ok(), post(receiver, concat(gzip(half), gzip(rest)), "gzip"), null);
        assertEquals(before + 3, node.pipeline().acceptedEvents(), receiver + ": three bodies of one event each");
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void gzipCutAtAFlushPointIsRefusedAsTruncated(Receiver receiver) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream gzip = new GZIPOutputStream(bytes, true);
        gzip.write(utf8(receiver.body()));
        gzip.flush(); // a sync flush: what was written so far inflates cleanly, the stream just never ends
        assertRefused(receiver, bytes.toByteArray(), "gzip", 400, "truncated");
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void gzipWithoutItsTrailerIsRefusedAsTruncated(Receiver receiver) throws Exception {
        byte[] whole = gzip(utf8(receiver.body()));
        assertRefused(receiver, Arrays.copyOf(whole, whole.length - 5), "gzip", 400, "truncated");
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void gzipWithAWrongChecksumIsRefusedAsCorrupt(Receiver receiver) throws Exception {
        byte[] whole = gzip(utf8(receiver.body()));
        whole[whole.length - 8] ^= 0x5a;
        assertRefused(receiver, whole, "gzip", 400, "CRC-32");
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void plainBodyLabelledGzipIsRefused(Receiver receiver) throws Exception {
        assertRefused(receiver, utf8(receiver.body()), "gzip", 400, "body is not gzip");
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void gzipBombIsRefusedNamingTheLimit(Receiver receiver) throws Exception {
        byte[] bomb = gzip(new byte[8 << 20]);
        assertTrue(bomb.length < 64 * 1024, "the bomb itself fits under the body limit");
        assertRefused(receiver, bomb, "gzip", 413, "body-limit");
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void unknownContentEncodingIs415(Receiver receiver) throws Exception {
        assertRefused(receiver, utf8(receiver.body()), "br", 415, "Content-Encoding 'br'");
    }

    private void assertRefused(Receiver receiver, byte[] body, String encoding, int status, String naming) throws Exception {
        long before = node.pipeline().acceptedEvents();
        HttpResponse<String> reply = post(receiver, body, encoding);
        assertStatus(receiver, status, reply, naming);
        assertEquals(before, node.pipeline().acceptedEvents(), receiver + ": nothing stored");
        // The same connection pool still works: the server answered instead of closing the connection.
        assertStatus(receiver, receiver.ok(), post(receiver, utf8(receiver.body()), null), null);
    }

    private static void assertStatus(Receiver receiver, int status, HttpResponse<String> reply, String naming) {
        assertEquals(status, reply.statusCode(), () -> receiver + ": " + reply.body());
        if (naming != null) {
            assertTrue(reply.body().contains(naming), () -> receiver + ": the answer should name '" + naming + "': " + reply.body());
        }
    }

    private HttpResponse<String> post(Receiver receiver, byte[] body, String encoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + receiver.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", receiver.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(6, false))) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
