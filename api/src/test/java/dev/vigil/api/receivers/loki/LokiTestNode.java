package dev.vigil.api.receivers.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.CodedOutputStream;
import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonObject;
import org.xerial.snappy.Snappy;

/** A real Vigil node on a random loopback port, a java.net.http client, and a protobuf writer. */
final class LokiTestNode implements AutoCloseable {
    static final String PUSH = "/loki/api/v1/push";

    final VigilNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LokiTestNode(VigilNode node) {
        this.node = node;
    }

    static LokiTestNode start(Path dataDir, String... settings) throws Exception {
        VigilConfig config = VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config = config.with(settings[i], settings[i + 1]);
        }
        return new LokiTestNode(VigilNode.start(config));
    }

    String base() {
        return "http://127.0.0.1:" + node.port();
    }

    @Override
    public void close() throws IOException {
        node.close();
    }

    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject error(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status; body: " + text());
            JsonObject error = new JsonObject(text()).getJsonObject("error");
            if (error == null) {
                fail("no error object in " + text());
            }
            return error;
        }
    }

    Reply post(String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + PUSH)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).GET());
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Log search, ascending, up to 10,000 hits. */
    JsonObject search(String query, Instant from, Instant to) {
        Reply reply = get("/api/v1/logs/search?order=asc&limit=10000&q=" + enc(query) + "&from=" + enc(from.toString())
                + "&to=" + enc(to.toString()));
        assertEquals(200, reply.status(), reply::text);
        return new JsonObject(reply.text());
    }

    /** Polls the search until it finds exactly {@code expected} hits (deadline 30 s), then returns it. */
    JsonObject awaitTotal(String query, Instant from, Instant to, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject last;
        do {
            last = search(query, from, to);
            if (last.getLong("total") == expected) {
                return last;
            }
            if (last.getLong("total") > expected) {
                fail("more hits than sent for " + query + ": " + last.getLong("total") + " > " + expected);
            }
            pause();
        } while (System.nanoTime() < deadline);
        fail("expected " + expected + " hits for " + query + " within 30 s, last saw " + last.getLong("total"));
        return last;
    }

    /** The value of one sample line of /metrics whose name and labels contain all {@code parts}, or 0. */
    double metric(String name, String... parts) {
        Reply reply = get("/metrics");
        assertEquals(200, reply.status());
        for (String line : reply.text().split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String part : parts) {
                all &= line.contains(part);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    static void pause() {
        try {
            Thread.sleep(50);
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

    static byte[] snappy(byte[] data) {
        try {
            return Snappy.compress(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** A protobuf message written field by field with protobuf-java's CodedOutputStream. */
    static final class Proto {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        Proto string(int field, String value) {
            try {
                out.writeString(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Proto raw(int field, byte[] value) {
            try {
                out.writeByteArray(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Proto message(int field, Proto value) {
            return raw(field, value.bytes());
        }

        Proto varint(int field, long value) {
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

        /** {@code logproto.EntryAdapter}: timestamp, line, structured metadata pairs. */
        static Proto entry(Instant at, String line, String... metadata) {
            Proto entry = new Proto().message(1, new Proto().varint(1, at.getEpochSecond()).varint(2, at.getNano())).string(2, line);
            for (int i = 0; i + 1 < metadata.length; i += 2) {
                entry.message(3, new Proto().string(1, metadata[i]).string(2, metadata[i + 1]));
            }
            return entry;
        }
    }

    static void assertContains(String text, String fragment) {
        assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in: " + text);
    }
}
