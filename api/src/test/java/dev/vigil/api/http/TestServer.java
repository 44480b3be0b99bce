package dev.vigil.api.http;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real Vigil node on a random local port with its data in a temporary directory, and a real
 * HTTP client (java.net.http, HTTP/1.1) to talk to it. Shared by the HTTP API tests.
 */
final class TestServer implements AutoCloseable {
    private final VigilNode node;
    private final HttpClient http;
    private final String base;

    private TestServer(VigilNode node) {
        this.node = node;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.base = "http://127.0.0.1:" + node.port();
    }

    /** Starts a node; {@code settings} are extra key/value pairs such as {@code "body-limit", "1KiB"}. */
    static TestServer start(Path dataDir, String... settings) throws Exception {
        VigilConfig config = VigilConfig.defaults()
                .with("data-dir", dataDir.toString())
                .with("host", "127.0.0.1")
                .with("port", "0")
                .with("refresh-interval", "100ms");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config = config.with(settings[i], settings[i + 1]);
        }
        return new TestServer(VigilNode.start(config));
    }

    @Override
    public void close() throws IOException {
        node.close();
    }

    /** An HTTP answer. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            String contentType = headers.firstValue("Content-Type").orElse("");
            assertTrue(contentType.startsWith("application/json"), "expected a JSON reply, got Content-Type '" + contentType
                    + "' with status " + status + ": " + text());
            return new JsonObject(text());
        }

        /** The {@code error} object of an error reply, after checking the status. */
        JsonObject error(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status; body: " + text());
            JsonObject error = json().getJsonObject("error");
            if (error == null) {
                fail("no 'error' object in " + text());
            }
            assertTrue(error.getValue("code") instanceof String, () -> "error.code: " + error);
            assertTrue(error.getValue("message") instanceof String && !error.getString("message").isBlank(),
                    () -> "error.message: " + error);
            return error;
        }

        /** The JSON body of a 200 reply. */
        JsonObject ok() {
            assertEquals(200, status, () -> "status; body: " + text());
            return json();
        }
    }

    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /**
     * A GET on a connection of its own, for requests after which the server closes the connection
     * (the JDK client may otherwise reuse it for the next request and see no reply).
     */
    Reply getOnOwnConnection(String pathAndQuery) {
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<byte[]> response = own.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Reply post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    Reply method(String method, String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts NDJSON lines with {@code ?refresh=wait_for}, asserts 200 with every line accepted, and
     * returns the reply: on return the events are searchable.
     */
    JsonObject ingest(String path, List<String> lines) {
        return ingest(path, "application/x-ndjson", String.join("\n", lines) + "\n", lines.size());
    }

    /** The checked-in sample shop ({@code samples/data}). */
    static final Path SAMPLES = Path.of("../samples/data").toAbsolutePath().normalize();

    /** Ingests the whole sample shop (changes, metrics, spans, logs) in batches of 5,000 lines. */
    void ingestSamples() throws IOException {
        ingestFile("/api/v1/events", SAMPLES.resolve("events.ndjson"));
        ingestFile("/api/v1/metrics", SAMPLES.resolve("metrics.ndjson"));
        ingestFile("/api/v1/spans", SAMPLES.resolve("spans.ndjson"));
        ingestFile("/api/v1/logs", SAMPLES.resolve("logs.ndjson"));
    }

    /** Ingests an NDJSON file in batches of 5,000 lines. */
    void ingestFile(String path, Path file) throws IOException {
        List<String> lines;
        try (Stream<String> all = Files.lines(file)) {
            lines = all.filter(line -> !line.isBlank()).toList();
        }
        for (int from = 0; from < lines.size(); from += 5000) {
            ingest(path, new ArrayList<>(lines.subList(from, Math.min(lines.size(), from + 5000))));
        }
    }

    JsonObject ingest(String path, String contentType, String body, int expectedAccepted) {
        Reply reply = post(path + "?refresh=wait_for", contentType, body);
        JsonObject json = reply.ok();
        assertEquals(expectedAccepted, json.getLong("accepted"), () -> "accepted; reply " + json);
        assertEquals(Boolean.TRUE, json.getBoolean("searchable"), () -> "searchable; reply " + json);
        return json;
    }

    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String enc(Instant value) {
        return enc(value.toString());
    }

    /** {@code from=..&to=..} for a query string. */
    static String range(Instant from, Instant to) {
        return "from=" + enc(from) + "&to=" + enc(to);
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

    /** A log line as NDJSON. */
    static String log(Instant at, String service, String level, String message, JsonObject attributes) {
        JsonObject line = new JsonObject().put("timestamp", at.toString()).put("service", service).put("level", level)
                .put("message", message);
        if (attributes != null) {
            line.put("attributes", attributes);
        }
        return line.encode();
    }

    /** A metric sample as NDJSON. */
    static String sample(String name, JsonObject labels, Instant at, double value) {
        return new JsonObject().put("name", name).put("labels", labels).put("timestamp", at.toString()).put("value", value).encode();
    }

    static JsonArray array(JsonObject object, String field) {
        JsonArray array = object.getJsonArray(field);
        if (array == null) {
            fail("no array '" + field + "' in " + object);
        }
        return array;
    }
}
