package dev.vigil.api.receivers.gelf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A real Vigil node with both GELF receivers on free ports, and helpers to search it and read its metrics. */
final class GelfTestNode implements AutoCloseable {
    final VigilNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private GelfTestNode(VigilNode node) {
        this.node = node;
    }

    static GelfTestNode start(Path dataDir, String... settings) throws Exception {
        VigilConfig config = VigilConfig.defaults()
                .with("data-dir", dataDir.toString())
                .with("host", "127.0.0.1")
                .with("port", "0")
                .with("refresh-interval", "100ms")
                .with("gelf-tcp-port", "0")
                .with("gelf-udp-port", "0");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config = config.with(settings[i], settings[i + 1]);
        }
        return new GelfTestNode(VigilNode.start(config));
    }

    int tcpPort() {
        return node.receiverPort("gelf-tcp");
    }

    int udpPort() {
        return node.receiverPort("gelf-udp");
    }

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    Reply post(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    /** Log hits for {@code query} between {@code from} and {@code to}, oldest first. */
    JsonArray search(String query, Instant from, Instant to) {
        Reply reply = get("/api/v1/logs/search?order=asc&limit=1000&q=" + enc(query) + "&from=" + enc(from.toString())
                + "&to=" + enc(to.toString()));
        assertEquals(200, reply.status(), () -> "search: " + reply.body());
        return reply.json().getJsonArray("hits");
    }

    /** Waits (up to 20 s) until {@code query} finds exactly {@code expected} hits, and returns them. */
    JsonArray awaitHits(String query, Instant from, Instant to, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonArray hits = search(query, from, to);
        while (hits.size() < expected && System.nanoTime() < deadline) {
            pause(50);
            hits = search(query, from, to);
        }
        JsonArray last = hits;
        assertEquals(expected, hits.size(), () -> "hits for '" + query + "': " + last.encodePrettily());
        return hits;
    }

    /** The value of a counter on /metrics, e.g. {@code metric("vigil_receiver_rejected_total", "reason", "incomplete")}. */
    double metric(String name, String... tags) {
        String text = get("/metrics").body();
        double total = 0;
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            String labels = m.group(1);
            boolean all = labels.contains("protocol=\"gelf\"");
            for (int i = 0; i + 1 < tags.length; i += 2) {
                all &= labels.contains(tags[i] + "=\"" + tags[i + 1] + "\"");
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    double rejected(String reason) {
        return metric("vigil_receiver_rejected_total", "reason", reason);
    }

    /** Waits (up to {@code seconds}) until the condition holds. */
    static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + seconds + " s waiting for: " + what);
            }
            pause(50);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zlib(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION))) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A minimal valid GELF message. */
    static JsonObject gelf(String host, String shortMessage, Instant at) {
        return new JsonObject().put("version", "1.1").put("host", host).put("short_message", shortMessage)
                .put("timestamp", at.getEpochSecond() + at.getNano() / 1e9).put("level", 6);
    }

    static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        node.close();
    }
}
