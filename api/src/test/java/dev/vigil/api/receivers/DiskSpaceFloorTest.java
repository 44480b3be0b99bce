package dev.vigil.api.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.CodedOutputStream;
import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * A node whose {@code min-free-disk} is more than the disk has refuses every ingest the way each
 * protocol signals "retry later" (503, or 429 for Loki and Elasticsearch, with Retry-After; GELF
 * UDP counts the drop), reports not-ready with the reason, and exposes the free space; the same data
 * directory with a normal floor accepts again.
 */
class DiskSpaceFloorTest {
    private static final Instant T = Instant.now().minusSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private VigilNode start(String minFreeDisk) throws Exception {
        return VigilNode.start(VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms").with("gelf-udp-port", "0").with("min-free-disk", minFreeDisk));
    }

    @Test
    void everyReceiverRefusesUnderTheFloorAndAcceptsWithANormalOne() throws Exception {
        try (VigilNode node = start("1000000TiB")) {
            HttpResponse<String> nativeReply = post(node, "/api/v1/logs", "application/x-ndjson", nativeLine("refused"));
            assertRetryLater(503, nativeReply);
            JsonObject error = new JsonObject(nativeReply.body()).getJsonObject("error");
            assertEquals("disk_space_low", error.getString("code"));
            assertTrue(error.getString("message").contains("min-free-disk"), error::encode);

            assertRetryLater(429, post(node, "/loki/api/v1/push", "application/json", utf8("{\"streams\":[{\"stream\":{\"app\":\"a\"},"
                    + "\"values\":[[\"" + nanos(T) + "\",\"refused\"]]}]}")));
            HttpResponse<String> bulk = post(node, "/_bulk", "application/x-ndjson",
                    utf8("{\"index\":{\"_index\":\"x\"}}\n{\"message\":\"refused\"}\n"));
            assertRetryLater(429, bulk);
            assertTrue(bulk.body().contains("es_rejected_execution_exception") && bulk.body().contains("min-free-disk"), bulk.body());
            assertRetryLater(503, post(node, "/v1/logs", "application/json", utf8("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":"
                    + "[{\"timeUnixNano\":\"" + nanos(T) + "\",\"body\":{\"stringValue\":\"refused\"}}]}]}]}")));
            assertRetryLater(503, post(node, "/gelf", "application/json",
                    utf8("{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"refused\"}")));
            assertRetryLater(503, remoteWrite(node));

            try (DatagramSocket udp = new DatagramSocket()) {
                byte[] gelf = utf8("{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"dropped\"}");
                udp.send(new DatagramPacket(gelf, gelf.length, InetAddress.getLoopbackAddress(), node.receiverPort("gelf-udp")));
            }
            awaitMetric(node, "vigil_receiver_rejected_total\\{protocol=\"gelf\",reason=\"disk_space_low\"[^\\n]*\\} ([0-9.]+)", 1);

            HttpResponse<String> ready = get(node, "/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            JsonObject readiness = new JsonObject(ready.body());
            assertEquals("disk_space_low", readiness.getString("status"));
            assertTrue(readiness.getString("reason").contains("min-free-disk"), ready.body());
            assertTrue(metric(node, "vigil_disk_free_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)") > 0, "free space is exposed");
            assertEquals(0, node.pipeline().acceptedEvents(), "nothing was stored");
        }

        try (VigilNode node = start("1GiB|5%")) {
            HttpResponse<String> accepted = post(node, "/api/v1/logs", "application/x-ndjson", nativeLine("accepted"));
            assertEquals(200, accepted.statusCode(), accepted.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HttpResponse<String> ready = get(node, "/ready");
            while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(50); // replay of the (empty) journal after restart
                ready = get(node, "/ready");
            }
            assertEquals(200, ready.statusCode(), ready.body());
        }
    }

    private static void assertRetryLater(int status, HttpResponse<String> reply) {
        assertEquals(status, reply.statusCode(), reply::body);
        assertTrue(reply.headers().firstValue("Retry-After").isPresent(), "Retry-After on " + reply.uri());
        assertTrue(reply.body().contains("min-free-disk") || reply.uri().getPath().equals("/api/v1/write")
                || reply.body().contains("disk"), reply::body);
    }

    private HttpResponse<String> remoteWrite(VigilNode node) throws Exception {
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(series);
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        CodedOutputStream l = CodedOutputStream.newInstance(label);
        l.writeString(1, "__name__");
        l.writeString(2, "refused_metric");
        l.flush();
        s.writeByteArray(1, label.toByteArray());
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream p = CodedOutputStream.newInstance(sample);
        p.writeDouble(1, 1.0);
        p.writeInt64(2, T.toEpochMilli());
        p.flush();
        s.writeByteArray(2, sample.toByteArray());
        s.flush();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        CodedOutputStream r = CodedOutputStream.newInstance(request);
        r.writeByteArray(1, series.toByteArray());
        r.flush();
        return http.send(HttpRequest.newBuilder(uri(node, "/api/v1/write")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(request.toByteArray()))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double metric(VigilNode node, String regex) throws Exception {
        Matcher m = Pattern.compile(regex).matcher(get(node, "/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private void awaitMetric(VigilNode node, String regex, double atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double value = metric(node, regex);
        while (value < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50); // the UDP receiver counts asynchronously; there is no reply to wait on
            value = metric(node, regex);
        }
        assertTrue(value >= atLeast, "metric " + regex + " reached " + value);
    }

    private HttpResponse<String> post(VigilNode node, String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(VigilNode node, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(VigilNode node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    private static byte[] nativeLine(String message) {
        return utf8("{\"timestamp\":\"" + T + "\",\"service\":\"disk\",\"message\":\"" + message + "\"}\n");
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
