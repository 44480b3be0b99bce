package dev.vigil.api.receivers.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

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

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A real Vigil node with both syslog receivers on free ports, and searches with deadlines. */
final class SyslogTestNode implements AutoCloseable {
    final VigilNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    SyslogTestNode(Path dataDir) throws Exception {
        node = VigilNode.start(VigilConfig.defaults()
                .with("data-dir", dataDir.toString())
                .with("host", "127.0.0.1")
                .with("port", "0")
                .with("refresh-interval", "100ms")
                .with("syslog-tcp-port", "0")
                .with("syslog-udp-port", "0"));
    }

    int tcpPort() {
        return node.receiverPort("syslog-tcp");
    }

    int udpPort() {
        return node.receiverPort("syslog-udp");
    }

    String get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), () -> pathAndQuery + " -> " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Log search from 2000 up to a day ahead. */
    JsonObject search(String query) {
        Instant now = Instant.now();
        return new JsonObject(get("/api/v1/logs/search?limit=1000&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&from=2000-01-01T00:00:00Z&to=" + now.plus(Duration.ofDays(1))));
    }

    /** Polls until the query finds exactly {@code expected} logs (fails after 20 s); returns the hits. */
    JsonArray awaitHits(String query, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonObject last;
        do {
            last = search(query);
            if (last.getLong("total") == expected) {
                return last.getJsonArray("hits");
            }
            if (last.getLong("total") > expected) {
                break;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        fail("expected " + expected + " logs for '" + query + "', last answer: " + last.encodePrettily());
        return null;
    }

    /** The value of one Prometheus sample line from /metrics, 0 if absent. */
    double metric(String name, String labels) {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(name + "{") && containsAll(line, labels.split(","))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static boolean containsAll(String line, String[] parts) {
        String labelPart = line.substring(0, line.lastIndexOf(' '));
        for (String part : parts) {
            if (!labelPart.contains(part)) {
                return false;
            }
        }
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        node.close();
    }
}
