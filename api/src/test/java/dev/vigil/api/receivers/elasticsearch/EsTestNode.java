package dev.vigil.api.receivers.elasticsearch;

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
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A real Vigil node on a random loopback port, a plain HTTP/1.1 client, and Vigil's search API. */
final class EsTestNode implements AutoCloseable {
    final VigilNode node;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private EsTestNode(VigilNode node) {
        this.node = node;
        this.base = "http://127.0.0.1:" + node.port();
    }

    static EsTestNode start(Path dataDir, String... settings) throws Exception {
        VigilConfig config = VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config = config.with(settings[i], settings[i + 1]);
        }
        return new EsTestNode(VigilNode.start(config));
    }

    @Override
    public void close() throws IOException {
        node.close();
    }

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonObject json() {
            try {
                return new JsonObject(body);
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Asserts an Elasticsearch-shaped top-level error and returns its reason. */
        String esError(int expectedStatus, String expectedType) {
            assertEquals(expectedStatus, status, () -> "status; body " + body);
            assertEquals("Elasticsearch", header("X-Elastic-Product"), "product header on errors too");
            JsonObject json = json();
            assertEquals(expectedStatus, json.getInteger("status"), body);
            JsonObject error = json.getJsonObject("error");
            assertEquals(expectedType, error.getString("type"), body);
            assertEquals(expectedType, error.getJsonArray("root_cause").getJsonObject(0).getString("type"), body);
            return error.getString("reason");
        }
    }

    Reply send(String method, String path, byte[] body, String... headers) {
        return send(http, method, path, body, headers);
    }

    /** On a connection of its own, for requests after which the server may close the connection. */
    Reply sendOnOwnConnection(String method, String path, byte[] body, String... headers) {
        return send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(),
                method, path, body, headers);
    }

    private Reply send(HttpClient http, String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply bulk(String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-ndjson";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8), all);
    }

    /** Logs matching {@code query} (Vigil query syntax) in a wide window around now, oldest first. */
    List<JsonObject> search(String query) {
        Instant now = Instant.now();
        String q = "/api/v1/logs/search?limit=1000&order=asc&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&from=" + URLEncoder.encode(now.minus(Duration.ofDays(400)).toString(), StandardCharsets.UTF_8)
                + "&to=" + URLEncoder.encode(now.plus(Duration.ofDays(400)).toString(), StandardCharsets.UTF_8);
        Reply reply = get(q);
        assertEquals(200, reply.status(), reply.body());
        JsonArray hits = reply.json().getJsonArray("hits");
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            out.add(hits.getJsonObject(i));
        }
        return out;
    }

    /** Waits (with a deadline) until {@code query} finds at least {@code count} logs. */
    List<JsonObject> awaitLogs(String query, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonObject> hits = search(query);
        while (hits.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            hits = search(query);
        }
        if (hits.size() < count) {
            fail("expected " + count + " logs for '" + query + "' within " + timeout + ", found " + hits.size() + ": " + hits);
        }
        return hits;
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
}
