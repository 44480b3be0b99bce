package dev.vigil.api.receivers.promrw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.metrics.SeriesSamples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sender: Debian's {@code prometheus} (2.42) scrapes this node's {@code /metrics} and
 * itself every second and remote-writes everything to the node. The test then finds in Vigil
 * exactly the samples Prometheus holds in its own TSDB (same timestamps, same values, same labels).
 * Needs {@code apt-get install -y prometheus}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PrometheusRemoteWriteClientTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void prometheusRemoteWritesItsScrapesIntoVigil(@TempDir Path dataDir, @TempDir Path promDir) throws Exception {
        if (!Files.isExecutable(PROMETHEUS)) {
            fail("the real Prometheus binary is missing at " + PROMETHEUS + ": install it with `apt-get install -y prometheus`");
        }
        try (VigilNode node = VigilNode.start(VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms"))) {
            int vigil = node.port();
            int promPort = freePort();
            Path config = promDir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: vigil
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                      - job_name: prometheus
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    remote_write:
                      - url: http://127.0.0.1:%d/api/v1/write
                        remote_timeout: 10s
                        queue_config:
                          batch_send_deadline: 1s
                          min_backoff: 100ms
                          max_backoff: 1s
                        metadata_config:
                          send: true
                          send_interval: 1s
                    """.formatted(vigil, promPort, vigil));
            Path log = promDir.resolve("prometheus.log");
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + promDir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort,
                    "--log.level=debug")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                // 1. Both scrape jobs' `up` arrive, with Prometheus' job and instance labels.
                JsonArray up = await("`up` for both jobs in Vigil", () -> {
                    JsonArray series = query("up", vigil);
                    return series != null && series.size() == 2 ? series : null;
                }, log);
                Map<String, String> instances = new TreeMap<>();
                for (int i = 0; i < up.size(); i++) {
                    JsonObject labels = up.getJsonObject(i).getJsonObject("labels");
                    assertEquals("up", up.getJsonObject(i).getString("name"));
                    instances.put(labels.getString("job"), labels.getString("instance"));
                    assertFalse(labels.containsKey("__name__"), () -> "__name__ is the metric name, not a label: " + labels);
                }
                assertEquals(Map.of("vigil", "127.0.0.1:" + vigil, "prometheus", "127.0.0.1:" + promPort), instances);

                // 2. Vigil's own counters, scraped from /metrics and written back.
                await("vigil_ingest_events_total in Vigil", () -> {
                    JsonArray series = query("vigil_ingest_events_total", vigil);
                    return series != null && !series.isEmpty() ? series : null;
                }, log);
                await("vigil_receiver_events_total{protocol=\"prometheus_remote_write\"} in Vigil", () -> {
                    JsonArray series = query("vigil_receiver_events_total{protocol=\"prometheus_remote_write\",outcome=\"accepted\"}", vigil);
                    return series != null && series.size() == 1 ? series : null;
                }, log);

                // 3. Exactly what Prometheus stored: every raw sample of these series in its TSDB over the
                //    last 20 s is in Vigil with the same timestamp and value.
                for (String selector : List.of("up{job=\"vigil\"}", "up{job=\"prometheus\"}",
                        "vigil_ingest_events_total{kind=\"log\",outcome=\"accepted\"}",
                        "prometheus_build_info")) {
                    Map<Long, Double> expected = prometheusSamples(promPort, selector + "[20s]");
                    assertFalse(expected.isEmpty(), () -> "Prometheus has samples for " + selector);
                    String name = selector.contains("{") ? selector.substring(0, selector.indexOf('{')) : selector;
                    Map<String, String> labels = prometheusLabels(promPort, selector);
                    await("every sample of " + selector + " that Prometheus holds, in Vigil", () -> {
                        Map<Long, Double> stored = vigilSamples(node, name, labels);
                        return stored.entrySet().containsAll(expected.entrySet()) ? stored : null;
                    }, log);
                }
                String output = Files.readString(log);
                for (String problem : new String[] {"non-recoverable error", "Failed to send batch", "remote write returned HTTP status"}) {
                    assertFalse(output.contains(problem), () -> "Prometheus logged '" + problem + "':\n" + tail(output));
                }
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Series of {@code selector} in Vigil over the last 10 minutes, via the public query API (agg=count). */
    private JsonArray query(String selector, int port) {
        Instant now = Instant.now();
        String url = "http://127.0.0.1:" + port + "/api/v1/metrics/query?query=" + enc(selector) + "&from=" + enc(now.minusSeconds(600))
                + "&to=" + enc(now.plusSeconds(60)) + "&step=1m&agg=count";
        JsonObject reply = new JsonObject(get(url));
        return reply.getJsonArray("series");
    }

    /** Raw samples of a range-vector selector from Prometheus' own HTTP API: timestamp ms to value. */
    private Map<Long, Double> prometheusSamples(int port, String rangeSelector) {
        JsonObject reply = new JsonObject(get("http://127.0.0.1:" + port + "/api/v1/query?query=" + enc(rangeSelector)));
        JsonArray result = reply.getJsonObject("data").getJsonArray("result");
        assertEquals(1, result.size(), () -> "one series for " + rangeSelector + " in Prometheus: " + reply);
        Map<Long, Double> out = new TreeMap<>();
        JsonArray values = result.getJsonObject(0).getJsonArray("values");
        for (int i = 0; i < values.size(); i++) {
            JsonArray point = values.getJsonArray(i);
            long ms = new BigDecimal(point.getValue(0).toString()).movePointRight(3).longValueExact();
            out.put(ms, Double.parseDouble(point.getString(1)));
        }
        return out;
    }

    /** The full label set (without __name__) of the one series matching {@code selector} in Prometheus. */
    private Map<String, String> prometheusLabels(int port, String selector) {
        JsonObject reply = new JsonObject(get("http://127.0.0.1:" + port + "/api/v1/query?query=" + enc(selector)));
        JsonObject metric = reply.getJsonObject("data").getJsonArray("result").getJsonObject(0).getJsonObject("metric");
        Map<String, String> labels = new TreeMap<>();
        metric.forEach(e -> {
            if (!e.getKey().equals("__name__")) {
                labels.put(e.getKey(), String.valueOf(e.getValue()));
            }
        });
        return labels;
    }

    /** Samples Vigil stored for exactly this label set. */
    private static Map<Long, Double> vigilSamples(VigilNode node, String name, Map<String, String> labels) {
        Map<Long, Double> out = new TreeMap<>();
        for (SeriesSamples series : node.pipeline().metrics().select(node.pipeline().snapshot(), name, List.of(), 1, Long.MAX_VALUE)) {
            if (series.labels().equals(labels)) {
                for (int i = 0; i < series.size(); i++) {
                    out.put(series.timestampsMillis()[i], series.values()[i]);
                }
            }
        }
        return out;
    }

    private <T> T await(String what, Supplier<T> probe, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                fail("timed out after 60 s waiting for " + what + "; Prometheus log:\n" + tail(Files.readString(log)));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), () -> url + ": " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String enc(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
}
